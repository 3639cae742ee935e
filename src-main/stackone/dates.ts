/**
 * Lenient date-time parsing for values coming from StackOne (which passes through whatever each
 * ATS sends). Accepts ISO 8601 / RFC 3339 with or without seconds, fractions and offset, with `T`
 * or a space, offsets as `Z`, `+hh:mm`, `+hhmm` or `+hh`, and plain dates. A value without an
 * offset is read as UTC (the ATS's zone is unknowable; UTC at least never depends on the machine
 * the desk runs on). Anything else, including impossible dates such as Feb 30 that `Date.parse`
 * would silently roll over, gives null: the caller stores null and keeps the raw JSON.
 */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Milliseconds since the epoch, or null. */
export function parseLenientDateMs(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = ISO.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  // Years before 1000 are sentinels ("0001-01-01" from .NET-based ATSs), and Date.UTC would
  // also map 0–99 onto 1900–1999.
  if (year < 1000) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  // 24:00 and leap seconds are legal in some sources but too rare to be worth the ambiguity.
  if (hour > 23 || minute > 59 || second > 59) return null;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  return local - offsetMinutes * 60_000;
}

/** Canonical UTC ISO string (`2021-01-01T01:01:01.000Z`), or null. */
export function parseLenientDate(value: unknown): string | null {
  const ms = parseLenientDateMs(value);
  return ms === null ? null : new Date(ms).toISOString();
}
