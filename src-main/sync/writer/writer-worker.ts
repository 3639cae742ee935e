import { parentPort, workerData } from 'node:worker_threads';
import { connectWorkspaceCache } from '../../cache';
import { GroupCommitter, type GroupLimits } from './group-committer';
import type { ToWriter } from './protocol';
import { WriteTurn } from './write-turn';

/**
 * The sync's writer thread (started by worker-channel.ts): its own connection to the workspace's
 * cache file, applying the batches the main thread sends through a GroupCommitter. Built as its
 * own entry (`sync-writer-worker` in electron.vite.config.ts); run from source under tsx.
 */
export interface WriterWorkerData {
  path: string;
  limits: GroupLimits;
  /** wal_autocheckpoint of this connection (pages), or null for SQLite's default. */
  walAutocheckpoint: number | null;
  /** Page cache of this connection (KiB). */
  cacheKib: number;
  /** The WriteTurn's shared memory: the main thread asks for the write lock through it. */
  turn: SharedArrayBuffer;
}

const port = parentPort;
if (!port) throw new Error('writer-worker.ts runs as a worker thread');
const data = workerData as WriterWorkerData;
const cache = connectWorkspaceCache(data.path, { cacheKib: data.cacheKib });
if (data.walAutocheckpoint !== null)
  cache.db.pragma(`wal_autocheckpoint = ${data.walAutocheckpoint}`);
const committer = new GroupCommitter(
  cache,
  data.limits,
  (message) => port.postMessage(message),
  new WriteTurn(data.turn),
);

port.on('message', (message: ToWriter | { type: 'close' }) => {
  if (message.type !== 'close') {
    committer.enqueue(message);
    return;
  }
  // Everything sent before `close` is applied and committed before the connection goes; the main
  // thread's cache.close() checkpoints after this thread is gone.
  committer.drain();
  committer.commit();
  cache.db.close();
  port.close();
});
