import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../../infra/db/open-database';
import { displayName, sortKey } from '../text';
import type { Candidate, CandidateInput, UpsertResult } from '../types';
import { ORDER_SEARCH_COLUMNS, OrderSearchIndex, type OrderSearchRow } from './order-search-index';
import { MissingReferences } from './missing-references';
import { cachedRecordFields, RecordTable, type RecordRow } from './record-table';

export function toCandidate(row: RecordRow): Candidate {
  return {
    ...cachedRecordFields(row),
    name: row.name as string | null,
    firstName: row.first_name as string | null,
    lastName: row.last_name as string | null,
    email: row.email as string | null,
    emails:
      typeof row.emails_text === 'string' && row.emails_text !== ''
        ? row.emails_text.split(' ')
        : [],
  };
}

/** Candidates, and the candidate columns denormalized onto their orders. */
export class CandidatesRepository {
  private readonly records: RecordTable;
  private readonly refreshOrders: Statement;
  private readonly missing: MissingReferences;
  private readonly byId: Statement;
  private readonly orderSearch: OrderSearchIndex;

  constructor(db: SqliteDatabase) {
    this.orderSearch = new OrderSearchIndex(db);
    this.records = new RecordTable(db, 'candidates', [
      'name',
      'name_sort',
      'first_name',
      'last_name',
      'email',
      'emails_text',
    ]);
    // A candidate without a name keeps the name its order event carried. Only orders whose text
    // changes are rewritten (and re-indexed for search).
    this.refreshOrders = db.prepare(`
      UPDATE orders SET
        candidate_name = COALESCE(@name, candidate_name),
        candidate_sort = CASE WHEN @name IS NULL THEN candidate_sort ELSE @name_sort END,
        candidate_email = COALESCE(@email, candidate_email)
      WHERE account_id = @account_id AND candidate_id = @id
        AND (candidate_name IS NOT COALESCE(@name, candidate_name)
          OR candidate_email IS NOT COALESCE(@email, candidate_email))
      RETURNING seq, ${ORDER_SEARCH_COLUMNS}`);
    this.missing = new MissingReferences(db);
    this.byId = db.prepare('SELECT * FROM candidates WHERE account_id = ? AND id = ?');
  }

  upsertCandidates(
    rows: readonly CandidateInput[],
    syncedAt = new Date().toISOString(),
  ): UpsertResult {
    let written = 0;
    for (const c of rows) {
      const name = displayName(c.name, c.firstName, c.lastName);
      const emails = c.emails.map((e) => e.trim()).filter((e) => e !== '' && !/\s/.test(e));
      const values = {
        name,
        name_sort: sortKey(name),
        first_name: c.firstName,
        last_name: c.lastName,
        email: emails[0] ?? null,
        emails_text: emails.length > 0 ? emails.join(' ') : null,
      };
      if (this.records.upsert(c.accountId, c.id, values, c.updatedAt, c.raw, syncedAt)) {
        written++;
        this.orderSearch.replaceAll(
          this.refreshOrders.all({
            ...values,
            account_id: c.accountId,
            id: c.id,
          }) as OrderSearchRow[],
        );
        this.missing.resolve('candidate', c.accountId, c.id);
      }
    }
    return { received: rows.length, written };
  }

  /** StackOne answered 404: keep what we knew, flag it, and stop asking the sync to fetch it. */
  markMissing(accountId: string, id: string, syncedAt = new Date().toISOString()): void {
    this.records.markMissing(accountId, id, syncedAt);
    this.missing.resolve('candidate', accountId, id);
  }

  get(accountId: string, id: string): Candidate | null {
    const row = this.byId.get(accountId, id) as RecordRow | undefined;
    return row ? toCandidate(row) : null;
  }
}
