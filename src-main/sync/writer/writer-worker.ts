import { parentPort, workerData } from 'node:worker_threads';
import { connectWorkspaceCache } from '../../cache';
import { GroupCommitter } from './group-committer';
import type { ToWriter } from './protocol';

/**
 * The cache writer's thread (started by writer-channel.ts): its own connection to the workspace's
 * cache file, applying what the main thread sends through a GroupCommitter. Built as its own entry
 * (`sync-writer-worker` in electron.vite.config.ts); run from source under tsx.
 */
export interface WriterWorkerData {
  path: string;
  /** wal_autocheckpoint of this connection (pages), or null for SQLite's default. */
  walAutocheckpoint: number | null;
  /** Page cache of this connection (KiB). */
  cacheKib: number;
}

const port = parentPort;
if (!port) throw new Error('writer-worker.ts runs as a worker thread');
const data = workerData as WriterWorkerData;
const cache = connectWorkspaceCache(data.path, { cacheKib: data.cacheKib });
if (data.walAutocheckpoint !== null)
  cache.db.pragma(`wal_autocheckpoint = ${data.walAutocheckpoint}`);
// A checkpoint leaves the WAL file at its largest size for reuse; cut it back to 64 MB instead.
cache.db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
const committer = new GroupCommitter(cache, (message) => port.postMessage(message));

port.on('message', (message: ToWriter | { type: 'close' }) => {
  if (message.type !== 'close') {
    committer.enqueue(message);
    return;
  }
  // Everything sent before `close` is applied and committed before the connection goes; the main
  // thread's cache.close() checkpoints after this thread is gone.
  committer.drain();
  cache.db.close();
  port.close();
});
