import { WakeTimer } from '../infra/wake-timer';
import type {
  LogOutcome,
  OutboxJob,
  OutboxStatus,
  OutboxWait,
} from '../../src-shared/contract/commands/outbox';
import { resultPath } from '../../src-shared/results/request';
import type { WorkspaceCache } from '../cache';
import type { AttemptOutcome } from './results-repository';
import type { Logger } from '../infra/logging/logger';
import {
  DEFAULT_RETRY_POLICY,
  StackOneHttpError,
  StackOneNetworkError,
  StackOneTimeoutError,
  isStackOneError,
  type RetryPolicy,
} from '../stackone';
import { isRetryableStatus, retryDelay } from '../stackone/http/retry';
import type { CacheWriter } from '../sync/writer/cache-writer';

/** One attempt at one job: resolves with StackOne's 2xx answer, throws a StackOneError otherwise. */
export type ResultSender = (
  job: OutboxJob,
  signal: AbortSignal,
) => Promise<{ status: number; bodyText: string }>;

export interface OutboxOptions {
  workspaceId: string;
  /** Reads (the main connection). */
  cache: WorkspaceCache;
  /** Every change goes through the workspace's one write path. */
  writer: Pick<CacheWriter, 'run'>;
  logger: Logger;
  /** Who sent it, for the outbound log (`os.userInfo().username`). */
  osUser: string;
  /** Told which orders' jobs, statuses or log changed (coalesced). */
  onChange: (status: OutboxStatus, orderIds: string[]) => void;
  /** Jobs on the wire at once, over all orders (one per order). Default 8. */
  maxInFlight?: number;
  /** Backoff between attempts of a retryable failure (attempt limits do not apply: jobs wait). */
  retry?: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>;
  random?: () => number;
  now?: () => Date;
  /** How long change notices are gathered before one goes out (default 100 ms). */
  notifyDelayMs?: number;
}

const DAY_MS = 24 * 60 * 60_000;

/** Statuses that park a job: the ATS or StackOne refused it and will refuse it again as it is. */
function parks(status: number): boolean {
  return status >= 400 && status < 500 && !isRetryableStatus(status) && status !== 401;
}

type Failure = { reason: NonNullable<OutboxWait['reason']>; message: string };

/**
 * The durable result outbox of one workspace, in the shape of Signal Desktop's JobQueue
 * (ts/jobs/JobQueue.std.ts): jobs live in the cache (outbox_jobs), the queue streams the runnable
 * ones, runs each attempt and stores its outcome; nothing about a job lives only in memory.
 *
 * Invariants:
 * - An attempt is stored (`sending`, attempts + 1, synchronous=FULL) before its request leaves,
 *   and its outcome with its log entry in one transaction after. A job found `sending` at start
 *   was cut off mid-request: its outcome is unknown, it is logged as such and sent again (a
 *   result PATCH sets the same fields to the same values, so a second delivery changes nothing).
 * - One job per order on the wire, and an order's jobs go in the order they were queued (the
 *   repository's `runnable` only offers the first unsent job of each order). A parked job holds
 *   back only its own order.
 * - 408/429/5xx, timeouts and network failures wait and retry with the StackOne client's backoff,
 *   never sooner than Retry-After; the shared request budget is the sender's client's. A 4xx
 *   parks the job with StackOne's message and provider_errors. 401 waits (the key is the
 *   workspace's problem, not the job's).
 */
export class Outbox {
  private sender: ResultSender | null = null;
  private problem: string | null = 'The outbox has not started yet.';
  private readonly inFlight = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private failure: Failure | null = null;
  private running = false;
  private stopped = false;
  private pumping = false;
  private pumpAgain = false;
  private readonly retryTimer = new WakeTimer(() => void this.pump());
  private purgeTimer: NodeJS.Timeout | null = null;
  private notifyTimer: NodeJS.Timeout | null = null;
  private readonly changed = new Set<string>();
  private readonly maxInFlight: number;
  private readonly retry: RetryPolicy;
  private readonly now: () => Date;
  /** Jobs sent again because an earlier attempt's outcome was unknown (since start). */
  recovered = 0;

  constructor(private readonly o: OutboxOptions) {
    this.maxInFlight = o.maxInFlight ?? 8;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...o.retry };
    this.now = o.now ?? (() => new Date());
  }

  /**
   * Recovers interrupted sends, purges old log entries, then sends with `sender`; with a problem
   * instead (no API key, sandbox off), jobs wait and the status says why.
   */
  async start(target: { sender: ResultSender } | { problem: string }): Promise<void> {
    if (this.stopped) return;
    const at = this.now().toISOString();
    const recovered = await this.o.writer.run('recoverInterruptedSends', {
      at,
      osUser: this.o.osUser,
      workspaceId: this.o.workspaceId,
    });
    this.recovered += recovered.length;
    if (recovered.length > 0) {
      this.o.logger.warn('outbox: sends cut off by the last stop are sent again', {
        jobs: recovered.length,
      });
    }
    if (this.stopped) return;
    await this.purgeLog();
    if (this.stopped) return;
    this.purgeTimer = setInterval(() => void this.purgeLog(), DAY_MS);
    this.purgeTimer.unref();
    if ('sender' in target) {
      this.sender = target.sender;
      this.problem = null;
      this.running = true;
    } else {
      this.problem = target.problem;
    }
    this.notify([]);
    this.wake();
  }

  /** Aborts what is on the wire (stored as an unknown outcome, sent again next start) and stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.running = false;
    this.problem = 'The outbox is stopped.';
    this.retryTimer.clear();
    for (const t of [this.purgeTimer, this.notifyTimer]) if (t) clearTimeout(t);
    this.purgeTimer = this.notifyTimer = null;
    const pending = [...this.inFlight.values()];
    for (const p of pending) p.abort.abort();
    await Promise.all(pending.map((p) => p.done));
  }

  /** Looks for work now (after a job was queued or put back). */
  wake(): void {
    if (this.running) void this.pump();
  }

  /** Jobs changed outside the queue (handlers): tell the views. */
  notify(orderIds: readonly string[]): void {
    for (const id of orderIds) this.changed.add(id);
    this.notifyTimer ??= setTimeout(() => {
      this.notifyTimer = null;
      const ids = [...this.changed];
      this.changed.clear();
      try {
        this.o.onChange(this.status(), ids);
      } catch (error) {
        this.o.logger.warn('outbox: change notice failed', { err: error });
      }
    }, this.o.notifyDelayMs ?? 100);
  }

  status(): OutboxStatus {
    const counts = this.o.cache.results.counts();
    const waiting = counts.queued + counts.sending;
    let wait: OutboxWait = { waiting, reason: null, message: null, nextAttemptAt: null };
    if (waiting > 0 && this.problem !== null) {
      wait = {
        waiting,
        reason: 'stopped',
        message: `${this.problem} ${plural(waiting)} wait.`,
        nextAttemptAt: null,
      };
    } else if (waiting > 0 && this.failure !== null) {
      wait = {
        waiting,
        reason: this.failure.reason,
        message: `${this.failure.message} ${plural(waiting)} ${waiting === 1 ? 'waits and goes' : 'wait and go'} out when StackOne answers.`,
        nextAttemptAt: this.o.cache.results.nextAttemptAt(),
      };
    }
    return { workspaceId: this.o.workspaceId, counts, wait };
  }

  /**
   * Settles once nothing is on the wire and no job is due (tests, bench): what is left waits for
   * a retry time, or is parked or sent.
   */
  async drained(): Promise<void> {
    for (;;) {
      if (this.inFlight.size > 0) {
        await Promise.all([...this.inFlight.values()].map((p) => p.done));
        continue;
      }
      await new Promise((resolve) => setImmediate(resolve));
      const due =
        this.running && this.o.cache.results.runnable(this.now().toISOString(), 1).length > 0;
      if (this.inFlight.size === 0 && !this.pumping && !due) return;
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
        if (!this.running) return;
        const free = this.maxInFlight - this.inFlight.size;
        if (free <= 0) return;
        const jobs = this.o.cache.results
          .runnable(this.now().toISOString(), free + this.inFlight.size)
          .filter((job) => !this.inFlight.has(orderKey(job)))
          .slice(0, free);
        for (const job of jobs) this.launch(job);
      } while (this.pumpAgain);
    } catch (error) {
      this.o.logger.error('outbox: could not read the queue', { err: error });
    } finally {
      this.pumping = false;
      this.scheduleRetry();
    }
  }

  /** Wakes at the earliest retry time of a waiting job. */
  private scheduleRetry(): void {
    this.retryTimer.set(
      this.running ? this.o.cache.results.nextAttemptAt() : null,
      this.now().getTime(),
    );
  }

  private launch(job: OutboxJob): void {
    const key = orderKey(job);
    const abort = new AbortController();
    const done = this.attempt(job, abort.signal)
      .catch((error: unknown) => {
        // A failed write (disk full, writer stopped) leaves the job queued or sending in the
        // cache; the next start or pump takes it up again.
        this.o.logger.error('outbox: an attempt could not be stored', {
          jobId: job.id,
          err: error,
        });
      })
      .finally(() => {
        this.inFlight.delete(key);
        void this.pump();
      });
    this.inFlight.set(key, { abort, done });
  }

  private async attempt(job: OutboxJob, signal: AbortSignal): Promise<void> {
    const sender = this.sender;
    if (!sender) return;
    const begun = await this.o.writer.run('beginOutboxAttempt', {
      jobId: job.id,
      at: this.now().toISOString(),
    });
    if (!begun) return; // discarded or replaced meanwhile
    this.notify([job.orderId]);
    const attempt = begun.attempt;
    const startedAt = performance.now();
    let outcome: AttemptOutcome;
    let logOutcome: LogOutcome;
    let responseStatus: number | null = null;
    let responseBody: string | null = null;
    let error: string | null = null;
    try {
      const answer = await sender(job, signal);
      responseStatus = answer.status;
      responseBody = answer.bodyText;
      logOutcome = 'sent';
      outcome = {
        state: 'sent',
        nextAttemptAt: null,
        lastError: null,
        lastStatus: answer.status,
        providerErrors: null,
      };
      this.failure = null;
    } catch (thrown) {
      const e = isStackOneError(thrown) ? thrown : null;
      error = e?.message ?? (thrown instanceof Error ? thrown.message : String(thrown));
      if (e instanceof StackOneHttpError) {
        responseStatus = e.status;
        responseBody = e.bodyText;
      }
      if (e instanceof StackOneHttpError && parks(e.status)) {
        logOutcome = 'refused';
        outcome = {
          state: 'parked',
          nextAttemptAt: null,
          lastError: e.message,
          lastStatus: e.status,
          providerErrors: e.providerErrors.length > 0 ? e.providerErrors : null,
        };
      } else {
        // Retryable, 401, a timeout, the network, or our own stop: the request may have been
        // carried out (timeout, stop) or not; either way the job waits and goes again.
        const retryAfterMs = e instanceof StackOneHttpError ? e.retryAfterMs : null;
        const delay = signal.aborted
          ? 0
          : retryDelay(attempt, retryAfterMs, this.retry, this.o.random);
        logOutcome = e instanceof StackOneHttpError ? 'retry' : 'unknown';
        if (!signal.aborted) this.failure = describeFailure(e, error);
        outcome = {
          state: 'queued',
          nextAttemptAt: new Date(this.now().getTime() + delay).toISOString(),
          lastError: error,
          lastStatus: responseStatus,
          providerErrors: null,
        };
      }
    }
    const at = this.now().toISOString();
    await this.o.writer.run('finishOutboxAttempt', {
      jobId: job.id,
      outcome,
      at,
      log: {
        at,
        osUser: this.o.osUser,
        workspaceId: this.o.workspaceId,
        accountId: job.accountId,
        orderId: job.orderId,
        jobId: job.id,
        attempt,
        method: 'PATCH',
        path: resultPath(job.kind, job.orderId),
        requestBody: job.body,
        responseStatus,
        responseBody,
        outcome: logOutcome,
        error,
        durationMs: Math.round(performance.now() - startedAt),
      },
    });
    this.notify([job.orderId]);
  }

  private async purgeLog(): Promise<void> {
    try {
      const days = this.o.cache.results.logRetentionDays();
      const before = new Date(this.now().getTime() - days * DAY_MS).toISOString();
      await this.o.writer.run('purgeOutboundLog', { before });
    } catch (error) {
      // A stop while the purge waited closes the writer under it: nothing to report then.
      if (!this.stopped)
        this.o.logger.warn('outbox: purging the outbound log failed', { err: error });
    }
  }
}

function orderKey(job: Pick<OutboxJob, 'accountId' | 'orderId'>): string {
  return `${job.accountId}\u0000${job.orderId}`;
}

function plural(n: number): string {
  return n === 1 ? '1 result' : `${n} results`;
}

function describeFailure(e: unknown, message: string): Failure {
  if (e instanceof StackOneNetworkError || e instanceof StackOneTimeoutError) {
    return { reason: 'offline', message: 'StackOne cannot be reached.' };
  }
  if (e instanceof StackOneHttpError && e.status === 429) {
    return { reason: 'rate_limited', message: 'StackOne asked the desk to slow down.' };
  }
  return { reason: 'retrying', message };
}
