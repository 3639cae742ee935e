import type { MissingReference } from '../../cache';
import type { CheckedRecord, RecordOf, StackOneClient } from '../../stackone';
import { isNotFound } from '../failure';
import type { PassContext } from '../pass-context';
import { SOURCE_OF_KIND } from '../record-kinds';
import { applyRecordPage, TABLES_OF_KIND } from './record-pages';
import { syncRecordList } from './record-lists';
import type { WriteStream } from '../writer/cache-writer';

/** The records an order points at, which the desk must hold for the order page. */
export const REFERENCE_KINDS = ['candidate', 'application', 'job'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

const GET: {
  [K in ReferenceKind]: (
    c: StackOneClient,
    id: string,
    signal: AbortSignal,
  ) => Promise<CheckedRecord<RecordOf<K>>>;
} = {
  candidate: (c, id, signal) => c.getCandidate(id, { signal }),
  application: (c, id, signal) => c.getApplication(id, { signal }),
  job: (c, id, signal) => c.getJob(id, { signal }),
};

const MISSING_KEY = {
  candidate: 'candidates',
  application: 'applications',
  job: 'jobs',
} as const satisfies Record<ReferenceKind, string>;

/** How many referenced-but-uncached ids a pass looks at, across accounts. */
const MISSING_SCAN_LIMIT = 50_000;

function missingFor(ctx: PassContext, accountId: string, kind: ReferenceKind): string[] {
  const all = ctx.cache.orders.missingReferences(MISSING_SCAN_LIMIT)[MISSING_KEY[kind]];
  const quarantined = ctx.quarantinedIds(SOURCE_OF_KIND[kind], accountId);
  return all
    .filter((r: MissingReference) => r.accountId === accountId && !quarantined.has(r.id))
    .map((r) => r.id);
}

/**
 * The candidates, applications and jobs behind the account's orders that the lists did not bring
 * (an order for a candidate last changed before the high-water mark, a record created after the
 * listing passed). Few → one GET each. Many → one more listing without `updated_after`, which
 * costs about one request per 100 records, unless this pass already listed the kind in full.
 * A 404 marks the record missing (the order page says "not found in the ATS") and is not a
 * failure; records quarantined earlier are not fetched again on every pass. Reads the cache's
 * missing references, so everything the lists and the feed wrote must be stored (flushed) first.
 */
export async function fetchMissingReferences(
  ctx: PassContext,
  accountId: string,
  kind: ReferenceKind,
  listedInFull: boolean,
): Promise<void> {
  let missing = missingFor(ctx, accountId, kind);
  if (missing.length === 0) return;
  if (missing.length > ctx.tuning.byIdLimit && !listedInFull) {
    ctx.logger.info('many referenced records missing; listing in full', {
      accountId,
      kind,
      missing: missing.length,
    });
    await syncRecordList(ctx, accountId, kind, { forceFull: true });
    missing = missingFor(ctx, accountId, kind);
  }
  const client = ctx.stackone?.(accountId);
  if (!client) throw new Error('fetchMissingReferences needs a StackOne client');
  const stream = ctx.writer.stream();
  for (const id of missing.slice(0, ctx.tuning.byIdCap)) {
    let checked: CheckedRecord<RecordOf<ReferenceKind>>;
    try {
      checked = await GET[kind](client, id, ctx.signal);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await markMissing(ctx, stream, accountId, kind, id);
      continue;
    }
    await applyRecordPage(
      ctx,
      stream,
      accountId,
      kind,
      checked.ok
        ? { valid: [{ record: checked.record as never, raw: checked.raw }], invalid: [] }
        : { valid: [], invalid: [{ raw: checked.raw, reason: checked.reason }] },
      { quarantineRecordId: id },
    );
  }
  await stream.flush();
}

async function markMissing(
  ctx: PassContext,
  stream: WriteStream,
  accountId: string,
  kind: ReferenceKind,
  id: string,
): Promise<void> {
  await stream.write(
    { at: ctx.now().toISOString(), missing: { kind, accountId, ids: [id] } },
    ({ written }) => {
      ctx.board.add(SOURCE_OF_KIND[kind], accountId, { fetched: 0, written });
      ctx.touched(TABLES_OF_KIND[kind]);
    },
  );
}
