import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

/**
 * Writes sync pages into SQLite on the main thread without stalling it.
 *
 * Why not a worker thread: measured with `bench/sync.ts` (100k orders plus their candidates,
 * applications and jobs), a page of 100 StackOne records commits in about 1–3 ms and the whole
 * sync keeps the event loop's p99 delay far below the 50 ms budget, as long as no single
 * transaction grows large. A worker would add a second connection, a structured clone of every
 * record and a second place where cursors commit, for no gain. What can grow large is one feed
 * page (up to 1000 orders, whose upsert joins five tables): such a page is applied in chunks sized
 * from the measured cost per row so that one transaction stays near `targetMs`, and the writer
 * yields to the event loop between transactions so IPC requests and timers run in between.
 *
 * Chunking is safe because every upsert is idempotent: rows may be committed ahead of the cursor,
 * never the other way round. The caller advances its cursor in the LAST chunk's transaction, so a
 * crash between chunks re-reads the page and rewrites the same rows.
 */
export class PageWriter {
  /** Smoothed milliseconds per row, learned from the transactions so far. */
  private msPerRow = 0.05;

  constructor(
    private readonly transaction: <T>(fn: () => T) => T,
    private readonly targetMs = 15,
  ) {}

  async write<T>(
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
      const size = Math.max(10, Math.floor(this.targetMs / this.msPerRow));
      const chunk = rows.slice(offset, offset + size);
      const isLast = offset + chunk.length >= rows.length;
      const started = performance.now();
      this.transaction(() => apply(chunk, isLast));
      const perRow = (performance.now() - started) / chunk.length;
      this.msPerRow = this.msPerRow * 0.7 + perRow * 0.3;
      offset += chunk.length;
      await yieldToEventLoop();
    }
  }
}
