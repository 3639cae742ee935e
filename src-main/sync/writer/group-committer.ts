import type { WorkspaceCache } from '../../cache';
import { toWireError, type FromWriter, type ToWriter, type WireError } from './protocol';
import { applyBatch, batchRows, type WriteBatch } from './write-batch';
import { WRITE_OPERATIONS, type WriteOperations } from './write-operations';

/**
 * Applies what the main thread sends on one connection, the cache writer's: batches in arrival
 * order, named operations ahead of the batches waiting with them.
 *
 * Batches are grouped: everything queued when a drain starts goes into one transaction, committed
 * at the end of that drain. Nothing waits for more to arrive, so a lone batch commits at once,
 * while a sync that outpaces the writer gets larger transactions on its own (a commit, with its
 * WAL writes of the same index pages, is what costs on a large sync). The main thread's bound on
 * queued rows bounds a group.
 *
 * A batch that throws (a constraint error) fails its stream — the sequence of batches of one
 * source — and every later batch of that stream is refused without being applied, so a cursor
 * carried by a later batch can never pass the rows that failed. Batches of other streams go on:
 * the group's transaction is rolled back and the batches it had applied are applied again. That
 * replaces a savepoint per batch, which copied every page a batch touched to the sub-journal and
 * flushed the search indexes' pending terms into a new segment per batch, most of what the writer
 * spent beyond a single-transaction upsert (bench/README.md § bench:sync). A failed COMMIT fails
 * every batch of the group (and their streams).
 *
 * A named operation runs in a transaction of its own, ahead of the batches queued with it; a
 * durable one with `synchronous=FULL` for that commit.
 */
export class GroupCommitter {
  private readonly queue: ToWriter[] = [];
  private scheduled = false;
  private open = false;
  /** The batches applied in the open transaction, kept to apply them again after a rollback. */
  private grouped: { seq: number; stream: number; batch: WriteBatch; result: unknown }[] = [];
  private committed: { seq: number; result: unknown }[] = [];
  private failed: { seq: number; error: WireError }[] = [];
  /** Per failed stream, its error and the seq of its batch that failed: later ones are refused. */
  private readonly failedStreams = new Map<number, { error: WireError; seq: number }>();

  constructor(
    private readonly cache: WorkspaceCache,
    private readonly send: (message: FromWriter) => void,
    private readonly operations: WriteOperations = WRITE_OPERATIONS,
  ) {}

  enqueue(message: ToWriter): void {
    this.queue.push(message);
    if (this.scheduled) return;
    this.scheduled = true;
    // Drained on a later turn, so that what arrives in one burst shares a transaction.
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  /** Applies everything queued and commits it. */
  drain(): void {
    // The app's own writes go first: a coordinator's change waits for the transaction in progress,
    // not for a sync's backlog. Safe, as it never depends on sync data not yet committed (the
    // coordinator acted on what was shown, and only committed data is shown).
    for (const message of this.queue) {
      if (message.type === 'run') this.run(message.seq, message.name, message.args);
    }
    this.commit();
    for (let message = this.queue.shift(); message; message = this.queue.shift()) {
      if (message.type === 'batch') {
        this.apply(message.seq, message.stream, message.batch);
        // Backpressure counts rows not yet taken, not rows not yet committed: the main thread
        // refills the queue while this group is written.
        this.send({ type: 'taken', rows: batchRows(message.batch) });
        continue;
      }
      if (message.type === 'flush') {
        this.commit();
        this.send({ type: 'flushed', id: message.id });
      }
    }
    this.commit();
  }

  /** Commits the open group (if any) and reports everything settled since the last report. */
  private commit(): void {
    if (this.open) {
      this.open = false;
      try {
        this.cache.db.exec('COMMIT');
        for (const { seq, result } of this.grouped) this.committed.push({ seq, result });
      } catch (error) {
        if (this.cache.db.inTransaction) this.cache.db.exec('ROLLBACK');
        this.failGroup(toWireError(error));
      }
      this.grouped = [];
    }
    if (this.committed.length === 0 && this.failed.length === 0) return;
    const committed = this.committed;
    const failed = this.failed;
    this.committed = [];
    this.failed = [];
    this.send({ type: 'settled', committed, failed });
  }

  private apply(seq: number, stream: number, batch: WriteBatch): void {
    const earlier = this.failedStreams.get(stream);
    if (earlier && earlier.seq < seq) {
      this.failed.push({ seq, error: earlier.error });
      return;
    }
    try {
      if (!this.open) {
        // IMMEDIATE: take the write lock now (waiting up to busy_timeout), not at the first write.
        this.cache.db.exec('BEGIN IMMEDIATE');
        this.open = true;
      }
      const result = applyBatch(this.cache, batch);
      this.grouped.push({ seq, stream, batch, result });
    } catch (error) {
      const wire = toWireError(error);
      this.failStream(stream, seq, wire);
      this.failed.push({ seq, error: wire });
      // The batch's writes so far go with the whole transaction (SQLITE_FULL, IOERR and the like
      // have rolled it back already); the batches applied before it are applied again. One that
      // now fails in turn is dropped the same way, so this ends.
      if (this.cache.db.inTransaction) this.cache.db.exec('ROLLBACK');
      this.open = false;
      const applied = this.grouped;
      this.grouped = [];
      for (const again of applied) this.apply(again.seq, again.stream, again.batch);
    }
  }

  private run(seq: number, name: string, args: unknown): void {
    const { db } = this.cache;
    const operation = Object.hasOwn(this.operations, name) ? this.operations[name] : undefined;
    if (!operation) {
      this.failed.push({
        seq,
        error: { name: 'Error', message: `unknown write operation ${name}` },
      });
      return;
    }
    // The level can only change outside a transaction, and applies to this connection's commits.
    const level = operation.durable ? (db.pragma('synchronous', { simple: true }) as number) : null;
    try {
      if (level !== null) db.pragma('synchronous = FULL');
      // IMMEDIATE: an operation that reads before it writes cannot find its snapshot stale.
      const result = db.transaction(() => operation.apply(this.cache, args as never)).immediate();
      this.committed.push({ seq, result });
    } catch (error) {
      this.failed.push({ seq, error: toWireError(error) });
    } finally {
      if (level !== null) db.pragma(`synchronous = ${level}`);
    }
  }

  private failGroup(wire: WireError): void {
    for (const { seq, stream } of this.grouped) {
      this.failed.push({ seq, error: wire });
      this.failStream(stream, seq, wire);
    }
    this.grouped = [];
  }

  private failStream(stream: number, seq: number, error: WireError): void {
    const earlier = this.failedStreams.get(stream);
    if (!earlier || seq < earlier.seq) this.failedStreams.set(stream, { error, seq });
  }
}
