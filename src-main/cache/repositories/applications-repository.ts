import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../../infra/db/open-database';
import type { Application, ApplicationInput, UpsertResult } from '../types';
import { MissingReferences } from './missing-references';
import { cachedRecordFields, RecordTable, type RecordRow } from './record-table';

export function toApplication(row: RecordRow): Application {
  return {
    ...cachedRecordFields(row),
    candidateId: row.candidate_id as string | null,
    jobId: row.job_id as string | null,
    status: row.status as string | null,
    stageName: row.stage_name as string | null,
  };
}

export class ApplicationsRepository {
  private readonly records: RecordTable;
  private readonly missing: MissingReferences;
  private readonly byCandidate: Statement;

  constructor(db: SqliteDatabase) {
    this.records = new RecordTable(db, 'applications', [
      'candidate_id',
      'job_id',
      'status',
      'stage_name',
    ]);
    this.missing = new MissingReferences(db);
    this.byCandidate = db.prepare(
      'SELECT * FROM applications WHERE account_id = ? AND candidate_id = ? ORDER BY updated_at DESC, seq DESC',
    );
  }

  upsertApplications(
    rows: readonly ApplicationInput[],
    syncedAt = new Date().toISOString(),
  ): UpsertResult {
    let written = 0;
    for (const a of rows) {
      const values = {
        candidate_id: a.candidateId,
        job_id: a.jobId,
        status: a.status,
        stage_name: a.stageName,
      };
      if (this.records.upsert(a.accountId, a.id, values, a.updatedAt, a.raw, syncedAt)) {
        written++;
        this.missing.resolve('application', a.accountId, a.id);
      }
    }
    return { received: rows.length, written };
  }

  markMissing(accountId: string, id: string, syncedAt = new Date().toISOString()): void {
    this.records.markMissing(accountId, id, syncedAt);
    this.missing.resolve('application', accountId, id);
  }

  get(accountId: string, id: string): Application | null {
    const row = this.records.get(accountId, id);
    return row ? toApplication(row) : null;
  }

  listForCandidate(accountId: string, candidateId: string): Application[] {
    return (this.byCandidate.all(accountId, candidateId) as RecordRow[]).map(toApplication);
  }
}
