import type { DataTable } from '../../../src-shared/contract';
import type { QuarantineInput } from '../../cache';
import type { InvalidRecord, RecordKind, RecordOf, ValidRecord } from '../../stackone';
import { noteQuarantined, takeQuarantined, type PassContext } from '../pass-context';
import {
  rawRecordId,
  shapeProblem,
  SOURCE_OF_KIND,
  TO_CACHE_INPUT,
  updatedAtOf,
  type CacheInputOf,
} from '../record-kinds';
import type { WriteStream } from '../writer/cache-writer';
import type { UpsertInput } from '../writer/write-batch';

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
  /** Newest `updated_at` among the records handed to the writer (ms), for the high-water mark. */
  maxUpdatedMs: number | null;
  /** Records stored with an `updated_at` later than `futureAfterMs` (kept, and reported). */
  futureStamped: { id: string; updatedAt: string }[];
}

/**
 * Validates one page of StackOne records and hands the valid ones, the quarantine entries and the
 * releases to `stream` as one batch (applied whole or not at all).
 * Resolves once the batch is queued; status counts and `data:changed` follow its commit.
 */
export async function applyRecordPage<K extends RecordKind>(
  ctx: PassContext,
  stream: WriteStream,
  accountId: string,
  kind: K,
  page: { valid: ValidRecord<RecordOf<K>>[]; invalid: InvalidRecord[] },
  options: { quarantineRecordId?: string; futureAfterMs?: number } = {},
): Promise<AppliedPage> {
  const source = SOURCE_OF_KIND[kind];
  const rows: CacheInputOf[K][] = [];
  const quarantine: QuarantineInput[] = [];
  let maxUpdatedMs: number | null = null;
  const futureStamped: AppliedPage['futureStamped'] = [];
  const toInput = TO_CACHE_INPUT[kind];
  for (const { record, raw } of page.valid) {
    const recordId = rawRecordId(raw) ?? options.quarantineRecordId ?? null;
    // Per record: a record that cannot be checked or mapped goes to quarantine, never its page.
    let problem: string | null;
    let row: CacheInputOf[K] | null = null;
    try {
      problem = shapeProblem(kind, raw);
      if (problem === null) row = toInput(accountId, record, raw);
    } catch (error) {
      problem = `The desk could not process this record (${error instanceof Error ? error.message : String(error)}).`;
    }
    if (row === null) {
      quarantine.push({ source, accountId, recordId, reason: problem ?? 'unreadable', raw });
      continue;
    }
    rows.push(row);
    const { ms, text } = updatedAtOf(raw);
    if (ms === null) continue;
    if (maxUpdatedMs === null || ms > maxUpdatedMs) maxUpdatedMs = ms;
    if (options.futureAfterMs !== undefined && ms > options.futureAfterMs) {
      futureStamped.push({ id: row.id, updatedAt: text ?? new Date(ms).toISOString() });
    }
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
  const released = takeQuarantined(
    ctx,
    source,
    accountId,
    rows.map((r) => r.id),
  );
  noteQuarantined(ctx, quarantine);
  const fetched = page.valid.length + page.invalid.length;
  await stream.write(
    {
      at: ctx.now().toISOString(),
      upsert: { kind, rows } as UpsertInput,
      ...(released.length > 0 ? { release: { source, accountId, ids: released } } : {}),
      ...(quarantine.length > 0 ? { quarantine } : {}),
    },
    ({ written, quarantined }) => {
      ctx.board.add(source, accountId, { fetched, written, quarantined });
      ctx.touched([
        ...(written > 0 ? TABLES_OF_KIND[kind] : []),
        ...(quarantined > 0 ? (['quarantine'] as const) : []),
      ]);
    },
  );
  return { fetched, maxUpdatedMs, futureStamped };
}
