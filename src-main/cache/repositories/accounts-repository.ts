import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../../infra/db/open-database';
import { sortKey } from '../text';
import type { LinkedAccount, LinkedAccountInput, UpsertResult } from '../types';

/** Linked accounts (the provider's customers), and their name + ATS denormalized onto orders. */
export class AccountsRepository {
  private readonly upsert: Statement;
  private readonly refreshOrders: Statement;
  private readonly listStatement: Statement;

  constructor(db: SqliteDatabase) {
    this.upsert = db.prepare(`
      INSERT INTO linked_accounts (id, name, provider, name_sort, updated_at)
      VALUES (@id, @name, @provider, @name_sort, @updated_at)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, provider = excluded.provider,
        name_sort = excluded.name_sort, updated_at = excluded.updated_at
      WHERE excluded.name IS NOT linked_accounts.name OR excluded.provider IS NOT linked_accounts.provider`);
    // Orders sort by customer name; the account id breaks ties so two customers never interleave.
    this.refreshOrders = db.prepare(`
      UPDATE orders SET account_name = @name, account_provider = @provider, account_sort = @account_sort
      WHERE account_id = @id`);
    this.listStatement = db.prepare(
      'SELECT id, name, provider FROM linked_accounts ORDER BY name_sort, id',
    );
  }

  upsertAccounts(rows: readonly LinkedAccountInput[]): UpsertResult {
    let written = 0;
    const now = new Date().toISOString();
    for (const a of rows) {
      const values = {
        id: a.id,
        name: a.name,
        provider: a.provider,
        name_sort: sortKey(a.name),
        updated_at: now,
      };
      if (this.upsert.run(values).changes > 0) {
        written++;
        this.refreshOrders.run({ ...values, account_sort: accountSortKey(a.name, a.id) });
      }
    }
    return { received: rows.length, written };
  }

  list(): LinkedAccount[] {
    return this.listStatement.all() as LinkedAccount[];
  }
}

/** U+001F sorts below every printable character, so a shorter name sorts first. */
export const ACCOUNT_SORT_SEPARATOR = '\u001f';

/** Name first, id second: customers with the same name still sort as separate blocks. */
export function accountSortKey(name: string | null, accountId: string): string {
  return `${sortKey(name)}${ACCOUNT_SORT_SEPARATOR}${accountId}`;
}
