import type { WorkspaceCache } from '../../cache';
import {
  CacheWriteError,
  CacheWriterStoppedError,
  type FromWriter,
  type ToWriter,
} from './protocol';
import { inThreadChannel, workerChannel, type WriterChannel } from './writer-channel';
import { batchRows, type BatchOutcome, type WriteBatch } from './write-batch';
import type { OperationArgs, OperationName, OperationResult } from './write-operations';

export interface WriterLimits {
  /** Batch rows sent but not yet taken by the writer before `write` waits (bounds memory). */
  queueMaxRows: number;
  /** wal_autocheckpoint of the worker's connection (pages); null: SQLite's 1000. */
  walAutocheckpoint: number | null;
  /** Page cache of the worker's connection (KiB); the inserts' index pages live there. */
  cacheKib: number;
}

interface Pending {
  /** The stream of a batch; null for a named operation. */
  stream: WriteStream | null;
  done: (result: unknown) => void;
  fail: (error: Error) => void;
}

/**
 * The one way to write to a workspace's cache. Sync batches (`stream().write`) and the app's own
 * writes (`run`, named operations from write-operations.ts) go to one writer with its own
 * connection: a worker thread for a file cache (the main thread only fetches, parses and reads;
 * reads use the main connection, WAL keeps them consistent), or the main connection itself for a
 * `:memory:` cache (unit tests). Both sit behind the same messages (protocol.ts) and the same
 * GroupCommitter, so they obey one contract:
 *
 * - Everything applies in the order it was sent, except that an operation goes ahead of sync
 *   batches still waiting in the writer's queue (see GroupCommitter).
 *
 * - `WriteStream.write` resolves once the batch is queued; it waits only while more than
 *   `queueMaxRows` batch rows are queued and not yet taken by the writer (backpressure).
 * - A batch's `onCommitted` runs after its transaction committed, never before: `data:changed`
 *   and status counts describe stored data only. `run` resolves with the operation's result
 *   once it committed.
 * - A batch that fails fails its stream; the stream's later batches are never applied (a cursor in
 *   them cannot pass the failed rows) and its next `write` or `flush` throws the error.
 * - `flush` resolves once everything sent before it is settled. Reads that depend on the sync's
 *   own writes (missing references, sync_state) come after a flush.
 * - When the worker dies, every unsettled batch and operation fails with CacheWriterStoppedError;
 *   the next write starts a new worker.
 */
export class CacheWriter {
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
  private channel: WriterChannel | null = null;
  private lastFailure: Error | null = null;
  private closed = false;
  private closing: Promise<void> | null = null;

  constructor(
    readonly kind: WriterChannel['kind'],
    private readonly start: (events: {
      message: (m: FromWriter) => void;
      died: (e: Error) => void;
    }) => WriterChannel,
    private readonly limits: WriterLimits,
  ) {}

  /** Why the last writer thread stopped (until a write starts a new one), or null. */
  get failed(): Error | null {
    return this.lastFailure;
  }

  /** A new sequence of batches whose failure is its own (one source of one account). */
  stream(): WriteStream {
    return new WriteStream(this, ++this.streams);
  }

  /** Runs the named operation in a transaction of its own; resolves with its result once committed. */
  run<K extends OperationName>(name: K, args: OperationArgs<K>): Promise<OperationResult<K>> {
    return new Promise((resolve, reject) => {
      const channel = this.connect();
      const seq = ++this.seq;
      this.pending.set(seq, {
        stream: null,
        done: (result) => resolve(result as OperationResult<K>),
        fail: reject,
      });
      this.post(channel, { type: 'run', seq, name, args });
    });
  }

  /** Resolves when everything sent so far is settled; rejects if the writer died meanwhile. */
  flush(): Promise<void> {
    const channel = this.channel;
    if (!channel) return Promise.resolve();
    const id = ++this.flushes;
    const done = new Promise<void>((resolve, reject) => {
      this.flushWaiters.set(id, { resolve, reject });
    });
    this.post(channel, { type: 'flush', id });
    return done;
  }

  /** Commits what was sent, then stops the worker (its connection closes before this resolves). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      this.wakeWriters();
      const channel = this.channel;
      if (!channel) return;
      await this.flush().catch(() => undefined);
      await channel.close();
      this.die(channel, new CacheWriterStoppedError('it was closed'));
    })();
    return this.closing;
  }

  /** Stops at once, dropping what is queued and uncommitted: what a crash does (tests use it). */
  async terminate(): Promise<void> {
    const channel = this.channel;
    if (!channel) return;
    await channel.terminate();
    this.die(channel, new CacheWriterStoppedError('it was terminated'));
  }

  /** @internal WriteStream's write. */
  async submit(
    stream: WriteStream,
    batch: WriteBatch,
    onCommitted?: (outcome: BatchOutcome) => void,
  ): Promise<void> {
    while (!this.closed && stream.error === null && this.queuedRows >= this.limits.queueMaxRows) {
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    }
    if (stream.error) throw stream.error;
    const channel = this.connect();
    const seq = ++this.seq;
    this.pending.set(seq, {
      stream,
      done: (result) => onCommitted?.(result as BatchOutcome),
      fail: () => undefined,
    });
    this.queuedRows += batchRows(batch);
    this.post(channel, { type: 'batch', seq, stream: stream.id, batch });
  }

  /** The running writer, or a new one when there is none (first write, or the last one died). */
  private connect(): WriterChannel {
    if (this.closed) throw new CacheWriterStoppedError('it was closed');
    if (this.channel) return this.channel;
    this.lastFailure = null;
    // Events of a channel that was replaced are ignored: it has nothing left to settle.
    const channel: WriterChannel = this.start({
      message: (m) => {
        if (this.channel === channel) this.receive(channel, m);
      },
      died: (e) => this.die(channel, e),
    });
    this.channel = channel;
    return channel;
  }

  private post(channel: WriterChannel, message: ToWriter): void {
    channel.hold(true);
    channel.post(message);
  }

  private receive(channel: WriterChannel, message: FromWriter): void {
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
        if (!pending) continue;
        const failure = new CacheWriteError(error);
        if (pending.stream) pending.stream.error ??= failure;
        pending.fail(failure);
      }
      for (const { seq, result } of message.committed) this.settle(seq)?.done(result);
    }
    if (this.pending.size === 0 && this.flushWaiters.size === 0) channel.hold(false);
  }

  private settle(seq: number): Pending | undefined {
    const pending = this.pending.get(seq);
    if (!pending) return undefined;
    this.pending.delete(seq);
    return pending;
  }

  private die(channel: WriterChannel, error: Error): void {
    if (this.channel !== channel) return;
    this.channel = null;
    this.lastFailure = error;
    for (const pending of this.pending.values()) {
      if (pending.stream) pending.stream.error ??= error;
      pending.fail(error);
    }
    this.pending.clear();
    this.queuedRows = 0;
    for (const waiter of this.flushWaiters.values()) waiter.reject(error);
    this.flushWaiters.clear();
    this.wakeWriters();
    channel.hold(false);
  }

  private wakeWriters(): void {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const wake of waiters) wake();
  }
}

/** One source's batches: applied in order; the first failure stops the rest (see CacheWriter). */
export class WriteStream {
  /** The first error of this stream's batches, once one failed. */
  error: Error | null = null;

  constructor(
    private readonly writer: CacheWriter,
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
 * `queueMaxRows` bounds what waits for the writer (memory) and so the size of its groups. Larger
 * groups mean fewer commits, and each commit flushes the order search indexes (FTS5) into a new
 * segment that later merges rewrite: on a large sync, groups of up to 5,000 rows cost the writer
 * markedly less than groups of 1,000. The price is that a coordinator's write may wait for one
 * such group to commit (bench:sync prints that wait).
 *
 * The worker's connection checkpoints every 100,000 WAL pages (~400 MB) instead of 1,000: a
 * checkpoint copies every page the WAL holds into the file, and a large sync rewrites the same
 * index pages in commit after commit, so frequent checkpoints copied them again and again. The
 * price is disk: the WAL may grow that large during a large sync; after a checkpoint it is cut
 * back to 64 MB (writer-worker.ts), and `close()` truncates it. The worker also has the same 64 MB
 * page cache as the cache's own connection for the inserts' index pages (with half of it, a large
 * sync re-reads evicted index pages; peak RSS barely moves, since pages are allocated as used).
 * Figures in bench/README.md (`npm run bench:sync`).
 */
export const DEFAULT_WRITER_LIMITS: WriterLimits = {
  queueMaxRows: 5_000,
  walAutocheckpoint: 100_000,
  cacheKib: 65_536,
};

/**
 * The writer for `cache`: a worker thread on a file cache, the main connection for `:memory:`
 * (a second connection cannot see an in-memory database). `mode` forces one (tests, bench).
 * One per open cache: two writers would wait on each other's write lock.
 */
export function createCacheWriter(
  cache: WorkspaceCache,
  limits: WriterLimits = DEFAULT_WRITER_LIMITS,
  mode: 'auto' | 'worker' | 'in-thread' = 'auto',
): CacheWriter {
  const useWorker = mode === 'worker' || (mode === 'auto' && !cache.db.memory);
  return new CacheWriter(
    useWorker ? 'worker' : 'in-thread',
    (events) =>
      useWorker
        ? workerChannel(
            {
              path: cache.db.name,
              walAutocheckpoint: limits.walAutocheckpoint,
              cacheKib: limits.cacheKib,
            },
            events,
          )
        : inThreadChannel(cache, events),
    limits,
  );
}
