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
 * overlap, or in full (first run, `full`, or kinds without timestamps). Each page is one batch of
 * the writer; the high-water mark is a batch of the same stream after the last page, so it commits
 * only once every page did, and an interrupted listing is repeated from the old mark next time
 * (rewriting identical rows costs a lookup each). Returns once everything is stored.
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
  const highWater = state?.updatedAfter ? Date.parse(state.updatedAfter) : NaN;
  const incremental =
    !ctx.full && !options.forceFull && !WITHOUT_TIMESTAMPS.has(kind) && Number.isFinite(highWater);
  const updatedAfter = incremental
    ? new Date(highWater - ctx.tuning.overlapMs).toISOString()
    : undefined;

  let newest = Number.isFinite(highWater) ? highWater : null;
  const pages = LIST[kind](client, {
    ...(updatedAfter ? { updatedAfter } : {}),
    pageSize: ctx.tuning.listPageSize,
    signal: ctx.signal,
  });
  const stream = ctx.writer.stream();
  for await (const page of pages) {
    const applied = await applyRecordPage(ctx, stream, accountId, kind, page);
    if (applied.maxUpdatedMs !== null && (newest === null || applied.maxUpdatedMs > newest)) {
      newest = applied.maxUpdatedMs;
    }
  }
  if (newest !== null && !WITHOUT_TIMESTAMPS.has(kind)) {
    const mark = new Date(newest).toISOString();
    await stream.write({
      at: ctx.now().toISOString(),
      syncState: [{ source, accountId, patch: { updatedAfter: mark } }],
    });
  }
  await stream.flush();
  return { complete: !incremental };
}
