import { Worker } from 'node:worker_threads';
import type { WorkspaceCache } from '../../cache';
import { GroupCommitter } from './group-committer';
import { CacheWriterStoppedError, type FromWriter, type ToWriter } from './protocol';
import { writerWorkerEntry } from './worker-entry';
import type { WriteOperations } from './write-operations';
import type { WriterWorkerData } from './writer-worker';

/** How CacheWriter reaches whatever applies its writes. */
export interface WriterChannel {
  readonly kind: 'worker' | 'in-thread';
  post(message: ToWriter): void;
  /** Keeps the process alive while true (work is outstanding). */
  hold(busy: boolean): void;
  /** Applies and commits what was posted, then lets go of the connection. */
  close(): Promise<void>;
  /** Stops at once; what was not committed is lost (as in a crash). */
  terminate(): Promise<void>;
}

export interface ChannelEvents {
  message(message: FromWriter): void;
  /** The channel died on its own (the worker crashed or exited). */
  died(error: Error): void;
}

/** For `:memory:` caches and unit tests: the same GroupCommitter on the main connection. */
export function inThreadChannel(
  cache: WorkspaceCache,
  events: ChannelEvents,
  operations?: WriteOperations,
): WriterChannel {
  const committer = new GroupCommitter(cache, (m) => events.message(m), operations);
  return {
    kind: 'in-thread',
    post: (message) => committer.enqueue(message),
    hold: () => undefined,
    close: async () => {
      committer.drain();
    },
    terminate: async () => undefined,
  };
}

/** A worker thread with its own connection to the cache file (see writer-worker.ts). */
export function workerChannel(data: WriterWorkerData, events: ChannelEvents): WriterChannel {
  const entry = writerWorkerEntry();
  const worker = new Worker(entry.url, {
    workerData: data,
    // Left alone, V8 let this heap grow to ~160 MB on a 10k-order sync (the RSS target). What it
    // holds is bounded by the queue (WriterLimits.queueMaxRows); a heap that still runs out ends
    // the thread, which fails the pass cleanly like any other crash of the writer.
    resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 },
    ...(entry.execArgv ? { execArgv: entry.execArgv } : {}),
  });
  let closing = false;
  let dead = false;
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const die = (error: Error) => {
    if (dead) return;
    dead = true;
    events.died(error);
  };
  worker.on('message', (message: FromWriter) => events.message(message));
  worker.on('error', (error) => die(new CacheWriterStoppedError(error.message)));
  void exited.then((code) => {
    if (!closing) die(new CacheWriterStoppedError(`its thread exited with code ${code}`));
  });
  worker.unref();
  return {
    kind: 'worker',
    post: (message) => {
      if (!dead) worker.postMessage(message);
    },
    // An idle writer never keeps a process alive; one with outstanding work does, so that a CLI
    // awaiting a pass does not exit with the pass's last commit unanswered.
    hold: (busy) => (busy ? worker.ref() : worker.unref()),
    close: async () => {
      closing = true;
      if (!dead) {
        worker.ref();
        worker.postMessage({ type: 'close' });
      }
      await exited;
    },
    terminate: async () => {
      closing = true;
      await worker.terminate();
    },
  };
}
