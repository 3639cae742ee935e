/**
 * Times as coordinators read them: relative where it drives a decision ("in 3 h", "overdue 2 d"),
 * in the user's locale everywhere, with the full timestamp available on hover.
 */
import { isDueWithin } from '../../../src-shared/contract';

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

/**
 * How a due time reads: overdue (red, with an icon), soon (within DUE_SOON_MS, with a clock),
 * today (later today), later, or past (a closed order's due time).
 */
export type DueTone = 'overdue' | 'soon' | 'today' | 'later' | 'past';

export interface DueText {
  text: string;
  /** Past due and still open: shown in red with an icon, never by colour alone. */
  overdue: boolean;
  tone: DueTone;
}

/**
 * The Due column. `overdue` comes from main (only open orders can be overdue); a closed order
 * whose due time has passed just says when it was due, and only an open one is "soon" or "today"
 * (the windows of the Due soon and Due today quick filters; without a status, neither).
 */
export function formatDue(dueAt: string, now: number, overdue: boolean, status?: string): DueText {
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return { text: 'No due time', overdue: false, tone: 'later' };
  const delta = due - now;
  if (overdue) return { text: `overdue ${formatSpan(delta)}`, overdue: true, tone: 'overdue' };
  if (delta < 0) return { text: `${formatSpan(delta)} ago`, overdue: false, tone: 'past' };
  if (status !== undefined && isDueWithin(status, due, 'soon', now))
    return { text: `in ${formatSpan(delta)}`, overdue: false, tone: 'soon' };
  if (status !== undefined && isDueWithin(status, due, 'today', now))
    return { text: `today ${timeFormat.format(due)}`, overdue: false, tone: 'today' };
  return { text: `in ${formatSpan(delta)}`, overdue: false, tone: 'later' };
}

/** The words before a due time's full timestamp on hover and on the order page. */
export const DUE_TONE_WORDS: Record<DueTone, string> = {
  overdue: 'Overdue',
  soon: 'Due soon',
  today: 'Due today',
  later: 'Due',
  past: 'Was due',
};

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
