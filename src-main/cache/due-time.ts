/**
 * Due time = received time + the package's turnaround: an exact (kind, account, package) setting,
 * else the package's all-accounts setting (account '*'), else the workspace default. Written as one
 * SQL expression so that the order upsert and every recompute use the very same rule.
 *
 * Arguments are SQL expressions: named parameters or table-qualified columns (`orders.kind`; a
 * bare `kind` would resolve to package_turnarounds' own column inside the subquery).
 */
export function turnaroundHoursSql(kind: string, accountId: string, packageId: string): string {
  return `COALESCE(
    (SELECT t.hours FROM package_turnarounds AS t
      WHERE t.kind = ${kind} AND t.account_id = ${accountId} AND t.package_id = ${packageId}),
    (SELECT t.hours FROM package_turnarounds AS t
      WHERE t.kind = ${kind} AND t.account_id = '*' AND t.package_id = ${packageId}),
    (SELECT CAST(value AS REAL) FROM settings WHERE key = 'default_turnaround_hours'))`;
}

export function dueAtSql(
  receivedAt: string,
  kind: string,
  accountId: string,
  packageId: string,
): string {
  return dueAtFromHoursSql(receivedAt, turnaroundHoursSql(kind, accountId, packageId));
}

/** The due time for a turnaround already looked up (a bulk upsert looks it up once per package). */
export function dueAtFromHoursSql(receivedAt: string, hours: string): string {
  return `(${receivedAt} + CAST(ROUND(${hours} * 3600000) AS INTEGER))`;
}

/** Every package in every account (the provider's catalog is shared by all customers). */
export const ALL_ACCOUNTS = '*';

export const DEFAULT_TURNAROUND_HOURS = 48;
