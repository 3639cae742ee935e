import type { BgJobState, BgPackageJob, BgPackageValues } from '../../src-shared/contract';
import type { SqliteDatabase } from '../infra/db/open-database';

/**
 * Queued background-check package writes (migration 0010's package_jobs), the durable part of
 * src-main/packages/package-queue.ts. Write methods are called by the cache writer only.
 */

export interface NewPackageJob {
  id: string;
  accountId: string;
  op: BgPackageJob['op'];
  packageId: string | null;
  values: BgPackageValues | null;
}

/** How an attempt ended. */
export interface PackageJobOutcome {
  state: Exclude<BgJobState, 'sending'>;
  packageId?: string | null;
  nextAttemptAt: string | null;
  lastError: string | null;
  lastStatus: number | null;
}

interface JobRow {
  id: string;
  account_id: string;
  op: BgPackageJob['op'];
  package_id: string | null;
  values_json: string | null;
  state: BgJobState;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  last_status: number | null;
  created_at: string;
  updated_at: string;
}

function toJob(r: JobRow): BgPackageJob {
  return {
    id: r.id,
    accountId: r.account_id,
    op: r.op,
    packageId: r.package_id,
    values: r.values_json ? (JSON.parse(r.values_json) as BgPackageValues) : null,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    lastStatus: r.last_status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export class PackageJobsRepository {
  private readonly s;

  constructor(db: SqliteDatabase) {
    this.s = {
      insert: db.prepare(`
        INSERT INTO package_jobs (id, account_id, op, package_id, values_json, state, created_at,
          updated_at)
        VALUES (@id, @accountId, @op, @packageId, @values, 'queued', @at, @at)`),
      get: db.prepare('SELECT * FROM package_jobs WHERE id = ?'),
      // The first unfinished job of each account, when it is due: an account's jobs go strictly
      // in order (an update must not overtake the create it edits), a parked one holds back its
      // account only.
      runnable: db.prepare(`
        SELECT j.* FROM package_jobs j
        WHERE j.seq IN (SELECT min(seq) FROM package_jobs WHERE state <> 'done' GROUP BY account_id)
          AND j.state IN ('queued', 'checking')
          AND (j.next_attempt_at IS NULL OR j.next_attempt_at <= ?)
        ORDER BY j.seq LIMIT ?`),
      nextAttemptAt: db.prepare(`
        SELECT min(next_attempt_at) AS at FROM package_jobs
        WHERE state IN ('queued', 'checking') AND next_attempt_at IS NOT NULL`),
      ofAccount: db.prepare(`
        SELECT * FROM package_jobs
        WHERE account_id = ? AND (state <> 'done' OR updated_at >= ?) ORDER BY seq DESC`),
      doneCreates: db.prepare(`
        SELECT package_id FROM package_jobs
        WHERE account_id = ? AND op = 'create' AND package_id IS NOT NULL AND id <> ?`),
      begin: db.prepare(`
        UPDATE package_jobs SET state = 'sending', attempts = attempts + 1, updated_at = ?
        WHERE id = ? AND state IN ('queued', 'checking') RETURNING attempts`),
      finish: db.prepare(`
        UPDATE package_jobs SET state = @state, package_id = coalesce(@packageId, package_id),
          next_attempt_at = @nextAttemptAt, last_error = @lastError, last_status = @lastStatus,
          updated_at = @at
        WHERE id = @id`),
      // A create cut off mid-request may exist: it is checked before anything is sent again.
      recoverCreates: db.prepare(`
        UPDATE package_jobs SET state = 'checking', next_attempt_at = NULL,
          last_error = 'The desk stopped while this was being sent; checking whether it arrived.',
          updated_at = ?
        WHERE state = 'sending' AND op = 'create'`),
      recoverOthers: db.prepare(`
        UPDATE package_jobs SET state = 'queued', next_attempt_at = NULL, updated_at = ?
        WHERE state = 'sending'`),
      retry: db.prepare(`
        UPDATE package_jobs SET state = CASE WHEN state = 'parked' THEN 'queued' ELSE state END,
          next_attempt_at = NULL, updated_at = ?
        WHERE id = ? AND state IN ('queued', 'checking', 'parked')`),
      discard: db.prepare(
        "DELETE FROM package_jobs WHERE id = ? AND state IN ('queued', 'parked')",
      ),
    };
  }

  get(id: string): BgPackageJob | null {
    const row = this.s.get.get(id) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  runnable(now: string, limit: number): BgPackageJob[] {
    return (this.s.runnable.all(now, limit) as JobRow[]).map(toJob);
  }

  nextAttemptAt(): string | null {
    return (this.s.nextAttemptAt.get() as { at: string | null }).at;
  }

  /** An account's unfinished jobs and those finished since `since`, newest first. */
  ofAccount(accountId: string, since: string): BgPackageJob[] {
    return (this.s.ofAccount.all(accountId, since) as JobRow[]).map(toJob);
  }

  /** Package ids other creates of the account already made or claimed (never matched twice). */
  claimedIds(accountId: string, exceptJobId: string): Set<string> {
    return new Set(
      (this.s.doneCreates.all(accountId, exceptJobId) as { package_id: string }[]).map(
        (r) => r.package_id,
      ),
    );
  }

  enqueue(job: NewPackageJob, at: string): BgPackageJob {
    this.s.insert.run({
      ...job,
      values: job.values ? JSON.stringify(job.values) : null,
      at,
    });
    return this.get(job.id) as BgPackageJob;
  }

  /** Stored before the request leaves; null when the job is gone or not runnable. */
  beginAttempt(id: string, at: string): { attempt: number } | null {
    const row = this.s.begin.get(at, id) as { attempts: number } | undefined;
    return row ? { attempt: row.attempts } : null;
  }

  finishAttempt(id: string, outcome: PackageJobOutcome, at: string): void {
    this.s.finish.run({ id, at, packageId: null, ...outcome });
  }

  recoverInterrupted(at: string): number {
    return this.s.recoverCreates.run(at).changes + this.s.recoverOthers.run(at).changes;
  }

  retry(id: string, at: string): boolean {
    return this.s.retry.run(at, id).changes > 0;
  }

  /**
   * Drops a queued or parked job: neither reached the ATS (an outcome that may have is
   * `checking`, and stays until the listing says).
   */
  discard(id: string): boolean {
    return this.s.discard.run(id).changes > 0;
  }
}
