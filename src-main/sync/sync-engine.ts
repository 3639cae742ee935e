import type { DataTable, SyncSource, SyncStatus } from '../../src-shared/contract';
import type { LinkedAccountInput, WorkspaceCache } from '../cache';
import { silentLogger, type Logger } from '../infra/logging/logger';
import type { StackOneClient, StackOneClientOptions } from '../stackone';
import type { GatewayClient } from './gateway-client';
import { DEFAULT_TUNING, type PassContext, type SyncTuning } from './pass-context';
import { runSyncPass, SYNC_LANES, type PassResult, type SyncLane } from './sync-pass';
import { StatusBoard, type AccountSource } from './sync-status';
import type { CacheWriter } from './writer/cache-writer';

export const DEFAULT_SYNC_INTERVAL_MS = 60_000;

/** What the engine tells of a new order. */
export interface OrderArrival {
  accountId: string;
  id: string;
  candidateName: string | null;
  packageName: string | null;
}

/**
 * A source that got no answer for this long shows as waiting ("Still waiting for StackOne since
 * …"), although its request may run on until the client's timeout (DEFAULT_TIMEOUT_MS, longer
 * than StackOne's own 60 s limit so that slow ATS answers are not cut off).
 */
export const DEFAULT_SLOW_SOURCE_MS = 20_000;

export type StackOneHooks = Required<Pick<StackOneClientOptions, 'onRetry'>>;
type StackOneRetryEvent = Parameters<StackOneHooks['onRetry']>[0];

export interface SyncEngineOptions {
  workspaceId: string;
  cache: WorkspaceCache;
  /** The workspace's linked accounts; stored in the cache for the queue's Customer column. */
  accounts: readonly LinkedAccountInput[];
  gateway: GatewayClient | null;
  /**
   * One StackOne client per linked account (they share the API key's request budget), built
   * with the engine's hooks so that a source waiting on a retry shows it.
   */
  stackone: ((accountId: string, hooks: StackOneHooks) => StackOneClient) | null;
  /** Why there is no gateway client / StackOne client, in words for the coordinator. */
  gatewayProblem?: string | null;
  stackoneProblem?: string | null;
  intervalMs?: number;
  /** After a failed pass the next one waits base·2^(n-1) (jittered, capped), or Retry-After. */
  backoff?: { baseMs?: number; maxMs?: number };
  tuning?: Partial<SyncTuning>;
  onStatus?: (status: SyncStatus) => void;
  onDataChanged?: (tables: DataTable[]) => void;
  /** How often progress events go out during a pass (state changes go out at once). */
  eventThrottleMs?: number;
  /** After this long without an answer a running source shows as waiting (DEFAULT_SLOW_SOURCE_MS). */
  slowSourceMs?: number;
  /** New orders from the feed were stored (for desktop notifications). */
  onOrdersArrived?: (orders: readonly OrderArrival[]) => void;
  logger?: Logger;
  now?: () => Date;
  random?: () => number;
  /** The cache's writer (one per open cache, owned by whoever opened the cache). */
  writer: CacheWriter;
  /**
   * Runs at the end of each pass of a lane, as part of it, told which tables the pass changed (the
   * team's catalog and mappings after the order feed; the unmapped flags). A failure is logged and
   * does not fail the pass.
   */
  afterPass?: (lane: SyncLane, touched: ReadonlySet<DataTable>) => Promise<void>;
}

/** One of the engine's two loops (see SyncLane): its pass in flight, timer and backoff. */
interface Lane {
  name: SyncLane;
  current: Promise<PassResult> | null;
  queuedFull: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  nextRunAt: Date | null;
  failures: number;
  lastResult: PassResult | null;
  /** Quarantined ids per source and account, loaded once per pass of this lane. */
  quarantined: Map<string, Set<string>>;
  /** Run again as soon as the current pass ends (the feed announced job changes). */
  again: boolean;
}

function newLane(name: SyncLane): Lane {
  return {
    name,
    current: null,
    queuedFull: false,
    timer: null,
    nextRunAt: null,
    failures: 0,
    lastResult: null,
    quarantined: new Map(),
    again: false,
  };
}

/** The source a StackOne request path belongs to (`/unified/ats/candidates/123` → candidates). */
function sourceOfPath(path: string): AccountSource | null {
  const resource = path.replace(/^\/unified\/ats\//, '');
  for (const [prefix, source] of RESOURCE_SOURCES) if (resource.startsWith(prefix)) return source;
  return null;
}
const RESOURCE_SOURCES: [string, AccountSource][] = [
  ['candidates', 'candidates'],
  ['applications', 'applications'],
  ['job_postings', 'job_postings'],
  ['jobs', 'jobs'],
  ['assessments/packages', 'assessment_packages'],
  ['background_checks/packages', 'background_check_packages'],
];

/**
 * The sync engine of one workspace: two independent single-flight polling loops (the order feed,
 * and StackOne; see SyncLane) over the sources of `runSyncPass`, each with the interval, "Sync
 * now", backoff after failures and an offline state. Electron-free; one per active workspace,
 * stopped (in-flight requests aborted) before its cache is closed.
 */
export class SyncEngine {
  readonly intervalMs: number;
  private readonly board: StatusBoard;
  private readonly tuning: SyncTuning;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly abort = new AbortController();
  private readonly lanes = new Map<SyncLane, Lane>(SYNC_LANES.map((l) => [l, newLane(l)]));
  private stopped = false;
  private started = false;
  private pendingTables = new Set<DataTable>();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: SyncEngineOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
    this.tuning = { ...DEFAULT_TUNING, ...options.tuning };
    this.logger = (options.logger ?? silentLogger).child({ workspaceId: options.workspaceId });
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.board = new StatusBoard(options.workspaceId, this.intervalMs, this.now);
    this.board.define(
      options.accounts.map((a) => a.id),
      options.cache.syncState.list(),
    );
  }

  /** Stores the linked accounts and starts both loops (first passes at once). */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    // Queued before the first passes' batches, so stored before them.
    this.options.writer.run('setLinkedAccounts', this.options.accounts).catch((error: unknown) => {
      this.logger.warn('linked accounts could not be stored', { err: error });
    });
    for (const lane of this.lanes.values()) this.schedule(lane, 0);
  }

  /** Nothing can sync (no credentials at all): the status says why per source; no loop runs. */
  markSetupProblem(problems: { orders: string; stackone: string }): void {
    this.board.setSetupError(problems);
    this.emitStatus();
  }

  status(): SyncStatus {
    const next = [...this.lanes.values()]
      .map((l) => l.nextRunAt)
      .filter((d): d is Date => d !== null)
      .sort((a, b) => a.getTime() - b.getTime())[0];
    return this.board.snapshot({
      nextRunAt: next?.toISOString() ?? null,
      quarantined: this.options.cache.quarantine.count(),
    });
  }

  /** True once `start()` ran and until `stop()`: "Sync now" has something to trigger. */
  get looping(): boolean {
    return this.started && !this.stopped;
  }

  get running(): boolean {
    return [...this.lanes.values()].some((l) => l.current !== null);
  }

  /**
   * Runs a pass of both loops now, or joins a loop's pass in flight (single-flight per loop), and
   * resolves when both are done. A `full` request while a normal pass runs is queued and runs
   * right after it.
   */
  async sync(options: { full?: boolean } = {}): Promise<PassResult> {
    const results = await Promise.all(
      [...this.lanes.values()].map((lane) => this.syncLane(lane, options.full ?? false)),
    );
    return mergeResults(results);
  }

  private syncLane(lane: Lane, full: boolean): Promise<PassResult> {
    if (this.stopped) return Promise.resolve(abortedResult());
    if (lane.current) {
      if (full) lane.queuedFull = true;
      return lane.current;
    }
    this.clearTimer(lane);
    const pass = this.runPass(lane, full);
    lane.current = pass;
    void pass.finally(() => {
      if (lane.current === pass) lane.current = null;
      this.afterPass(lane);
    });
    return pass;
  }

  /** Stops both loops, aborts in-flight requests and waits for the passes to wind down. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const lane of this.lanes.values()) this.clearTimer(lane);
    this.abort.abort(new Error('sync stopped'));
    await Promise.all([...this.lanes.values()].map((lane) => lane.current?.catch(() => undefined)));
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  /** The StackOne transport is about to wait before retrying: the source shows it, with the time. */
  private noteRetry(accountId: string, event: StackOneRetryEvent): void {
    const source = sourceOfPath(event.path);
    if (source === null) return;
    const at = this.now();
    const reason =
      event.error.kind === 'timeout' || event.error.kind === 'unreachable'
        ? `StackOne is not answering (${event.error.message})`
        : event.error.message;
    this.board.wait(source, accountId, {
      at: at.toISOString(),
      until: new Date(at.getTime() + event.delayMs).toISOString(),
      reason,
    });
    this.emitStatus();
  }

  private async runPass(lane: Lane, full: boolean): Promise<PassResult> {
    this.board.setRunning(lane.name, true);
    this.emitStatus();
    const slowMs = this.options.slowSourceMs ?? DEFAULT_SLOW_SOURCE_MS;
    const watchdog = setInterval(
      () => {
        if (this.board.noteSlow(this.now().toISOString(), slowMs)) this.emitStatus();
      },
      Math.max(10, Math.min(slowMs / 2, 5_000)),
    );
    watchdog.unref?.();
    try {
      return await this.runPassWatched(lane, full);
    } finally {
      clearInterval(watchdog);
    }
  }

  private async runPassWatched(lane: Lane, full: boolean): Promise<PassResult> {
    const { cache } = this.options;
    lane.quarantined.clear();
    const stackone = this.options.stackone;
    const touchedByPass = new Set<DataTable>();
    const pass = (writer: CacheWriter): PassContext => ({
      cache,
      writer,
      board: this.board,
      gateway: this.options.gateway,
      stackone:
        stackone &&
        ((accountId) => stackone(accountId, { onRetry: (e) => this.noteRetry(accountId, e) })),
      signal: this.abort.signal,
      full,
      tuning: this.tuning,
      logger: this.logger,
      now: this.now,
      touched: (tables) => {
        for (const t of tables) touchedByPass.add(t);
        this.touched(tables);
      },
      jobsChanged: () => this.jobsChanged(),
      ordersArrived: (orders) => {
        try {
          this.options.onOrdersArrived?.(
            orders.map((o) => ({
              accountId: o.accountId,
              id: o.id,
              candidateName: o.candidateName ?? null,
              packageName: o.packageName ?? null,
            })),
          );
        } catch (error) {
          this.logger.warn('order arrival listener failed', { err: error });
        }
      },
      quarantinedIds: (source: SyncSource, accountId: string | null) => {
        const k = `${source}\u0000${accountId ?? ''}`;
        let ids = lane.quarantined.get(k);
        if (!ids) {
          ids = new Set(cache.quarantine.recordIds(source, accountId));
          lane.quarantined.set(k, ids);
        }
        return ids;
      },
    });
    let result: PassResult;
    try {
      result = await runSyncPass(
        pass(this.options.writer),
        {
          accountIds: this.options.accounts.map((a) => a.id),
          gatewayProblem: this.options.gatewayProblem ?? null,
          stackoneProblem: this.options.stackoneProblem ?? null,
        },
        lane.name,
      );
    } catch (error) {
      // runSyncPass handles source errors itself; reaching here is a bug, a closed cache or a
      // writer that could not start.
      this.logger.error('sync pass failed', { err: error, lane: lane.name });
      this.board.settleRunning('The sync failed unexpectedly. It will try again.');
      result = { ...abortedResult(), aborted: this.abort.signal.aborted };
    }
    if (this.options.afterPass && !this.abort.signal.aborted) {
      try {
        await this.options.afterPass(lane.name, touchedByPass);
      } catch (error) {
        this.logger.warn('after-pass step failed', { err: error, lane: lane.name });
      }
    }
    lane.lastResult = result;
    this.board.setRunning(lane.name, false);
    if (!result.aborted)
      this.board.noteOffline(lane.name, result.offline, this.now().toISOString());
    return result;
  }

  private afterPass(lane: Lane): void {
    const result = lane.lastResult;
    if (this.stopped || !result) {
      this.flushData();
      return;
    }
    let delay = this.intervalMs;
    if (result.ok) {
      lane.failures = 0;
    } else {
      lane.failures++;
      const base = this.options.backoff?.baseMs ?? Math.min(this.intervalMs, 10_000);
      const max = this.options.backoff?.maxMs ?? Math.max(this.intervalMs * 5, 5 * 60_000);
      const ceiling = Math.min(max, base * 2 ** (lane.failures - 1));
      // Equal jitter: never immediately, never all desks of a team at the same instant.
      delay = Math.max(ceiling / 2 + (this.random() * ceiling) / 2, result.retryAfterMs ?? 0);
    }
    if (lane.queuedFull) {
      lane.queuedFull = false;
      this.schedule(lane, 0, true);
    } else if (lane.again) {
      lane.again = false;
      this.schedule(lane, 0);
    } else {
      this.schedule(lane, delay);
    }
    this.flushData();
    this.emitStatus();
  }

  private schedule(lane: Lane, delayMs: number, full = false): void {
    if (this.stopped) return;
    this.clearTimer(lane);
    lane.nextRunAt = new Date(this.now().getTime() + delayMs);
    lane.timer = setTimeout(() => {
      lane.timer = null;
      lane.nextRunAt = null;
      void this.syncLane(lane, full);
    }, delayMs);
    // The loop never keeps a process alive on its own (tests, CLI tools, quitting the app).
    lane.timer.unref?.();
  }

  private clearTimer(lane: Lane): void {
    if (lane.timer) clearTimeout(lane.timer);
    lane.timer = null;
    lane.nextRunAt = null;
  }

  /**
   * The order feed carried `ats_jobs.*` events: StackOne's lists (job postings and jobs, read
   * incrementally) run now rather than at the next interval.
   */
  private jobsChanged(): void {
    const lane = this.lanes.get('stackone');
    if (!lane || this.stopped) return;
    if (lane.current) lane.again = true;
    else this.schedule(lane, 0);
  }

  private touched(tables: readonly DataTable[]): void {
    for (const t of tables) this.pendingTables.add(t);
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.flushData();
      this.emitStatus();
    }, this.options.eventThrottleMs ?? 250);
    this.flushTimer.unref?.();
  }

  private flushData(): void {
    if (this.pendingTables.size === 0) return;
    const tables = [...this.pendingTables];
    this.pendingTables.clear();
    this.options.onDataChanged?.(tables);
  }

  private emitStatus(): void {
    if (!this.options.onStatus) return;
    try {
      this.options.onStatus(this.status());
    } catch (error) {
      this.logger.warn('sync status listener failed', { err: error });
    }
  }
}

function abortedResult(): PassResult {
  return { ok: false, offline: false, aborted: true, retryAfterMs: null, failures: [] };
}

/** Both lanes' results as one, for a caller of `sync()`. */
function mergeResults(results: readonly PassResult[]): PassResult {
  const waits = results.map((r) => r.retryAfterMs).filter((ms): ms is number => ms !== null);
  return {
    ok: results.every((r) => r.ok),
    offline: results.some((r) => r.offline),
    aborted: results.some((r) => r.aborted),
    retryAfterMs: waits.length > 0 ? Math.max(...waits) : null,
    failures: results.flatMap((r) => r.failures),
  };
}
