/**
 * Keyset ("continue after this row") conditions for the queue's page plans, in SQLite's order of
 * sort keys. Pure functions over column names and the cursor row's values; the queue repository
 * decides which plan uses which.
 */

/** A plan fragment: SQL text and its positional parameters, kept together. */
export interface Sql {
  text: string;
  params: unknown[];
}

/** The sort keys of the row a keyset page continues after. */
export type Cursor = Record<string, string | number | null>;

/** Sort columns that may be NULL (NULL sorts first ascending, last descending). */
export const NULLABLE = new Set(['candidate_sort', 'job_sort', 'package_sort']);

export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/** SQLite's order for sort keys: NULL first, then numbers and strings by binary compare. */
export function compareKeys(
  a: string | number | null | undefined,
  b: string | number | null | undefined,
) {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return a < b ? -1 : 1;
}

export function rowValue(columns: readonly string[], op: string, cursor: Cursor): Sql {
  const params = columns.map((c) => cursor[c]);
  if (columns.length === 1) return { text: `${columns[0]} ${op} ?`, params };
  return {
    text: `(${columns.join(', ')}) ${op} (${placeholders(columns.length)})`,
    params,
  };
}

/**
 * The keyset range of one index arm, as ` AND …` ranges (one per sub-arm; none when the whole arm
 * sorts before the cursor). Arm constants (its status, its kind) that lead the sort decide whole
 * arms; the remaining keys become one row-value range that the arm's index seeks to. A nullable
 * leading key splits the arm into its NULL and non-NULL parts, so each stays an index range.
 */
export function keysetArm(
  keys: readonly string[],
  dir: 'ASC' | 'DESC',
  cursor: Cursor,
  constants: Cursor,
): Sql[] {
  const sign = dir === 'ASC' ? 1 : -1;
  let i = 0;
  for (; i < keys.length && keys[i]! in constants; i++) {
    const c = sign * compareKeys(constants[keys[i]!], cursor[keys[i]!]);
    if (c > 0) return [{ text: '', params: [] }];
    if (c < 0) return [];
  }
  const rest = keys.slice(i);
  const op = dir === 'ASC' ? '>' : '<';
  const first = rest[0]!;
  const and = (sql: Sql): Sql => ({ text: ` AND ${sql.text}`, params: sql.params });
  if (!NULLABLE.has(first)) return [and(rowValue(rest, op, cursor))];
  const nullPart = (): Sql => {
    const tail = rowValue(rest.slice(1), op, cursor);
    return { text: ` AND ${first} IS NULL AND ${tail.text}`, params: tail.params };
  };
  if (cursor[first] === null) {
    return dir === 'ASC'
      ? [nullPart(), { text: ` AND ${first} IS NOT NULL`, params: [] }]
      : [nullPart()];
  }
  // A non-NULL cursor: the row-value compare leaves NULL keys out, which is right ascending
  // (they came first) and needs their own sub-arm descending (they come last).
  const range = and(rowValue(rest, op, cursor));
  return dir === 'ASC' ? [range] : [range, { text: ` AND ${first} IS NULL`, params: [] }];
}

/** The keyset condition as one boolean expression, for plans that sort their (few) rows. */
export function keysetAfter(
  keys: readonly string[],
  dir: 'ASC' | 'DESC',
  cursor: Cursor,
  alias: string,
): Sql {
  const alternatives: string[] = [];
  const params: unknown[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = cursor[key];
    let beyond: string;
    const beyondParams: unknown[] = [];
    if (dir === 'ASC') {
      if (value === null) beyond = `${alias}${key} IS NOT NULL`;
      else {
        beyond = `${alias}${key} > ?`;
        beyondParams.push(value);
      }
    } else if (value === null) {
      continue;
    } else {
      beyond = `(${alias}${key} < ? OR ${alias}${key} IS NULL)`;
      beyondParams.push(value);
    }
    const equal = keys.slice(0, i).map((k) => `${alias}${k} IS ?`);
    alternatives.push(`(${[...equal, beyond].join(' AND ')})`);
    params.push(...keys.slice(0, i).map((k) => cursor[k]), ...beyondParams);
  }
  return { text: alternatives.length === 0 ? '0' : `(${alternatives.join(' OR ')})`, params };
}
