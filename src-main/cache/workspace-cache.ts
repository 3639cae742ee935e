import { applyMigrations } from '../../src-shared/db/migrate';
import { openDatabase, type SqliteDatabase } from '../infra/db/open-database';
import { cacheMigrations } from './migrations';
import { AccountsRepository } from './repositories/accounts-repository';
import { ApplicationsRepository } from './repositories/applications-repository';
import { BrowseRepository } from './repositories/browse-repository';
import { CandidatesRepository } from './repositories/candidates-repository';
import { JobsRepository } from './repositories/jobs-repository';
import { OrdersRepository, toOrderSummary } from './repositories/orders-repository';
import { PackagesRepository } from '../packages/packages-repository';
import { QuarantineRepository } from '../sync/repositories/quarantine-repository';
import { QueueRepository } from './repositories/queue-repository';
import { ResultsRepository } from '../outbox/results-repository';
import { SyncStateRepository } from '../sync/repositories/sync-state-repository';
import { TeamRepository } from '../sync/repositories/team-repository';
import { TurnaroundsRepository } from '../packages/turnarounds-repository';
import type { Candidate, OrderDetail, OrderSummary, Application } from './types';
import { PackageJobsRepository } from '../packages/package-jobs-repository';
import { TeamRecordsRepository } from '../packages/team-records-repository';

export interface CandidateDetail {
  candidate: Candidate;
  applications: Application[];
  orders: OrderSummary[];
}

/**
 * One workspace's local cache: the repositories (which own all SQL) over one SQLite connection.
 * The app reads through the main connection; every write goes through the cache writer
 * (src-main/sync/writer/cache-writer.ts), which applies it on a connection of its own inside
 * `transaction`, so a write is stored entirely or not at all.
 */
export class WorkspaceCache {
  readonly accounts: AccountsRepository;
  readonly orders: OrdersRepository;
  readonly candidates: CandidatesRepository;
  readonly applications: ApplicationsRepository;
  readonly jobs: JobsRepository;
  readonly packages: PackagesRepository;
  readonly turnarounds: TurnaroundsRepository;
  readonly syncState: SyncStateRepository;
  readonly quarantine: QuarantineRepository;
  readonly queue: QueueRepository;
  readonly browse: BrowseRepository;
  readonly results: ResultsRepository;
  readonly team: TeamRepository;
  /** Issue 16's tables (src-main/packages/): the team's catalog and mappings, package jobs. */
  readonly teamRecords: TeamRecordsRepository;
  readonly packageJobs: PackageJobsRepository;

  constructor(readonly db: SqliteDatabase) {
    this.accounts = new AccountsRepository(db);
    this.orders = new OrdersRepository(db);
    this.candidates = new CandidatesRepository(db);
    this.applications = new ApplicationsRepository(db);
    this.jobs = new JobsRepository(db);
    this.packages = new PackagesRepository(db);
    this.turnarounds = new TurnaroundsRepository(db);
    this.syncState = new SyncStateRepository(db);
    this.quarantine = new QuarantineRepository(db);
    this.team = new TeamRepository(db);
    this.queue = new QueueRepository(db, this.team);
    this.browse = new BrowseRepository(db);
    this.results = new ResultsRepository(db);
    this.teamRecords = new TeamRecordsRepository(db);
    this.packageJobs = new PackageJobsRepository(db);
  }

  /** Runs `fn` in one transaction (nested calls become savepoints); rolls back if it throws. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** An order with everything its page shows, or null when the order is unknown. */
  getOrder(accountId: string, id: string): OrderDetail | null {
    const row = this.orders.getRow(accountId, id);
    if (!row) return null;
    return {
      ...toOrderSummary(row),
      remoteId: row.remote_id,
      eventId: row.event_id,
      resultsUpdateUrl: row.results_update_url,
      updatedAt: row.updated_at,
      rawEvent: JSON.parse(row.raw_json) as unknown,
      candidate:
        row.candidate_id === null ? null : this.candidates.get(accountId, row.candidate_id),
      application:
        row.application_id === null ? null : this.applications.get(accountId, row.application_id),
      job: row.job_id === null ? null : this.jobs.getJob(accountId, row.job_id),
      package:
        row.package_id === null ? null : this.packages.get(row.kind, accountId, row.package_id),
      history: this.orders.history(row.seq),
      team: this.team.teamOf({ accountId, id }, Date.now()),
    };
  }

  getCandidate(accountId: string, id: string): CandidateDetail | null {
    const candidate = this.candidates.get(accountId, id);
    if (!candidate) return null;
    return {
      candidate,
      applications: this.applications.listForCandidate(accountId, id),
      orders: this.orders.listForCandidate(accountId, id),
    };
  }

  close(): void {
    if (this.db.open) {
      // Leaves the WAL checkpointed so the file is self-contained when copied or backed up.
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
  }
}

/**
 * Page cache of a connection that writes a large sync. Inserts land in the sort indexes at random
 * places: with SQLite's default 2 MB page cache a large sync evicts (and, inside a transaction,
 * spills) index pages it needs again moments later. Measured at 50k orders: 3.0k → 4.9k orders/s
 * of CPU time with 64 MB. Pages are only allocated as they are used, so a small workspace stays
 * small.
 */
const WRITER_CACHE_KIB = 65_536;

/** Opens (creating if needed) a workspace cache file and brings its schema up to date. */
export function openWorkspaceCache(path: string): WorkspaceCache {
  const db = openDatabase(path);
  db.pragma(`cache_size = -${WRITER_CACHE_KIB}`);
  try {
    applyMigrations(db, cacheMigrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return new WorkspaceCache(db);
}

/**
 * A second connection to a cache file that `openWorkspaceCache` already opened and migrated: the
 * cache writer's thread. It never migrates (two connections must not race on the schema); a file
 * whose schema is not the one this build knows is refused. `cacheKib` sizes its page cache.
 */
export function connectWorkspaceCache(
  path: string,
  options: { cacheKib?: number } = {},
): WorkspaceCache {
  const db = openDatabase(path);
  try {
    const { version } = db
      .prepare('SELECT max(version) AS version FROM schema_migrations')
      .get() as {
      version: number | null;
    };
    if (version !== cacheMigrations.length) {
      throw new Error(
        `cache schema is ${version ?? 'missing'}, this build expects ${cacheMigrations.length}`,
      );
    }
    db.pragma(`cache_size = -${options.cacheKib ?? WRITER_CACHE_KIB}`);
    return new WorkspaceCache(db);
  } catch (error) {
    db.close();
    throw error;
  }
}
