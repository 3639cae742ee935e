import type { SyncSource } from '../../src-shared/contract';
import type { SyncStatePatch } from '../cache';
import type { RecordKind } from '../stackone';
import { describeFailure, SyncAbortedError, SyncSetupProblem, type SyncFailure } from './failure';
import type { PassContext } from './pass-context';
import { SOURCE_OF_KIND } from './record-kinds';
import { syncOrderFeed } from './sources/order-feed';
import { syncRecordList } from './sources/record-lists';
import { fetchMissingReferences, REFERENCE_KINDS } from './sources/references';
import { ACCOUNT_SOURCES, type AccountSource } from './sync-status';

const KIND_OF_SOURCE: Record<AccountSource, RecordKind> = {
  jobs: 'job',
  job_postings: 'job_posting',
  assessment_packages: 'assessment_package',
  background_check_packages: 'background_check_package',
  candidates: 'candidate',
  applications: 'application',
};

export interface PassSetup {
  accountIds: readonly string[];
  /** Why the order feed cannot be read (no gateway URL or token), or null. */
  gatewayProblem: string | null;
  /** Why StackOne cannot be called (no API key), or null. */
  stackoneProblem: string | null;
}

/**
 * The two independent loops of a workspace's sync: the gateway's order feed, and StackOne's lists
 * with the references behind orders. Neither ever waits on the other, so a StackOne that hangs or
 * rate-limits cannot hold back orders already in the gateway.
 */
export type SyncLane = 'orders' | 'stackone';
export const SYNC_LANES: readonly SyncLane[] = ['orders', 'stackone'];

export interface PassResult {
  ok: boolean;
  offline: boolean;
  aborted: boolean;
  /** The longest Retry-After any service asked for. */
  retryAfterMs: number | null;
  failures: { source: SyncSource; accountId: string | null; failure: SyncFailure }[];
}

/** Runs `tasks` with at most `limit` in flight; never rejects (each task handles its errors). */
async function pool(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      if (task) await task();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
}

function key(source: SyncSource, accountId: string | null): string {
  return `${source}\u0000${accountId ?? ''}`;
}

/**
 * One sync pass over the sources of one lane.
 *
 * - `orders`: the gateway's order feed, from its cursor.
 * - `stackone`: 1. per linked account (accounts in parallel, bounded), the StackOne lists: jobs,
 *   job postings, both package kinds, candidates, applications, each incremental from its
 *   high-water mark (with nothing new, exactly one request per source and account); 2. per
 *   account, the candidates / applications / jobs that orders reference and the lists did not
 *   bring: by id when few, by a full listing when many (see references.ts).
 *
 * A source that fails records its error and the others go on; its cursor or high-water mark
 * stays where the last stored page left it. The lanes run concurrently, so an order may arrive
 * before its candidate, job and application: it is stored with the names its event carried and
 * rewritten with the records' as they arrive.
 */
export async function runSyncPass(
  ctx: PassContext,
  setup: PassSetup,
  lane: SyncLane,
): Promise<PassResult> {
  const startedAt = ctx.now().toISOString();
  const failures = new Map<
    string,
    { source: SyncSource; accountId: string | null; f: SyncFailure }
  >();
  const listedInFull = new Map<string, boolean>();
  const fail = (source: SyncSource, accountId: string | null, error: unknown) => {
    const f = describeFailure(error);
    if (!f.aborted && f.state === 'error' && !(error instanceof SyncSetupProblem)) {
      ctx.logger.warn('sync source failed', { source, accountId, err: error });
    }
    failures.set(key(source, accountId), { source, accountId, f });
  };

  const sources: [SyncSource, string | null][] = [];
  if (lane === 'orders') sources.push(['orders', null]);
  else {
    for (const accountId of setup.accountIds) {
      for (const s of ACCOUNT_SOURCES) sources.push([s, accountId]);
    }
  }
  for (const [s, a] of sources) ctx.board.start(s, a, startedAt);
  ctx.touched([]);

  const feedTask = async () => {
    if (ctx.signal.aborted) return fail('orders', null, new SyncAbortedError());
    if (setup.gatewayProblem !== null) {
      return fail('orders', null, new SyncSetupProblem(setup.gatewayProblem));
    }
    try {
      await syncOrderFeed(ctx);
    } catch (error) {
      fail('orders', null, error);
    }
  };
  const listTask = (source: AccountSource, accountId: string) => async () => {
    if (ctx.signal.aborted) return fail(source, accountId, new SyncAbortedError());
    if (setup.stackoneProblem !== null) {
      return fail(source, accountId, new SyncSetupProblem(setup.stackoneProblem));
    }
    try {
      const outcome = await syncRecordList(ctx, accountId, KIND_OF_SOURCE[source]);
      listedInFull.set(key(source, accountId), outcome.complete);
    } catch (error) {
      fail(source, accountId, error);
    }
  };
  // Accounts are interleaved so that every account makes progress even when one is slow.
  const lists = (which: readonly AccountSource[]) =>
    which.flatMap((source) => setup.accountIds.map((accountId) => listTask(source, accountId)));

  if (lane === 'orders') await feedTask();
  else await pool(lists(ACCOUNT_SOURCES), ctx.tuning.concurrency);

  if (lane === 'stackone' && setup.stackoneProblem === null && !ctx.signal.aborted) {
    await pool(
      setup.accountIds.map((accountId) => async () => {
        for (const kind of REFERENCE_KINDS) {
          const source = SOURCE_OF_KIND[kind];
          if (failures.has(key(source, accountId)) || ctx.signal.aborted) continue;
          try {
            await fetchMissingReferences(
              ctx,
              accountId,
              kind,
              listedInFull.get(key(source, accountId)) ?? false,
            );
          } catch (error) {
            fail(source, accountId, error);
          }
        }
      }),
      ctx.tuning.concurrency,
    );
  }

  const aborted = ctx.signal.aborted;
  const finishedAt = ctx.now().toISOString();
  let offline = false;
  let retryAfterMs: number | null = null;
  const patches: { source: SyncSource; accountId: string; patch: SyncStatePatch }[] = [];
  for (const [source, accountId] of sources) {
    const failed = failures.get(key(source, accountId));
    const status = ctx.board.get(source, accountId);
    if (aborted) {
      status.state = 'idle';
      continue;
    }
    if (failed) {
      ctx.board.fail(source, accountId, failed.f, finishedAt);
      offline ||= failed.f.state === 'offline';
      if (failed.f.retryAfterMs !== null) {
        retryAfterMs = Math.max(retryAfterMs ?? 0, failed.f.retryAfterMs);
      }
    } else {
      ctx.board.succeed(source, accountId, finishedAt);
    }
    const after = ctx.board.get(source, accountId);
    patches.push({
      source,
      accountId: accountId ?? '',
      patch: {
        lastAttemptAt: startedAt,
        ...(failed
          ? { lastError: failed.f.message, lastErrorAt: finishedAt }
          : { lastError: null }),
        ...(failed ? {} : { lastSuccessAt: finishedAt }),
        counts: { ...after.counts },
      },
    });
  }
  // The health of each source goes through the writer too (no main-thread write during a pass),
  // and the pass ends only when everything it wrote is stored.
  let stored = true;
  try {
    const stream = ctx.writer.stream();
    if (patches.length > 0) await stream.write({ at: finishedAt, syncState: patches });
    await stream.flush();
  } catch (error) {
    stored = false;
    ctx.logger.warn('sync status could not be stored', { err: error });
  }
  return {
    ok: !aborted && failures.size === 0 && stored,
    offline,
    aborted,
    retryAfterMs,
    failures: [...failures.values()].map(({ source, accountId, f }) => ({
      source,
      accountId,
      failure: f,
    })),
  };
}
