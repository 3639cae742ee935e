import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../../infra/db/open-database';
import { sortKey } from '../text';
import type { Job, JobInput, JobPosting, JobPostingInput, UpsertResult } from '../types';
import { ORDER_SEARCH_COLUMNS, OrderSearchIndex, type OrderSearchRow } from './order-search-index';
import { MissingReferences } from './missing-references';
import { cachedRecordFields, RecordTable, type RecordRow } from './record-table';

export function toJob(row: RecordRow): Job {
  return {
    ...cachedRecordFields(row),
    title: row.title as string | null,
    code: row.code as string | null,
    status: row.status as string | null,
  };
}

export function toJobPosting(row: RecordRow): JobPosting {
  return {
    ...cachedRecordFields(row),
    jobId: row.job_id as string | null,
    title: row.title as string | null,
    status: row.status as string | null,
    internal: row.internal as string | null,
  };
}

/** Jobs and job postings, and the job title denormalized onto orders. */
export class JobsRepository {
  private readonly jobs: RecordTable;
  private readonly postings: RecordTable;
  private readonly refreshOrders: Statement;
  private readonly missing: MissingReferences;
  private readonly orderSearch: OrderSearchIndex;

  constructor(db: SqliteDatabase) {
    this.orderSearch = new OrderSearchIndex(db);
    this.jobs = new RecordTable(db, 'jobs', ['title', 'title_sort', 'code', 'status']);
    this.postings = new RecordTable(db, 'job_postings', [
      'job_id',
      'title',
      'title_sort',
      'status',
      'internal',
    ]);
    // Only orders whose title or code changes are rewritten and re-indexed.
    this.refreshOrders = db.prepare(`
      UPDATE orders SET
        job_title = COALESCE(@title, job_title),
        job_sort = CASE WHEN @title IS NULL THEN job_sort ELSE @title_sort END,
        job_code = @code
      WHERE account_id = @account_id AND job_id = @id
        AND (job_title IS NOT COALESCE(@title, job_title) OR job_code IS NOT @code)
      RETURNING seq, ${ORDER_SEARCH_COLUMNS}`);
    this.missing = new MissingReferences(db);
  }

  upsertJobs(rows: readonly JobInput[], syncedAt = new Date().toISOString()): UpsertResult {
    let written = 0;
    for (const j of rows) {
      const title = j.title?.trim() || null;
      const values = { title, title_sort: sortKey(title), code: j.code, status: j.status };
      if (this.jobs.upsert(j.accountId, j.id, values, j.updatedAt, j.raw, syncedAt)) {
        written++;
        const refreshed = this.refreshOrders.all({
          title,
          title_sort: values.title_sort,
          code: j.code,
          account_id: j.accountId,
          id: j.id,
        }) as OrderSearchRow[];
        this.orderSearch.replaceAll(refreshed);
        this.missing.resolve('job', j.accountId, j.id);
      }
    }
    return { received: rows.length, written };
  }

  upsertJobPostings(
    rows: readonly JobPostingInput[],
    syncedAt = new Date().toISOString(),
  ): UpsertResult {
    let written = 0;
    for (const p of rows) {
      const title = p.title?.trim() || null;
      const values = {
        job_id: p.jobId,
        title,
        title_sort: sortKey(title),
        status: p.status,
        internal: p.internal,
      };
      if (this.postings.upsert(p.accountId, p.id, values, p.updatedAt, p.raw, syncedAt)) written++;
    }
    return { received: rows.length, written };
  }

  markJobMissing(accountId: string, id: string, syncedAt = new Date().toISOString()): void {
    this.jobs.markMissing(accountId, id, syncedAt);
    this.missing.resolve('job', accountId, id);
  }

  getJob(accountId: string, id: string): Job | null {
    const row = this.jobs.get(accountId, id);
    return row ? toJob(row) : null;
  }
}
