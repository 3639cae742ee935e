import type { DataTable } from '../../../src-shared/contract';
import type { QuarantineInput, WorkspaceCache } from '../../cache';
import type { InvalidRecord, RecordKind, RecordOf, ValidRecord } from '../../stackone';
import { putQuarantine, releaseQuarantined, type PassContext } from '../pass-context';
import {
  rawRecordId,
  shapeProblem,
  SOURCE_OF_KIND,
  TO_CACHE_INPUT,
  updatedAtOf,
  type CacheInputOf,
} from '../record-kinds';

/** The bulk upsert of each kind, and the tables a write to it changes (orders are denormalized). */
const UPSERT: {
  [K in RecordKind]: (cache: WorkspaceCache, rows: CacheInputOf[K][], at: string) => number;
} = {
  candidate: (c, rows, at) => c.candidates.upsertCandidates(rows, at).written,
  application: (c, rows, at) => c.applications.upsertApplications(rows, at).written,
  job: (c, rows, at) => c.jobs.upsertJobs(rows, at).written,
  job_posting: (c, rows, at) => c.jobs.upsertJobPostings(rows, at).written,
  assessment_package: (c, rows, at) => c.packages.upsertPackages('assessment', rows, at).written,
  background_check_package: (c, rows, at) =>
    c.packages.upsertPackages('background_check', rows, at).written,
};

export const TABLES_OF_KIND: Record<RecordKind, DataTable[]> = {
  candidate: ['candidates', 'orders'],
  application: ['applications', 'orders'],
  job: ['jobs', 'orders'],
  job_posting: ['job_postings'],
  assessment_package: ['packages', 'orders'],
  background_check_package: ['packages', 'orders'],
};

export interface AppliedPage {
  fetched: number;
  written: number;
  quarantined: number;
  /** Newest `updated_at` among the stored records (ms), for the high-water mark. */
  maxUpdatedMs: number | null;
}

/**
 * Validates one page of StackOne records, stores the valid ones and quarantines the rest, all in
 * the page's transaction(s). `commit`, when given, runs in the last transaction (a cursor or mark
 * that must not get ahead of the data).
 */
export async function applyRecordPage<K extends RecordKind>(
  ctx: PassContext,
  accountId: string,
  kind: K,
  page: { valid: ValidRecord<RecordOf<K>>[]; invalid: InvalidRecord[] },
  options: { commit?: () => void; quarantineRecordId?: string } = {},
): Promise<AppliedPage> {
  const source = SOURCE_OF_KIND[kind];
  const rows: CacheInputOf[K][] = [];
  const quarantine: QuarantineInput[] = [];
  let maxUpdatedMs: number | null = null;
  const toInput = TO_CACHE_INPUT[kind];
  for (const { record, raw } of page.valid) {
    const problem = shapeProblem(kind, raw);
    if (problem !== null) {
      quarantine.push({
        source,
        accountId,
        recordId: rawRecordId(raw) ?? options.quarantineRecordId ?? null,
        reason: problem,
        raw,
      });
      continue;
    }
    rows.push(toInput(accountId, record, raw));
    const { ms } = updatedAtOf(raw);
    if (ms !== null && (maxUpdatedMs === null || ms > maxUpdatedMs)) maxUpdatedMs = ms;
  }
  for (const bad of page.invalid) {
    quarantine.push({
      source,
      accountId,
      recordId: rawRecordId(bad.raw) ?? options.quarantineRecordId ?? null,
      reason: shapeProblem(kind, bad.raw) ?? bad.reason,
      raw: bad.raw,
    });
  }
  let written = 0;
  const syncedAt = ctx.now().toISOString();
  const upsert = UPSERT[kind];
  await ctx.writer.write(kind, rows, (chunk, isLast) => {
    written += upsert(ctx.cache, chunk as CacheInputOf[K][], syncedAt);
    releaseQuarantined(
      ctx,
      source,
      accountId,
      chunk.map((r) => r.id),
    );
    if (isLast) {
      putQuarantine(ctx, quarantine);
      options.commit?.();
    }
  });
  ctx.board.add(source, accountId, {
    fetched: page.valid.length + page.invalid.length,
    written,
    quarantined: quarantine.length,
  });
  ctx.touched([
    ...(written > 0 ? TABLES_OF_KIND[kind] : []),
    ...(quarantine.length > 0 ? (['quarantine'] as const) : []),
  ]);
  return {
    fetched: page.valid.length + page.invalid.length,
    written,
    quarantined: quarantine.length,
    maxUpdatedMs,
  };
}
