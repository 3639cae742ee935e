/**
 * Due time = received time + the package's turnaround: an exact (kind, account, package) setting,
 * else the package's all-accounts setting (account '*'), else the workspace default. Written as one
 * SQL expression so that the order upsert and every recompute use the very same rule.
 *
 * Arguments are SQL expressions (column references or named parameters).
 */
export function turnaroundHoursSql(kind: string, accountId: string, packageId: string): string {
  return `COALESCE(
    (SELECT hours FROM package_turnarounds
      WHERE kind = ${kind} AND account_id = ${accountId} AND package_id = ${packageId}),
    (SELECT hours FROM package_turnarounds
      WHERE kind = ${kind} AND account_id = '*' AND package_id = ${packageId}),
    (SELECT CAST(value AS REAL) FROM settings WHERE key = 'default_turnaround_hours'))`;
}

export function dueAtSql(
  receivedAt: string,
  kind: string,
  accountId: string,
  packageId: string,
): string {
  return `(${receivedAt} + CAST(ROUND(${turnaroundHoursSql(kind, accountId, packageId)} * 3600000) AS INTEGER))`;
}

/** Every package in every account (the provider's catalog is shared by all customers). */
export const ALL_ACCOUNTS = '*';

export const DEFAULT_TURNAROUND_HOURS = 48;
