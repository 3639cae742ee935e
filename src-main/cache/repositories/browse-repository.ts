import type { SqliteDatabase } from '../../infra/db/open-database';
import { toFtsQuery } from '../fts-query';
import type { Candidate, Job, JobPosting } from '../types';
import { toCandidate } from './candidates-repository';
import { toJob, toJobPosting } from './jobs-repository';
import type { RecordRow } from './record-table';

export interface BrowsePage<T> {
  rows: T[];
  total: number;
}

export interface BrowseQuery {
  accountId?: string;
  search?: string;
  offset?: number;
  limit?: number;
}

/**
 * Paged lists of cached candidates, jobs and job postings for the screens that browse them
 * offline (not the queue, which has its own indexed plans). A search goes through the FTS index
 * and is ranked; without one, rows come in name/title order within an account.
 */
export class BrowseRepository {
  constructor(private readonly db: SqliteDatabase) {}

  candidates(query: BrowseQuery): BrowsePage<Candidate> {
    return this.page('candidates', 'candidates_fts', 'name_sort', query, toCandidate);
  }

  jobs(query: BrowseQuery): BrowsePage<Job> {
    return this.page('jobs', 'jobs_fts', 'title_sort', query, toJob);
  }

  jobPostings(query: Omit<BrowseQuery, 'search'> & { jobId?: string }): BrowsePage<JobPosting> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.accountId !== undefined) {
      where.push('account_id = ?');
      params.push(query.accountId);
    }
    if (query.jobId !== undefined) {
      where.push('job_id = ?');
      params.push(query.jobId);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM job_postings ${clause}`).get(...params) as {
        n: number;
      }
    ).n;
    const rows = this.db
      .prepare(
        `SELECT * FROM job_postings ${clause} ORDER BY account_id, title_sort, seq LIMIT ? OFFSET ?`,
      )
      .all(...params, query.limit ?? 100, query.offset ?? 0) as RecordRow[];
    return { rows: rows.map(toJobPosting), total };
  }

  private page<T>(
    table: string,
    fts: string,
    sortColumn: string,
    query: BrowseQuery,
    map: (row: RecordRow) => T,
  ): BrowsePage<T> {
    const limit = query.limit ?? 100;
    const offset = query.offset ?? 0;
    const match = query.search === undefined ? null : toFtsQuery(query.search);
    if (query.search !== undefined && match === null) return { rows: [], total: 0 };
    const account = query.accountId === undefined ? '' : 'AND t.account_id = ?';
    const accountParams = query.accountId === undefined ? [] : [query.accountId];
    if (match !== null) {
      const from = `FROM ${fts} f CROSS JOIN ${table} t ON t.seq = f.rowid WHERE ${fts} MATCH ? ${account}`;
      const total = (
        this.db.prepare(`SELECT count(*) AS n ${from}`).get(match, ...accountParams) as {
          n: number;
        }
      ).n;
      const rows = this.db
        .prepare(`SELECT t.* ${from} ORDER BY f.rank, t.seq LIMIT ? OFFSET ?`)
        .all(match, ...accountParams, limit, offset) as RecordRow[];
      return { rows: rows.map(map), total };
    }
    const from = `FROM ${table} t WHERE 1 ${account}`;
    const total = (
      this.db.prepare(`SELECT count(*) AS n ${from}`).get(...accountParams) as { n: number }
    ).n;
    const rows = this.db
      .prepare(`SELECT t.* ${from} ORDER BY t.account_id, t.${sortColumn}, t.seq LIMIT ? OFFSET ?`)
      .all(...accountParams, limit, offset) as RecordRow[];
    return { rows: rows.map(map), total };
  }
}
