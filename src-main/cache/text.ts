/**
 * The key the cache sorts names by: case-, width- and diacritics-insensitive, so that "émile"
 * sorts with "Emile" (SQLite's NOCASE folds ASCII only). Computed in TypeScript and stored, never
 * as a custom SQL function in an index, so that the file stays readable by any SQLite. Never
 * NULL: a missing name is '', which sorts first, and a queue page continues after any key as one
 * row-value range of its index (see migration 0006).
 */
export function sortKey(text: string | null | undefined): string {
  if (text === null || text === undefined) return '';
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .trim();
}

/** A person's display name from whatever StackOne gave: `name`, else first + last. */
export function displayName(
  name: string | null | undefined,
  first: string | null | undefined,
  last: string | null | undefined,
): string | null {
  const full = name?.trim();
  if (full) return full;
  const joined = [first?.trim(), last?.trim()].filter((p) => p).join(' ');
  return joined === '' ? null : joined;
}

export function isoFromMs(ms: number): string {
  return new Date(ms).toISOString();
}

/** Parses an ISO timestamp (any offset) to epoch ms; throws on garbage so bad input never sorts. */
export function msFromIso(iso: string, field: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms))
    throw new TypeError(`${field} is not a valid timestamp: ${JSON.stringify(iso)}`);
  return ms;
}
