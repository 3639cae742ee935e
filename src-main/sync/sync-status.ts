import type { SourceStatus, SyncSource, SyncState, SyncStatus } from '../../src-shared/contract';
import type { SyncState as StoredSyncState } from '../cache';
import type { SyncFailure } from './failure';

/** The StackOne sources synced per linked account, in the order a pass runs them. */
export const ACCOUNT_SOURCES = [
  'jobs',
  'job_postings',
  'assessment_packages',
  'background_check_packages',
  'candidates',
  'applications',
] as const satisfies readonly SyncSource[];
export type AccountSource = (typeof ACCOUNT_SOURCES)[number];

export interface SourceCounts {
  fetched: number;
  written: number;
  quarantined: number;
}

const zero = (): SourceCounts => ({ fetched: 0, written: 0, quarantined: 0 });

function key(source: SyncSource, accountId: string | null): string {
  return `${source}\u0000${accountId ?? ''}`;
}

/**
 * The sync's state per source and account, as `sync:get-status` and `sync:status-changed` show it.
 * Seeded from the cache's sync_state so a restarted desk still shows the last success and the last
 * error; counts are those of the latest pass of each source.
 */
export class StatusBoard {
  private readonly sources = new Map<string, SourceStatus>();
  /** Per lane (orders, stackone): since when it could not reach its service. */
  private readonly offlineSince = new Map<string, string>();
  private readonly runningLanes = new Set<string>();
  /** Per source and account: when it last started or got data (see `noteSlow`). */
  private readonly progressAt = new Map<string, string>();
  /** A problem that stops the whole engine before any source runs (e.g. no API key). */
  private setupError: string | null = null;

  constructor(
    readonly workspaceId: string,
    readonly intervalMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Declares the sources of this workspace (order feed + per account), keeping known state. */
  define(accountIds: readonly string[], stored: readonly StoredSyncState[] = []): void {
    const wanted: [SyncSource, string | null][] = [['orders', null]];
    for (const accountId of accountIds)
      for (const s of ACCOUNT_SOURCES) wanted.push([s, accountId]);
    const storedByKey = new Map(
      stored.map((s) => [key(s.source as SyncSource, s.accountId || null), s]),
    );
    const next = new Map<string, SourceStatus>();
    for (const [source, accountId] of wanted) {
      const k = key(source, accountId);
      const known = this.sources.get(k);
      const saved = storedByKey.get(k);
      next.set(
        k,
        known ?? {
          source,
          accountId,
          state: saved?.lastError ? 'error' : 'idle',
          lastSuccessAt: saved?.lastSuccessAt ?? null,
          lastAttemptAt: saved?.lastAttemptAt ?? null,
          lastError: saved?.lastError ?? null,
          counts: {
            fetched: saved?.counts.fetched ?? 0,
            written: saved?.counts.written ?? 0,
            quarantined: saved?.counts.quarantined ?? 0,
          },
          waiting: null,
          notice: null,
        },
      );
    }
    this.sources.clear();
    for (const [k, v] of next) this.sources.set(k, v);
  }

  get(source: SyncSource, accountId: string | null): SourceStatus {
    const k = key(source, accountId);
    let status = this.sources.get(k);
    if (!status) {
      status = {
        source,
        accountId,
        state: 'idle',
        lastSuccessAt: null,
        lastAttemptAt: null,
        lastError: null,
        counts: zero(),
        waiting: null,
        notice: null,
      };
      this.sources.set(k, status);
    }
    return status;
  }

  list(): SourceStatus[] {
    return [...this.sources.values()];
  }

  setRunning(lane: string, running: boolean): void {
    if (running) this.runningLanes.add(lane);
    else this.runningLanes.delete(lane);
  }

  get running(): boolean {
    return this.runningLanes.size > 0;
  }

  /** A problem that stops every source (no API key, a locked keychain): shown on each of them. */
  setSetupError(problems: { orders: string; stackone: string } | null): void {
    this.setupError = problems?.stackone ?? null;
    if (problems === null) return;
    for (const s of this.sources.values()) {
      s.state = 'error';
      s.lastError = s.source === 'orders' ? problems.orders : problems.stackone;
    }
  }

  start(source: SyncSource, accountId: string | null, at: string): void {
    const s = this.get(source, accountId);
    s.state = 'running';
    s.lastAttemptAt = at;
    s.counts = zero();
    s.waiting = null;
    this.progressAt.set(key(source, accountId), at);
  }

  /**
   * Running sources that got nothing for `afterMs` (a request StackOne or the gateway keeps open)
   * show as waiting since their last progress, with no next try: the coordinator sees "Still
   * waiting for … since …" long before the request times out. True when one changed.
   */
  noteSlow(at: string, afterMs: number): boolean {
    let changed = false;
    for (const [k, s] of this.sources) {
      const since = this.progressAt.get(k);
      if (s.state !== 'running' || s.waiting || !since) continue;
      const seconds = Math.round((Date.parse(at) - Date.parse(since)) / 1000);
      if (seconds * 1000 < afterMs) continue;
      const service = s.source === 'orders' ? 'The order gateway' : 'StackOne';
      s.state = 'waiting';
      s.waiting = {
        since,
        until: null,
        reason: `${service} has not answered for ${seconds} s; the request is still open.`,
      };
      changed = true;
    }
    return changed;
  }

  /**
   * The source waits for its service (a retry after a timeout, a Retry-After) until `until`.
   * `since` is kept across consecutive waits, so it says how long the service has been failing.
   */
  wait(
    source: SyncSource,
    accountId: string | null,
    wait: { at: string; until: string | null; reason: string },
  ): void {
    const s = this.get(source, accountId);
    if (s.state !== 'running' && s.state !== 'waiting') return;
    s.state = 'waiting';
    s.waiting = { since: s.waiting?.since ?? wait.at, until: wait.until, reason: wait.reason };
  }

  setNotice(source: SyncSource, accountId: string | null, notice: string | null): void {
    this.get(source, accountId).notice = notice;
  }

  add(source: SyncSource, accountId: string | null, counts: Partial<SourceCounts>): void {
    const s = this.get(source, accountId);
    // Data arrived: the service answers again.
    if (s.state === 'waiting') s.state = 'running';
    s.waiting = null;
    this.progressAt.set(key(source, accountId), this.now().toISOString());
    s.counts = {
      fetched: s.counts.fetched + (counts.fetched ?? 0),
      written: s.counts.written + (counts.written ?? 0),
      quarantined: s.counts.quarantined + (counts.quarantined ?? 0),
    };
  }

  succeed(source: SyncSource, accountId: string | null, at: string): void {
    const s = this.get(source, accountId);
    s.state = 'idle';
    s.lastSuccessAt = at;
    s.lastError = null;
    s.waiting = null;
  }

  /** A failed source; one told to come back later keeps a `waiting` with that time. */
  fail(source: SyncSource, accountId: string | null, failure: SyncFailure, at: string): void {
    const s = this.get(source, accountId);
    s.state = failure.state;
    s.lastError = failure.message;
    s.waiting =
      failure.retryAfterMs === null
        ? null
        : {
            since: s.waiting?.since ?? at,
            until: new Date(Date.parse(at) + failure.retryAfterMs).toISOString(),
            reason: failure.message,
          };
  }

  /** Sources still marked running when a pass ends (cancelled) go back to their previous look. */
  settleRunning(message: string): void {
    for (const s of this.sources.values()) {
      if (s.state === 'running' || s.state === 'waiting') {
        s.state = 'error';
        s.lastError = message;
        s.waiting = null;
      }
    }
  }

  noteOffline(lane: string, offline: boolean, at: string): void {
    if (!offline) this.offlineSince.delete(lane);
    else if (!this.offlineSince.has(lane)) this.offlineSince.set(lane, at);
  }

  snapshot(extra: { nextRunAt: string | null; quarantined: number }): SyncStatus {
    const sources = this.list().map((s) => ({
      ...s,
      counts: { ...s.counts },
      waiting: s.waiting && { ...s.waiting },
    }));
    const offlineSince = [...this.offlineSince.values()].sort()[0] ?? null;
    let state: SyncState = 'idle';
    if (this.running) state = 'running';
    else if (this.setupError !== null || sources.some((s) => s.state === 'error')) state = 'error';
    else if (sources.some((s) => s.state === 'offline')) state = 'offline';
    if (!this.running && offlineSince !== null && state === 'idle') state = 'offline';
    // The workspace's last success is the oldest of its sources' (every source was fresh then).
    const successes = sources.map((s) => s.lastSuccessAt);
    const lastSuccessAt =
      successes.length > 0 && successes.every((s) => s !== null)
        ? (successes as string[]).reduce((a, b) => (a < b ? a : b))
        : null;
    return {
      workspaceId: this.workspaceId,
      state,
      lastSuccessAt,
      nextRunAt: extra.nextRunAt,
      intervalMs: this.intervalMs,
      offlineSince,
      sources,
      quarantined: extra.quarantined,
    };
  }
}
