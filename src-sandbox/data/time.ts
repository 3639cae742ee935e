/**
 * A fast `Date#toISOString` for generation: it runs about a million times for 100k orders and the
 * built-in costs over a microsecond a call. Days are cached and digits come from tables. `join`
 * matters: it yields one flat string, where `+` or a template literal would leave a rope of
 * ~10 heap objects per timestamp (and far more GC work at 100k records).
 */

const DAY_MS = 86_400_000;
const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const dayPrefix = new Map<number, string>();

export function isoFromMs(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    if (dayPrefix.size < 20_000) dayPrefix.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return [prefix, TWO[h], ':', TWO[m], ':', TWO[s], '.', THREE[rest - s * 1000], 'Z'].join('');
}
