import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

/**
 * Writes sync pages into SQLite on the main thread without stalling it.
 *
 * Rows are applied in transactions sized from the measured cost per row of that kind of record
 * (an order, with its queue indexes and FTS rows, costs several times a job posting), so that one
 * transaction stays near `targetMs`; between transactions the writer yields to the event loop so
 * IPC requests and timers run. The first transaction of a kind is small on purpose: the estimate
 * starts pessimistic and only grows from measurements.
 *
 * Chunking is safe because every upsert is idempotent: rows may be committed ahead of the cursor,
 * never the other way round. The caller advances its cursor in the LAST chunk's transaction, so a
 * crash between chunks re-reads the page and rewrites the same rows.
 *
 * Why the main thread for now, and when a writer worker with its own connection would pay: see the
 * figures and the reasoning in the header of bench/sync.ts.
 */
export class PageWriter {
  /** Smoothed milliseconds per row, per kind of row, learned from the transactions so far. */
  private readonly msPerRow = new Map<string, number>();

  constructor(
    private readonly transaction: <T>(fn: () => T) => T,
    private readonly targetMs = 15,
    private readonly initialMsPerRow = 1,
  ) {}

  async write<T>(
    kind: string,
    rows: readonly T[],
    apply: (chunk: readonly T[], isLast: boolean) => void,
  ): Promise<void> {
    if (rows.length === 0) {
      this.transaction(() => apply([], true));
      await yieldToEventLoop();
      return;
    }
    let offset = 0;
    while (offset < rows.length) {
      const estimate = this.msPerRow.get(kind) ?? this.initialMsPerRow;
      const size = Math.max(1, Math.floor(this.targetMs / estimate));
      const chunk = rows.slice(offset, offset + size);
      const isLast = offset + chunk.length >= rows.length;
      const started = performance.now();
      this.transaction(() => apply(chunk, isLast));
      const perRow = (performance.now() - started) / chunk.length;
      // Quick to learn that rows got dearer, slow to believe they got cheaper.
      this.msPerRow.set(kind, perRow > estimate ? perRow : (estimate + perRow) / 2);
      offset += chunk.length;
      await yieldToEventLoop();
    }
  }
}
