/**
 * The form's date fields are `<input type="datetime-local">`: a wall-clock time with no zone. The
 * coordinator means their own zone, so the wire value carries its offset at that instant
 * (local wall-clock time with its offset, such as `+01:00`), never a silent conversion to UTC.
 */

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** "+01:00" for the local zone at this instant (DST included). */
export function offsetOf(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.trunc(minutes / 60))}:${pad(minutes % 60)}`;
}

function localParts(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A datetime-local value as ISO 8601 with the local offset; '' stays '' (no date), and text the
 * input cannot have produced is returned as it is, for validation to name.
 */
export function localInputToIso(value: string): string {
  if (value.trim() === '') return '';
  const m = LOCAL_INPUT.exec(value.trim());
  if (!m) return value;
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
  );
  if (Number.isNaN(date.getTime())) return value;
  // Formatted from the Date, not the input: a time inside a DST gap becomes the instant it is.
  return `${localParts(date)}:${pad(date.getSeconds())}${offsetOf(date)}`;
}

/** An ISO instant as the datetime-local value showing it in the local zone; seconds only if any. */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const date = new Date(t);
  const seconds = date.getSeconds();
  return seconds ? `${localParts(date)}:${pad(seconds)}` : localParts(date);
}

/** The datetime-local value for now (to the minute). */
export function nowLocalInput(now = new Date()): string {
  return localParts(now);
}

/** "Europe/Berlin, UTC+01:00": the zone the date fields are read in. */
export function timeZoneLabel(at = new Date()): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const offset = offsetOf(at);
  return zone ? `${zone}, UTC${offset}` : `UTC${offset}`;
}
