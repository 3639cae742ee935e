import type { SyncSource } from '../../../src-shared/contract';
import type { RecordKind, RecordPage, RecordOf, StackOneClient } from '../../stackone';
import type { PassContext } from '../pass-context';
import { SOURCE_OF_KIND } from '../record-kinds';
import { applyRecordPage } from './record-pages';

/** Kinds whose records carry no `updated_at` in the spec: always listed in full (a page or two). */
const WITHOUT_TIMESTAMPS: ReadonlySet<RecordKind> = new Set([
  'assessment_package',
  'background_check_package',
]);

type Lister = (
  client: StackOneClient,
  options: { updatedAfter?: string; pageSize: number; signal: AbortSignal },
) => AsyncGenerator<RecordPage<RecordOf<RecordKind>>, void, undefined>;

const LIST: Record<RecordKind, Lister> = {
  candidate: (c, o) => c.listCandidates(o),
  application: (c, o) => c.listApplications(o),
  job: (c, o) => c.listJobs(o),
  job_posting: (c, o) => c.listJobPostings(o),
  assessment_package: (c, o) => c.listAssessmentPackages(o),
  background_check_package: (c, o) => c.listBackgroundCheckPackages(o),
};

export interface ListOutcome {
  /** True when the listing had no `updated_after` filter (it saw every record of the account). */
  complete: boolean;
}

/**
 * One StackOne list of one account: incrementally from the stored high-water mark minus the
 * overlap, or in full (first run, `full`, kinds without timestamps, or once every
 * `tuning.fullListEveryMs` as a safety net). Each page is one batch of the writer; the high-water
 * mark is a batch of the same stream after the last page, so it commits only once every page did,
 * and an interrupted listing is repeated from the old mark next time (rewriting identical rows
 * costs a lookup each). Returns once everything is stored.
 *
 * The mark never runs ahead of the desk's clock: it is capped at the listing's start minus the
 * overlap, so one record stamped in the future (an ATS writing local time with a `Z`, a
 * `9999-12-31` placeholder) cannot make later `updated_after` queries skip real changes. Such
 * records are stored, logged and shown on the source's status (`notice`). For these sources the
 * sync_state `cursor` holds when the last full listing started (the feed's is its position).
 */
export async function syncRecordList(
  ctx: PassContext,
  accountId: string,
  kind: RecordKind,
  options: { forceFull?: boolean } = {},
): Promise<ListOutcome> {
  const client = ctx.stackone?.(accountId);
  if (!client) throw new Error('syncRecordList needs a StackOne client');
  const source = SOURCE_OF_KIND[kind];
  const state = ctx.cache.syncState.get(source, accountId);
  const startedMs = ctx.now().getTime();
  const ceiling = startedMs - ctx.tuning.overlapMs;
  const stored = state?.updatedAfter ? Date.parse(state.updatedAfter) : NaN;
  // A mark stored ahead of the clock (before this rule, or by a clock that jumped) is capped too.
  const highWater = Number.isFinite(stored) ? Math.min(stored, ceiling) : NaN;
  const lastFull = state?.cursor ? Date.parse(state.cursor) : NaN;
  const fullDue = !(startedMs - lastFull < ctx.tuning.fullListEveryMs);
  const timestamped = !WITHOUT_TIMESTAMPS.has(kind);
  const incremental =
    !ctx.full && !options.forceFull && timestamped && Number.isFinite(highWater) && !fullDue;
  const updatedAfter = incremental
    ? new Date(highWater - ctx.tuning.overlapMs).toISOString()
    : undefined;

  let newest = Number.isFinite(highWater) ? highWater : null;
  const future: { id: string; updatedAt: string }[] = [];
  const pages = LIST[kind](client, {
    ...(updatedAfter ? { updatedAfter } : {}),
    pageSize: ctx.tuning.listPageSize,
    signal: ctx.signal,
  });
  const stream = ctx.writer.stream();
  for await (const page of pages) {
    const applied = await applyRecordPage(ctx, stream, accountId, kind, page, {
      futureAfterMs: startedMs + ctx.tuning.overlapMs,
    });
    if (applied.maxUpdatedMs !== null && (newest === null || applied.maxUpdatedMs > newest)) {
      newest = applied.maxUpdatedMs;
    }
    future.push(...applied.futureStamped);
  }
  if (timestamped) {
    const patch = {
      ...(newest !== null
        ? { updatedAfter: new Date(Math.min(newest, ceiling)).toISOString() }
        : {}),
      ...(incremental ? {} : { cursor: new Date(startedMs).toISOString() }),
    };
    await stream.write({ at: ctx.now().toISOString(), syncState: [{ source, accountId, patch }] });
  }
  await stream.flush();
  noteFutureStamped(ctx, source, accountId, future);
  return { complete: !incremental };
}

function noteFutureStamped(
  ctx: PassContext,
  source: SyncSource,
  accountId: string,
  future: readonly { id: string; updatedAt: string }[],
): void {
  if (future.length === 0) {
    ctx.board.setNotice(source, accountId, null);
    return;
  }
  const first = future[0] as { id: string; updatedAt: string };
  ctx.logger.warn('records stamped in the future', {
    source,
    accountId,
    count: future.length,
    examples: future.slice(0, 5),
  });
  ctx.board.setNotice(
    source,
    accountId,
    `${future.length === 1 ? '1 record carries' : `${future.length} records carry`} a change time in the future (e.g. ${first.id} at ${first.updatedAt}). ${future.length === 1 ? 'It is' : 'They are'} kept; later changes are read from this desk's clock, so none is missed.`,
  );
}
