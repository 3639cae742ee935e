import { WakeTimer } from '../infra/wake-timer';
import type { BgPackageJob, BgPackageValues, DataTable } from '../../src-shared/contract';
import type { WorkspaceCache } from '../cache';
import type { PackageInput } from '../cache/types';
import type { Logger } from '../infra/logging/logger';
import {
  DEFAULT_RETRY_POLICY,
  StackOneHttpError,
  StackOneOutcomeUnknownError,
  isStackOneError,
  type BackgroundCheckPackageRecord,
  type RetryPolicy,
  type StackOneClient,
} from '../stackone';
import { isRetryableStatus, retryDelay } from '../stackone/http/retry';
import type { CacheWriter } from '../sync/writer/cache-writer';
import type { PackageJobOutcome } from './package-jobs-repository';

export interface PackageQueueOptions {
  cache: WorkspaceCache;
  writer: Pick<CacheWriter, 'run'>;
  logger: Logger;
  /** Told which tables changed (package jobs show in `packages`). */
  onChange: (tables: DataTable[]) => void;
  retry?: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>;
  random?: () => number;
  now?: () => Date;
}

/** Done jobs stay in the account's list this long, so the screen can say what just happened. */
export const RECENT_DONE_MS = 60 * 60_000;

/**
 * The background-check package outbox: create, update and delete jobs per linked account, stored
 * in the cache (package_jobs) and sent one at a time, with the result outbox's invariants
 * (src-main/outbox/outbox.ts): an attempt is stored (`sending`, attempts + 1, durable) before its
 * request leaves, and its outcome after; an account's jobs go in the order they were queued.
 *
 * A create is never resent blindly. When its outcome is unknown (timeout, 408, 5xx, the network,
 * or the desk stopped mid-request) the job goes to `checking`: before anything is sent again the
 * account's packages are listed, and a package with the same name, description and tests that no
 * other create of the account has claimed is taken as the one sent. Only when none is found is it
 * sent again. Updates (a PATCH of the same values) and deletes (a 404 means done) are safe to repeat.
 */
export class PackageQueue {
  private clients: ((accountId: string) => StackOneClient) | null = null;
  private running = false;
  private stopped = false;
  private current: { abort: AbortController; done: Promise<void> } | null = null;
  private pumping = false;
  private pumpAgain = false;
  private readonly retryTimer = new WakeTimer(() => void this.pump());
  private readonly retry: RetryPolicy;
  private readonly now: () => Date;
  /** Why jobs wait (no StackOne set up), or null. */
  problem: string | null = 'The package queue has not started yet.';

  constructor(private readonly o: PackageQueueOptions) {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...o.retry };
    this.now = o.now ?? (() => new Date());
  }

  async start(
    target: { clients: (accountId: string) => StackOneClient } | { problem: string },
  ): Promise<void> {
    if (this.stopped) return;
    const recovered = await this.o.writer.run('recoverPackageJobs', {
      at: this.now().toISOString(),
    });
    if (recovered > 0) {
      this.o.logger.warn('package queue: sends cut off by the last stop are checked', {
        jobs: recovered,
      });
    }
    if (this.stopped) return;
    if ('clients' in target) {
      this.clients = target.clients;
      this.problem = null;
      this.running = true;
    } else {
      this.problem = target.problem;
    }
    this.wake();
  }

  /** Aborts what is on the wire (its outcome is then unknown: checked at the next start). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.running = false;
    this.retryTimer.clear();
    const current = this.current;
    current?.abort.abort();
    await current?.done;
  }

  wake(): void {
    if (this.running) void this.pump();
  }

  /** Settles once nothing is on the wire and no job is due (tests). */
  async drained(): Promise<void> {
    for (;;) {
      if (this.current) {
        await this.current.done;
        continue;
      }
      await new Promise((resolve) => setImmediate(resolve));
      const due =
        this.running && this.o.cache.packageJobs.runnable(this.now().toISOString(), 1).length > 0;
      if (!this.current && !this.pumping && !due) return;
      if (due && !this.pumping) void this.pump();
    }
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        if (!this.running || this.current) return;
        const [job] = this.o.cache.packageJobs.runnable(this.now().toISOString(), 1);
        if (!job) return;
        const abort = new AbortController();
        const done = this.attempt(job, abort.signal)
          .catch((error: unknown) => {
            this.o.logger.error('package queue: an attempt could not be stored', {
              jobId: job.id,
              err: error,
            });
          })
          .finally(() => {
            this.current = null;
            this.o.onChange(['packages']);
            void this.pump();
          });
        this.current = { abort, done };
      } while (this.pumpAgain);
    } catch (error) {
      this.o.logger.error('package queue: could not read the queue', { err: error });
    } finally {
      this.pumping = false;
      this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    this.retryTimer.set(
      this.running ? this.o.cache.packageJobs.nextAttemptAt() : null,
      this.now().getTime(),
    );
  }

  private later(attempt: number, retryAfterMs: number | null): string {
    const delay = retryDelay(Math.max(1, attempt), retryAfterMs, this.retry, this.o.random);
    return new Date(this.now().getTime() + delay).toISOString();
  }

  private async attempt(job: BgPackageJob, signal: AbortSignal): Promise<void> {
    const clients = this.clients;
    if (!clients) return;
    const client = clients(job.accountId);
    const finish = (
      outcome: PackageJobOutcome,
      extra: { stored?: PackageInput; deleted?: { accountId: string; id: string } } = {},
    ) =>
      this.o.writer.run('finishPackageJob', {
        id: job.id,
        outcome,
        at: this.now().toISOString(),
        ...extra,
      });

    if (job.state === 'checking') {
      let found: BackgroundCheckPackageRecord | null;
      try {
        found = await this.findSent(client, job, signal);
      } catch (error) {
        if (signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        await finish({
          state: 'checking',
          nextAttemptAt: this.later(job.attempts, retryAfterOf(error)),
          lastError: `Could not check whether the package was created: ${message}`,
          lastStatus: error instanceof StackOneHttpError ? error.status : null,
        });
        return;
      }
      if (found) {
        await finish(
          {
            state: 'done',
            packageId: found.id,
            nextAttemptAt: null,
            lastError: null,
            lastStatus: null,
          },
          { stored: this.stored(job.accountId, found) },
        );
        return;
      }
      // Not there: it was never created, so sending it is no duplicate.
    }

    const begun = await this.o.writer.run('beginPackageJob', {
      id: job.id,
      at: this.now().toISOString(),
    });
    if (!begun) return;
    this.o.onChange(['packages']);
    try {
      if (job.op === 'create') {
        const answer = await client.createBackgroundCheckPackage(bodyOf(job.values), { signal });
        const id = answer?.data?.id ?? null;
        await finish(
          { state: 'done', packageId: id, nextAttemptAt: null, lastError: null, lastStatus: 201 },
          id ? { stored: this.storedValues(job.accountId, id, job.values) } : {},
        );
      } else if (job.op === 'update') {
        await client.updateBackgroundCheckPackage(job.packageId ?? '', bodyOf(job.values), {
          signal,
        });
        await finish(
          { state: 'done', nextAttemptAt: null, lastError: null, lastStatus: 200 },
          { stored: this.storedValues(job.accountId, job.packageId ?? '', job.values) },
        );
      } else {
        await client.deleteBackgroundCheckPackage(job.packageId ?? '', { signal });
        await finish(
          { state: 'done', nextAttemptAt: null, lastError: null, lastStatus: 200 },
          { deleted: { accountId: job.accountId, id: job.packageId ?? '' } },
        );
      }
    } catch (error) {
      await finish(...this.failed(job, begun.attempt, error, signal));
    }
  }

  /** How a failed attempt leaves the job. */
  private failed(
    job: BgPackageJob,
    attempt: number,
    error: unknown,
    signal: AbortSignal,
  ): [PackageJobOutcome, { deleted?: { accountId: string; id: string } }] {
    const message = error instanceof Error ? error.message : String(error);
    const http = error instanceof StackOneHttpError ? error : null;
    const status = http?.status ?? null;
    if (job.op === 'delete' && status === 404) {
      // Already gone: what the job wanted.
      return [
        { state: 'done', nextAttemptAt: null, lastError: null, lastStatus: 404 },
        { deleted: { accountId: job.accountId, id: job.packageId ?? '' } },
      ];
    }
    if (
      http &&
      status !== null &&
      status >= 400 &&
      status < 500 &&
      !isRetryableStatus(status) &&
      status !== 401
    ) {
      return [{ state: 'parked', nextAttemptAt: null, lastError: message, lastStatus: status }, {}];
    }
    // A create that may have been carried out is checked before it is sent again; a stop of
    // ours (abort) is the same case, taken up at the next start.
    const unknown =
      job.op === 'create' &&
      (error instanceof StackOneOutcomeUnknownError ||
        signal.aborted ||
        !isStackOneError(error) ||
        (status !== null && status !== 401 && status !== 429));
    return [
      {
        state: unknown ? 'checking' : 'queued',
        nextAttemptAt: signal.aborted ? null : this.later(attempt, retryAfterOf(error)),
        lastError: message,
        lastStatus: status,
      },
      {},
    ];
  }

  /** The account's package that this create made, if the listing has it. */
  private async findSent(
    client: StackOneClient,
    job: BgPackageJob,
    signal: AbortSignal,
  ): Promise<BackgroundCheckPackageRecord | null> {
    const claimed = this.o.cache.packageJobs.claimedIds(job.accountId, job.id);
    const wanted = fingerprint(job.values);
    for await (const page of client.listBackgroundCheckPackages({ pageSize: 100, signal })) {
      for (const { record } of page.valid) {
        if (!claimed.has(record.id) && fingerprint(record) === wanted) return record;
      }
    }
    return null;
  }

  private stored(accountId: string, record: BackgroundCheckPackageRecord): PackageInput {
    return {
      accountId,
      id: record.id,
      updatedAt: null,
      raw: record,
      name: record.name ?? null,
      description: record.description ?? null,
    };
  }

  private storedValues(
    accountId: string,
    id: string,
    values: BgPackageValues | null,
  ): PackageInput {
    const v = values ?? { name: '', description: null, tests: [] };
    return this.stored(accountId, {
      id,
      name: v.name,
      description: v.description,
      tests: v.tests.map((t) => ({ id: t.id ?? null, name: t.name, description: t.description })),
    } as BackgroundCheckPackageRecord);
  }
}

function retryAfterOf(error: unknown): number | null {
  return error instanceof StackOneHttpError ? error.retryAfterMs : null;
}

/** The request body for a create or update (the spec's package request DTOs). */
function bodyOf(values: BgPackageValues | null) {
  const v = values ?? { name: '', description: null, tests: [] };
  return {
    name: v.name,
    description: v.description,
    tests: v.tests.map((t) =>
      t.id
        ? { id: t.id, name: t.name, description: t.description }
        : { name: t.name, description: t.description },
    ),
  };
}

/** What identifies a package's content: name, description and the tests' names and descriptions. */
function fingerprint(
  p: {
    name?: string | null;
    description?: string | null;
    tests?: readonly { name?: string | null; description?: string | null }[] | null;
  } | null,
): string {
  return JSON.stringify([
    p?.name ?? '',
    p?.description ?? '',
    (p?.tests ?? []).map((t) => [t.name ?? '', t.description ?? '']),
  ]);
}
