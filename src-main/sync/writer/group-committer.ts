import { performance } from 'node:perf_hooks';
import type { WorkspaceCache } from '../../cache';
import { toWireError, type FromWriter, type ToWriter, type WireError } from './protocol';
import { applyBatch, batchRows, type BatchOutcome } from './write-batch';
import type { WriteTurn } from './write-turn';

/** How long the writer waits for the main thread's write before it takes the lock anyway. */
const TURN_MAX_WAIT_MS = 5_000;

export interface GroupLimits {
  /** Commit once the open transaction holds this many rows. */
  maxRows: number;
  /** Commit once the open transaction is this old (ms), even while batches keep coming. */
  maxMs: number;
  /**
   * Keep the transaction open while the queue is empty, until `maxMs` or a flush, so pages that
   * arrive one by one still share a commit. Only on a connection of its own (the worker): on the
   * main thread's connection an open transaction would capture the app's own reads and writes.
   */
  linger: boolean;
}

/**
 * Applies write batches in arrival order, several per transaction. A commit is what costs on a
 * large sync (WAL page writes of the same index pages again and again, autocheckpoints), so
 * batches are grouped until the transaction holds `maxRows` rows or is `maxMs` old; a `flush`
 * commits at once. A write on the main connection meanwhile does not wait out the group: with a
 * WriteTurn the group commits after the batch in hand and the next one waits for that write.
 *
 * Each batch runs in a savepoint of the group: a batch that throws (a constraint error) is
 * rolled back alone and fails its stream — the sequence of batches of one source — and every
 * later batch of that stream is refused without being applied, so a cursor carried by a later
 * batch can never pass the rows that failed. Batches of other streams go on. A failed COMMIT
 * fails every batch of the group (and their streams).
 */
export class GroupCommitter {
  private readonly queue: ToWriter[] = [];
  private scheduled = false;
  private open = false;
  private openedAt = 0;
  private rows = 0;
  private committed: ({ seq: number; stream: number } & BatchOutcome)[] = [];
  private failed: { seq: number; error: WireError }[] = [];
  private readonly failedStreams = new Map<number, WireError>();
  private lingerTimer: ReturnType<typeof setTimeout> | null = null;

  private lingerWatch: { cancel(): void } | null = null;

  /**
   * `turn`: shared with the main thread when this runs on a connection of its own (the worker);
   * a group then ends early when the main thread wants to write (see WriteTurn).
   */
  constructor(
    private readonly cache: WorkspaceCache,
    private readonly limits: GroupLimits,
    private readonly send: (message: FromWriter) => void,
    private readonly turn: WriteTurn | null = null,
  ) {}

  enqueue(message: ToWriter): void {
    this.queue.push(message);
    if (this.scheduled) return;
    this.scheduled = true;
    // Drained on a later turn so that a burst of messages lands in one transaction.
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  /** Applies everything queued; commits unless the group may linger. */
  drain(): void {
    this.clearLinger();
    for (let message = this.queue.shift(); message; message = this.queue.shift()) {
      if (message.type === 'flush') {
        this.commit();
        this.send({ type: 'flushed', id: message.id });
        continue;
      }
      this.apply(message.seq, message.stream, message.batch);
      // The main thread's backpressure counts rows not yet taken, not rows not yet committed:
      // a large group then never leaves the main thread waiting for its commit.
      this.send({ type: 'taken', rows: batchRows(message.batch) });
      if (
        this.open &&
        (this.rows >= this.limits.maxRows ||
          performance.now() - this.openedAt >= this.limits.maxMs ||
          this.turn?.wanted())
      ) {
        this.commit();
      }
    }
    if (!this.open || !this.limits.linger) {
      this.commit();
      return;
    }
    const left = Math.max(0, this.openedAt + this.limits.maxMs - performance.now());
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = null;
      this.commit();
    }, left);
    if (this.turn) {
      // An idle group that lingers still holds the lock: hand it over as soon as it is wanted.
      const watch = this.turn.whenWanted(left);
      this.lingerWatch = watch;
      void watch.done.then((wanted) => {
        if (wanted && this.lingerWatch === watch) this.commit();
      });
    }
  }

  /** Commits the open group (if any) and reports every batch settled since the last report. */
  commit(): void {
    this.clearLinger();
    if (this.open) {
      this.open = false;
      try {
        this.cache.db.exec('COMMIT');
      } catch (error) {
        if (this.cache.db.inTransaction) this.cache.db.exec('ROLLBACK');
        this.failGroup(toWireError(error));
      }
      this.turn?.held(false);
    }
    if (this.committed.length === 0 && this.failed.length === 0) return;
    const committed = this.committed.map(({ seq, written, quarantined }) => ({
      seq,
      written,
      quarantined,
    }));
    const failed = this.failed;
    this.committed = [];
    this.failed = [];
    this.send({ type: 'settled', committed, failed });
  }

  private apply(seq: number, stream: number, batch: Parameters<typeof applyBatch>[1]): void {
    const earlier = this.failedStreams.get(stream);
    if (earlier) {
      this.failed.push({ seq, error: earlier });
      return;
    }
    try {
      if (!this.open) {
        // The main thread's write goes first; it holds the lock for one short transaction.
        if (this.turn?.wanted()) this.turn.waitUntilFree(TURN_MAX_WAIT_MS);
        // IMMEDIATE: take the write lock now (waiting up to busy_timeout), not at the first write.
        this.cache.db.exec('BEGIN IMMEDIATE');
        this.turn?.held(true);
        this.open = true;
        this.openedAt = performance.now();
        this.rows = 0;
      }
      // Nested in the open transaction, better-sqlite3 runs this as a savepoint.
      const outcome = this.cache.transaction(() => applyBatch(this.cache, batch));
      this.committed.push({ seq, stream, ...outcome });
      this.rows += batchRows(batch);
    } catch (error) {
      const wire = toWireError(error);
      this.failedStreams.set(stream, wire);
      this.failed.push({ seq, error: wire });
      if (this.open && !this.cache.db.inTransaction) {
        // SQLITE_FULL, IOERR and the like roll back the whole transaction, not just the
        // savepoint: every batch of the group is gone, and so fails with its stream.
        this.open = false;
        this.turn?.held(false);
        this.failGroup(wire);
      }
    }
  }

  private failGroup(wire: WireError): void {
    for (const { seq, stream } of this.committed) {
      this.failed.push({ seq, error: wire });
      if (!this.failedStreams.has(stream)) this.failedStreams.set(stream, wire);
    }
    this.committed = [];
  }

  private clearLinger(): void {
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.lingerTimer = null;
    this.lingerWatch?.cancel();
    this.lingerWatch = null;
  }
}
