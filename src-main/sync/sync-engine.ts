import type { DataTable, SyncSource, SyncStatus } from '../../src-shared/contract';
import type { LinkedAccountInput, WorkspaceCache } from '../cache';
import { silentLogger, type Logger } from '../infra/logging/logger';
import type { StackOneClient } from '../stackone';
import type { GatewayClient } from './gateway-client';
import { DEFAULT_TUNING, type PassContext, type SyncTuning } from './pass-context';
import { runSyncPass, type PassResult } from './sync-pass';
import { StatusBoard } from './sync-status';
import type { CacheWriter } from './writer/cache-writer';

export const DEFAULT_SYNC_INTERVAL_MS = 60_000;

export interface SyncEngineOptions {
  workspaceId: string;
  cache: WorkspaceCache;
  /** The workspace's linked accounts; stored in the cache for the queue's Customer column. */
  accounts: readonly LinkedAccountInput[];
  gateway: GatewayClient | null;
  /** One StackOne client per linked account (they share the API key's request budget). */
  stackone: ((accountId: string) => StackOneClient) | null;
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
  logger?: Logger;
  now?: () => Date;
  random?: () => number;
  /** The cache's writer (one per open cache, owned by whoever opened the cache). */
  writer: CacheWriter;
}

/**
 * The sync engine of one workspace: a single-flight polling loop over the sources of
 * `runSyncPass`, with an interval, "Sync now", backoff after failures and an offline state.
 * Electron-free; one per active workspace, stopped (in-flight requests aborted) before its cache
 * is closed.
 */
export class SyncEngine {
  readonly intervalMs: number;
  private readonly board: StatusBoard;
  private readonly tuning: SyncTuning;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly abort = new AbortController();
  private current: Promise<PassResult> | null = null;
  private queuedFull = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private nextRunAt: Date | null = null;
  private failures = 0;
  private stopped = false;
  private started = false;
  private pendingTables = new Set<DataTable>();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly quarantined = new Map<string, Set<string>>();

  constructor(private readonly options: SyncEngineOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
    this.tuning = { ...DEFAULT_TUNING, ...options.tuning };
    this.logger = (options.logger ?? silentLogger).child({ workspaceId: options.workspaceId });
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.board = new StatusBoard(options.workspaceId, this.intervalMs);
    this.board.define(
      options.accounts.map((a) => a.id),
      options.cache.syncState.list(),
    );
  }

  /** Stores the linked accounts and starts the loop (first pass at once). */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    // Queued before the first pass's batches, so stored before them.
    this.options.writer.run('setLinkedAccounts', this.options.accounts).catch((error: unknown) => {
      this.logger.warn('linked accounts could not be stored', { err: error });
    });
    this.schedule(0);
  }

  /** Nothing can sync (no credentials at all): the status says why per source; no loop runs. */
  markSetupProblem(problems: { orders: string; stackone: string }): void {
    this.board.setSetupError(problems);
    this.emitStatus();
  }

  status(): SyncStatus {
    return this.board.snapshot({
      nextRunAt: this.nextRunAt?.toISOString() ?? null,
      quarantined: this.options.cache.quarantine.count(),
    });
  }

  /** True once `start()` ran and until `stop()`: "Sync now" has something to trigger. */
  get looping(): boolean {
    return this.started && !this.stopped;
  }

  get running(): boolean {
    return this.current !== null;
  }

  /**
   * Runs a pass now, or joins the one in flight (single-flight). A `full` request while a normal
   * pass runs is queued and runs right after it.
   */
  sync(options: { full?: boolean } = {}): Promise<PassResult> {
    if (this.stopped) return Promise.resolve(abortedResult());
    if (this.current) {
      if (options.full) this.queuedFull = true;
      return this.current;
    }
    this.clearTimer();
    const pass = this.runPass(options.full ?? false);
    this.current = pass;
    void pass.finally(() => {
      if (this.current === pass) this.current = null;
      this.afterPass();
    });
    return pass;
  }

  /** Stops the loop, aborts in-flight requests and waits for the pass to wind down. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.clearTimer();
    this.abort.abort(new Error('sync stopped'));
    if (this.current) await this.current.catch(() => undefined);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  private lastResult: PassResult | null = null;

  private async runPass(full: boolean): Promise<PassResult> {
    this.board.setRunning(true);
    this.emitStatus();
    const { cache } = this.options;
    this.quarantined.clear();
    const pass = (writer: CacheWriter): PassContext => ({
      cache,
      writer,
      board: this.board,
      gateway: this.options.gateway,
      stackone: this.options.stackone,
      signal: this.abort.signal,
      full,
      tuning: this.tuning,
      logger: this.logger,
      now: this.now,
      touched: (tables) => this.touched(tables),
      quarantinedIds: (source: SyncSource, accountId: string | null) => {
        const k = `${source}\u0000${accountId ?? ''}`;
        let ids = this.quarantined.get(k);
        if (!ids) {
          ids = new Set(cache.quarantine.recordIds(source, accountId));
          this.quarantined.set(k, ids);
        }
        return ids;
      },
    });
    let result: PassResult;
    try {
      result = await runSyncPass(pass(this.options.writer), {
        accountIds: this.options.accounts.map((a) => a.id),
        gatewayProblem: this.options.gatewayProblem ?? null,
        stackoneProblem: this.options.stackoneProblem ?? null,
      });
    } catch (error) {
      // runSyncPass handles source errors itself; reaching here is a bug, a closed cache or a
      // writer that could not start.
      this.logger.error('sync pass failed', { err: error });
      this.board.settleRunning('The sync failed unexpectedly. It will try again.');
      result = { ...abortedResult(), aborted: this.abort.signal.aborted };
    }
    this.lastResult = result;
    this.board.setRunning(false);
    if (!result.aborted) this.board.noteOffline(result.offline, this.now().toISOString());
    return result;
  }

  private afterPass(): void {
    const result = this.lastResult;
    if (this.stopped || !result) {
      this.flushData();
      return;
    }
    let delay = this.intervalMs;
    if (result.ok) {
      this.failures = 0;
    } else {
      this.failures++;
      const base = this.options.backoff?.baseMs ?? Math.min(this.intervalMs, 10_000);
      const max = this.options.backoff?.maxMs ?? Math.max(this.intervalMs * 5, 5 * 60_000);
      const ceiling = Math.min(max, base * 2 ** (this.failures - 1));
      // Equal jitter: never immediately, never all desks of a team at the same instant.
      delay = Math.max(ceiling / 2 + (this.random() * ceiling) / 2, result.retryAfterMs ?? 0);
    }
    if (this.queuedFull) {
      this.queuedFull = false;
      this.schedule(0, true);
    } else {
      this.schedule(delay);
    }
    this.flushData();
    this.emitStatus();
  }

  private schedule(delayMs: number, full = false): void {
    if (this.stopped) return;
    this.clearTimer();
    this.nextRunAt = new Date(this.now().getTime() + delayMs);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.nextRunAt = null;
      void this.sync({ full });
    }, delayMs);
    // The loop never keeps a process alive on its own (tests, CLI tools, quitting the app).
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextRunAt = null;
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
