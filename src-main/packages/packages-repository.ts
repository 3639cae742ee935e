import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../infra/db/open-database';
import { PACKAGE_TABLES, type OrderKind } from '../cache/order-status';
import { sortKey } from '../cache/text';
import type { Package, PackageInput, UpsertResult } from '../cache/types';
import {
  ORDER_SEARCH_COLUMNS,
  OrderSearchIndex,
  type OrderSearchRow,
} from '../cache/repositories/order-search-index';
import {
  cachedRecordFields,
  RecordTable,
  type RecordRow,
} from '../cache/repositories/record-table';

function toPackage(kind: OrderKind, row: RecordRow): Package {
  return {
    ...cachedRecordFields(row),
    kind,
    name: row.name as string | null,
    description: row.description as string | null,
  };
}

/** Assessment and background-check packages, and the package name denormalized onto orders. */
export class PackagesRepository {
  private readonly tables: Record<OrderKind, RecordTable>;
  private readonly refreshOrders: Statement;
  private readonly listStatements: Record<OrderKind, Statement>;
  private readonly orderSearch: OrderSearchIndex;

  constructor(db: SqliteDatabase) {
    this.orderSearch = new OrderSearchIndex(db);
    const columns = ['name', 'name_sort', 'description'];
    this.tables = {
      assessment: new RecordTable(db, PACKAGE_TABLES.assessment, columns),
      background_check: new RecordTable(db, PACKAGE_TABLES.background_check, columns),
    };
    this.refreshOrders = db.prepare(`
      UPDATE orders SET package_name = @name, package_sort = @name_sort
      WHERE account_id = @account_id AND package_id = @id AND kind = @kind
        AND package_name IS NOT @name
      RETURNING seq, ${ORDER_SEARCH_COLUMNS}`);
    this.listStatements = {
      assessment: db.prepare(
        `SELECT * FROM ${PACKAGE_TABLES.assessment} WHERE account_id = ? ORDER BY name_sort, seq`,
      ),
      background_check: db.prepare(
        `SELECT * FROM ${PACKAGE_TABLES.background_check} WHERE account_id = ? ORDER BY name_sort, seq`,
      ),
    };
  }

  upsertPackages(
    kind: OrderKind,
    rows: readonly PackageInput[],
    syncedAt = new Date().toISOString(),
  ): UpsertResult {
    let written = 0;
    for (const p of rows) {
      const name = p.name?.trim() || null;
      const values = { name, name_sort: sortKey(name), description: p.description };
      if (this.tables[kind].upsert(p.accountId, p.id, values, p.updatedAt, p.raw, syncedAt)) {
        written++;
        // A package without a name keeps the name its orders' events carried.
        if (name !== null)
          this.orderSearch.replaceAll(
            this.refreshOrders.all({
              ...values,
              account_id: p.accountId,
              id: p.id,
              kind,
            }) as OrderSearchRow[],
          );
      }
    }
    return { received: rows.length, written };
  }

  markMissing(
    kind: OrderKind,
    accountId: string,
    id: string,
    syncedAt = new Date().toISOString(),
  ): void {
    this.tables[kind].markMissing(accountId, id, syncedAt);
  }

  get(kind: OrderKind, accountId: string, id: string): Package | null {
    const row = this.tables[kind].get(accountId, id);
    return row ? toPackage(kind, row) : null;
  }

  list(kind: OrderKind, accountId: string): Package[] {
    return (this.listStatements[kind].all(accountId) as RecordRow[]).map((r) => toPackage(kind, r));
  }
}
