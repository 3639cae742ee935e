import type { WorkspaceCache } from '../../cache';
import {
  CacheWriteError,
  CacheWriterStoppedError,
  type FromWriter,
  type ToWriter,
} from './protocol';
import { inThreadChannel, workerChannel, type WriterChannel } from './writer-channel';
import { batchRows, type BatchOutcome, type WriteBatch } from './write-batch';
import { WriteTurn } from './write-turn';

export interface WriterLimits {
  /** A group transaction commits once it holds this many rows… */
  groupMaxRows: number;
  /** …or is this old (ms). A main-connection write does not wait for it (see WriteTurn). */
  groupMaxMs: number;
  /** Rows sent but not yet taken by the writer before `write` waits (bounds memory). */
  queueMaxRows: number;
  /** wal_autocheckpoint of the worker's connection during a sync (pages); null: SQLite's 1000. */
  walAutocheckpoint: number | null;
  /** Page cache of the worker's connection (KiB); the inserts' index pages live there. */
  cacheKib: number;
}

interface Pending {
  stream: WriteStream;
  onCommitted: ((outcome: BatchOutcome) => void) | undefined;
}

/**
 * The sync's cache writer, as the main thread sees it: sources hand it batches (plain data) and go
 * on fetching while they are applied, in order, by a worker thread with its own connection (file
 * caches) or on the main connection (`:memory:` caches, unit tests). Both sit behind the same
 * messages (protocol.ts) and the same GroupCommitter, so they obey one contract:
 *
 * - `WriteStream.write` resolves once the batch is queued; it waits only while more than
 *   `queueMaxRows` rows are queued and not yet taken by the writer (backpressure).
 * - A batch's `onCommitted` runs after its transaction committed, never before: `data:changed`
 *   and status counts describe stored data only.
 * - A batch that fails fails its stream; the stream's later batches are never applied (a cursor in
 *   them cannot pass the failed rows) and its next `write` or `flush` throws the error.
 * - `flush` resolves once every batch written before it is settled. Reads that depend on the
 *   sync's own writes (missing references, sync_state) come after a flush.
 * - When the worker dies, every unsettled batch fails with CacheWriterStoppedError, and so does
 *   every later call: the engine starts a new writer for its next pass.
 */
export class SyncWriter {
  private seq = 0;
  private streams = 0;
  private flushes = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly flushWaiters = new Map<
    number,
    { resolve: () => void; reject: (e: Error) => void }
  >();
  private queuedRows = 0;
  private roomWaiters: (() => void)[] = [];
  private failure: Error | null = null;
  private closed: Promise<void> | null = null;
  private readonly channel: WriterChannel;

  /** `gone` runs when the writer stops taking batches (closed or dead); it may run twice. */
  constructor(
    open: (events: { message: (m: FromWriter) => void; died: (e: Error) => void }) => WriterChannel,
    private readonly limits: WriterLimits,
    private readonly gone: () => void = () => undefined,
  ) {
    this.channel = open({
      message: (m) => this.receive(m),
      died: (e) => this.die(e),
    });
  }

  /** 'worker' or 'in-thread'. */
  get kind(): WriterChannel['kind'] {
    return this.channel.kind;
  }

  /** Why this writer cannot take more batches (its worker died, or it was closed), or null. */
  get failed(): Error | null {
    return this.failure;
  }

  /** A new sequence of batches whose failure is its own (one source of one account). */
  stream(): WriteStream {
    return new WriteStream(this, ++this.streams);
  }

  /** Resolves when every batch written so far is settled; rejects if the writer died. */
  flush(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.flushes;
    const done = new Promise<void>((resolve, reject) => {
      this.flushWaiters.set(id, { resolve, reject });
    });
    this.post({ type: 'flush', id });
    return done;
  }

  /** Commits what was written, then stops the worker (its connection closes before this resolves). */
  close(): Promise<void> {
    this.closed ??= (async () => {
      if (this.failure === null) await this.flush().catch(() => undefined);
      this.failure ??= new CacheWriterStoppedError('it was closed');
      await this.channel.close();
      this.gone();
    })();
    return this.closed;
  }

  /** Stops at once, dropping what is queued and uncommitted: what a crash does (tests use it). */
  async terminate(): Promise<void> {
    await this.channel.terminate();
    this.die(new CacheWriterStoppedError('it was terminated'));
  }

  /** @internal WriteStream's write. */
  async submit(
    stream: WriteStream,
    batch: WriteBatch,
    onCommitted?: (outcome: BatchOutcome) => void,
  ): Promise<void> {
    while (
      this.failure === null &&
      stream.error === null &&
      this.queuedRows >= this.limits.queueMaxRows
    ) {
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    }
    if (this.failure) throw this.failure;
    if (stream.error) throw stream.error;
    const seq = ++this.seq;
    const rows = batchRows(batch);
    this.pending.set(seq, { stream, onCommitted });
    this.queuedRows += rows;
    this.post({ type: 'batch', seq, stream: stream.id, batch });
  }

  private post(message: ToWriter): void {
    this.channel.hold(true);
    this.channel.post(message);
  }

  private receive(message: FromWriter): void {
    if (message.type === 'taken') {
      this.queuedRows -= message.rows;
      this.wakeWriters();
      return;
    }
    if (message.type === 'flushed') {
      const waiter = this.flushWaiters.get(message.id);
      this.flushWaiters.delete(message.id);
      waiter?.resolve();
    } else {
      for (const { seq, error } of message.failed) {
        const pending = this.settle(seq);
        if (pending) pending.stream.error ??= new CacheWriteError(error);
      }
      for (const { seq, written, quarantined } of message.committed) {
        this.settle(seq)?.onCommitted?.({ written, quarantined });
      }
    }
    if (this.pending.size === 0 && this.flushWaiters.size === 0) this.channel.hold(false);
  }

  private settle(seq: number): Pending | undefined {
    const pending = this.pending.get(seq);
    if (!pending) return undefined;
    this.pending.delete(seq);
    return pending;
  }

  private die(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.stream.error ??= error;
    this.pending.clear();
    this.queuedRows = 0;
    for (const waiter of this.flushWaiters.values()) waiter.reject(error);
    this.flushWaiters.clear();
    this.wakeWriters();
    this.channel.hold(false);
    this.gone();
  }

  private wakeWriters(): void {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const wake of waiters) wake();
  }
}

/** One source's batches: applied in order; the first failure stops the rest (see SyncWriter). */
export class WriteStream {
  /** The first error of this stream's batches, once one failed. */
  error: Error | null = null;

  constructor(
    private readonly writer: SyncWriter,
    readonly id: number,
  ) {}

  /** Queues `batch`; `onCommitted` runs once its transaction committed. */
  write(batch: WriteBatch, onCommitted?: (outcome: BatchOutcome) => void): Promise<void> {
    return this.writer.submit(this, batch, onCommitted);
  }

  /** Waits until this stream's batches are stored; throws the first one's failure. */
  async flush(): Promise<void> {
    await this.writer.flush();
    if (this.error) throw this.error;
  }
}

/**
 * Measured with `npm run bench:sync` (figures in its header), per-thread CPU of the writer:
 * - groups: at 10k orders 6.4 s with 250 ms groups checkpointing every 1,000 pages, 4.5 s with
 *   500 ms–1 s groups checkpointing every 10,000 pages (raw one-transaction upsert: 3.2 s). Longer
 *   groups gained nothing more. (A write on the main connection does not wait out a group: the
 *   group ends early when asked, see WriteTurn.)
 * - page cache: 32 MB instead of the main connection's 64 MB cost ~10 % more writer CPU at 20k
 *   orders and saved ~30 MB of RSS (target < 400 MB), as did a 1,000-row queue instead of 3,000.
 */
export const DEFAULT_WRITER_LIMITS: WriterLimits = {
  groupMaxRows: 10_000,
  groupMaxMs: 500,
  queueMaxRows: 1_000,
  walAutocheckpoint: 10_000,
  cacheKib: 32_768,
};

/**
 * The writer for `cache`: a worker thread on a file cache, the main connection for `:memory:`
 * (a second connection cannot see an in-memory database). `mode` forces one (tests).
 */
export function createSyncWriter(
  cache: WorkspaceCache,
  limits: WriterLimits = DEFAULT_WRITER_LIMITS,
  mode: 'auto' | 'worker' | 'in-thread' = 'auto',
): SyncWriter {
  const useWorker = mode === 'worker' || (mode === 'auto' && !cache.db.memory);
  // The worker's connection holds the write lock across its groups; the main connection's writes
  // (cache.write) ask for it through the turn. The in-thread writer shares the main connection.
  const turn = new WriteTurn();
  if (useWorker) cache.setWriteTurn(turn);
  return new SyncWriter(
    (events) =>
      useWorker
        ? workerChannel(
            {
              path: cache.db.name,
              limits: { maxRows: limits.groupMaxRows, maxMs: limits.groupMaxMs, linger: true },
              walAutocheckpoint: limits.walAutocheckpoint,
              cacheKib: limits.cacheKib,
              turn: turn.buffer,
            },
            events,
          )
        : inThreadChannel(
            cache,
            { maxRows: limits.groupMaxRows, maxMs: limits.groupMaxMs },
            events,
          ),
    limits,
    () => cache.setWriteTurn(null, turn),
  );
}
