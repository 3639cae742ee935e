import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../infra/db/open-database';
import { ALL_ACCOUNTS, dueAtSql } from '../cache/due-time';
import { PACKAGE_TABLES, type OrderKind } from '../cache/order-status';

/** One package as the due-times settings show it. */
export interface PackageTurnaroundOverview {
  kind: OrderKind;
  packageId: string;
  name: string | null;
  /** Cached orders for the package, over every account. */
  orders: number;
  /** Its all-accounts ('*') setting; null = the workspace default applies. */
  hours: number | null;
}

export interface PackageTurnaround {
  kind: OrderKind;
  /** '*' = this package in every account. */
  accountId: string;
  packageId: string;
  hours: number;
}

function assertHours(hours: number): void {
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 365) {
    throw new RangeError(`Turnaround must be between 0 and 8760 hours, got ${hours}`);
  }
}

const ORDER_DUE = dueAtSql(
  'orders.received_at',
  'orders.kind',
  'orders.account_id',
  'orders.package_id',
);

/**
 * Turnaround settings and the due times that follow from them. Every change recomputes the due
 * time of exactly the orders it affects, in the caller's transaction (or its own).
 */
export class TurnaroundsRepository {
  private readonly getDefault: Statement;
  private readonly putDefault: Statement;
  private readonly putPackage: Statement;
  private readonly deletePackage: Statement;
  private readonly listStatement: Statement;
  private readonly recomputeAccount: Statement;
  private readonly recomputeAllAccounts: Statement;
  private readonly recomputeEverything: Statement;
  private readonly overviewStatement: Statement;

  constructor(private readonly db: SqliteDatabase) {
    this.getDefault = db.prepare(
      "SELECT CAST(value AS REAL) AS hours FROM settings WHERE key = 'default_turnaround_hours'",
    );
    this.putDefault = db.prepare(
      "INSERT INTO settings (key, value) VALUES ('default_turnaround_hours', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
    this.putPackage = db.prepare(`
      INSERT INTO package_turnarounds (kind, account_id, package_id, hours, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (kind, account_id, package_id) DO UPDATE SET hours = excluded.hours, updated_at = excluded.updated_at`);
    this.deletePackage = db.prepare(
      'DELETE FROM package_turnarounds WHERE kind = ? AND account_id = ? AND package_id = ?',
    );
    this.listStatement = db.prepare(
      'SELECT kind, account_id AS accountId, package_id AS packageId, hours FROM package_turnarounds ORDER BY kind, package_id, account_id',
    );
    // Only rows whose due time actually changes are written (and so re-indexed).
    this.recomputeAccount = db.prepare(`
      UPDATE orders INDEXED BY orders_by_package SET due_at = ${ORDER_DUE}
      WHERE account_id = @account_id AND package_id = @package_id AND kind = @kind AND due_at IS NOT ${ORDER_DUE}`);
    // order_counts lists the accounts that have orders for the package: one index range each.
    this.recomputeAllAccounts = db.prepare(`
      UPDATE orders INDEXED BY orders_by_package SET due_at = ${ORDER_DUE}
      WHERE account_id IN (SELECT DISTINCT account_id FROM order_counts WHERE kind = @kind AND package_id = @package_id)
        AND package_id = @package_id AND kind = @kind AND due_at IS NOT ${ORDER_DUE}`);
    // A new default touches every order without its own setting; rare, so a full pass is fine.
    this.recomputeEverything = db.prepare(
      `UPDATE orders SET due_at = ${ORDER_DUE} WHERE due_at IS NOT ${ORDER_DUE}`,
    );
    // Every package the desk knows of: from either catalog, from the orders (order_counts, a few
    // hundred rows) or from a setting. A name comes from a catalog row, else from an order's event.
    this.overviewStatement = db.prepare(`
      WITH known (kind, package_id) AS (
        SELECT 'assessment', id FROM ${PACKAGE_TABLES.assessment} WHERE missing = 0
        UNION SELECT 'background_check', id FROM ${PACKAGE_TABLES.background_check} WHERE missing = 0
        UNION SELECT kind, package_id FROM order_counts WHERE package_id <> ''
        UNION SELECT kind, package_id FROM package_turnarounds WHERE account_id = '${ALL_ACCOUNTS}'
      )
      SELECT k.kind, k.package_id AS packageId,
        COALESCE(
          CASE k.kind
            WHEN 'assessment' THEN (SELECT p.name FROM ${PACKAGE_TABLES.assessment} AS p
              WHERE p.id = k.package_id AND p.name IS NOT NULL LIMIT 1)
            ELSE (SELECT p.name FROM ${PACKAGE_TABLES.background_check} AS p
              WHERE p.id = k.package_id AND p.name IS NOT NULL LIMIT 1)
          END,
          (SELECT o.package_name FROM orders AS o INDEXED BY orders_by_package
            WHERE o.account_id IN (SELECT DISTINCT c.account_id FROM order_counts AS c
                WHERE c.kind = k.kind AND c.package_id = k.package_id)
              AND o.package_id = k.package_id AND o.package_name IS NOT NULL LIMIT 1)
        ) AS name,
        (SELECT COALESCE(sum(c.n), 0) FROM order_counts AS c
          WHERE c.kind = k.kind AND c.package_id = k.package_id) AS orders,
        (SELECT t.hours FROM package_turnarounds AS t
          WHERE t.kind = k.kind AND t.account_id = '${ALL_ACCOUNTS}' AND t.package_id = k.package_id) AS hours
      FROM known AS k
      ORDER BY name IS NULL, name COLLATE NOCASE, k.package_id, k.kind`);
  }

  /** Every known package with its own all-accounts turnaround (null = the default applies). */
  overview(): PackageTurnaroundOverview[] {
    return this.overviewStatement.all() as PackageTurnaroundOverview[];
  }

  defaultHours(): number {
    return (this.getDefault.get() as { hours: number }).hours;
  }

  /** Returns how many orders got a new due time. */
  setDefaultHours(hours: number): number {
    assertHours(hours);
    return this.db.transaction(() => {
      this.putDefault.run(String(hours));
      return this.recomputeEverything.run().changes;
    })();
  }

  list(): PackageTurnaround[] {
    return this.listStatement.all() as PackageTurnaround[];
  }

  /** Sets (hours) or clears (null) a package's turnaround; returns how many orders got a new due time. */
  setPackageHours(
    kind: OrderKind,
    accountId: string,
    packageId: string,
    hours: number | null,
  ): number {
    if (hours !== null) assertHours(hours);
    return this.db.transaction(() => {
      if (hours === null) this.deletePackage.run(kind, accountId, packageId);
      else this.putPackage.run(kind, accountId, packageId, hours, new Date().toISOString());
      if (accountId === ALL_ACCOUNTS) {
        return this.recomputeAllAccounts.run({ kind, package_id: packageId }).changes;
      }
      return this.recomputeAccount.run({ kind, account_id: accountId, package_id: packageId })
        .changes;
    })();
  }
}
