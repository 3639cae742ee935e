/**
 * Times as coordinators read them: relative where it drives a decision ("in 3 h", "overdue 2 d"),
 * in the user's locale everywhere, with the full timestamp available on hover.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "25 min", "3 h", "2 d": floored, so a deadline never looks further away than it is. */
export function formatSpan(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return '< 1 min';
  if (abs < HOUR) return `${Math.floor(abs / MINUTE)} min`;
  if (abs < 2 * DAY) return `${Math.floor(abs / HOUR)} h`;
  return `${Math.floor(abs / DAY)} d`;
}

export interface DueText {
  text: string;
  /** Past due and still open: shown in red with an icon, never by colour alone. */
  overdue: boolean;
}

/**
 * The Due column. `overdue` comes from main (only open orders can be overdue); a closed order
 * whose due time has passed just says when it was due.
 */
export function formatDue(dueAt: string, now: number, overdue: boolean): DueText {
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return { text: 'No due time', overdue: false };
  const delta = due - now;
  if (overdue) return { text: `overdue ${formatSpan(delta)}`, overdue: true };
  if (delta >= 0) return { text: `in ${formatSpan(delta)}`, overdue: false };
  return { text: `${formatSpan(delta)} ago`, overdue: false };
}

/** "5 s ago", "3 min ago", "2 h ago", then a date. For sync status lines. */
export function formatAgo(at: string | null, now: number): string {
  if (!at) return 'never';
  const t = Date.parse(at);
  if (Number.isNaN(t)) return 'never';
  const delta = Math.max(0, now - t);
  if (delta < 5_000) return 'just now';
  if (delta < MINUTE) return `${Math.floor(delta / 1000)} s ago`;
  if (delta < DAY) return `${formatSpan(delta)} ago`;
  return formatDateTime(at);
}

const fullFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'full',
  timeStyle: 'long',
});
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const sameYearFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** The hover text: every detail, in the user's locale and time zone. */
export function formatFull(at: string | null | undefined): string {
  if (!at) return '';
  const t = Date.parse(at);
  return Number.isNaN(t) ? at : fullFormat.format(t);
}

export function formatDateTime(at: string | null | undefined): string {
  if (!at) return '';
  const t = Date.parse(at);
  return Number.isNaN(t) ? at : dateTimeFormat.format(t);
}

/** Compact for dense columns: a time today, a day and time this year, else the full date. */
export function formatCompact(at: string | null | undefined, now: number): string {
  if (!at) return '';
  const t = Date.parse(at);
  if (Number.isNaN(t)) return at;
  const d = new Date(t);
  const n = new Date(now);
  if (d.toDateString() === n.toDateString()) return timeFormat.format(t);
  if (d.getFullYear() === n.getFullYear()) return sameYearFormat.format(t);
  return dateTimeFormat.format(t);
}

export function formatTime(at: string | null | undefined): string {
  if (!at) return '';
  const t = Date.parse(at);
  return Number.isNaN(t) ? at : timeFormat.format(t);
}
