import { Worker } from 'node:worker_threads';
import type { SqliteDatabase } from '../../infra/db/open-database';
import { workerEntry } from '../../infra/worker-entry';
import {
  buildProjectionData,
  type ProjectionData,
  type ProjectionRequest,
} from './projection-data';
import type { FromProjectionWorker, ProjectionWorkerData } from './projection-worker';

/** The projection worker's file name in the build (its entry in electron.vite.config.ts). */
export const BUILT_PROJECTION_WORKER = 'queue-projection-worker.js';

/**
 * Builds queue projections (see QueueProjection). A build reads one snapshot that is at least as
 * new as the data when `build` was called; the queue checks on arrival that nothing was committed
 * since it asked, so a newer snapshot is never taken for an older one.
 */
export interface ProjectionBuilder {
  build(request: ProjectionRequest): Promise<ProjectionData>;
  close(): Promise<void>;
}

/**
 * Builds on the queue's own connection, blocking it while it reads (~1.2 s at 100k orders):
 * for `:memory:` caches, which no other connection can see, and for tests.
 */
export function inThreadProjectionBuilder(db: SqliteDatabase): ProjectionBuilder {
  return {
    build: (request) => Promise.resolve().then(() => buildProjectionData(db, request)),
    close: () => Promise.resolve(),
  };
}

/**
 * Builds in a worker thread with its own read-only connection to the cache file, so the main
 * thread goes on serving the queue (from SQL) while a projection is read. One worker per cache,
 * started on the first build; builds run one at a time in the order asked.
 */
export function workerProjectionBuilder(path: string): ProjectionBuilder {
  let worker: Worker | null = null;
  let next = 0;
  const waiting = new Map<
    number,
    { resolve: (data: ProjectionData) => void; reject: (error: Error) => void }
  >();
  const failAll = (error: Error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
    worker = null;
  };
  const start = (): Worker => {
    const entry = workerEntry('./projection-worker.ts', BUILT_PROJECTION_WORKER, import.meta.url);
    const data: ProjectionWorkerData = { path };
    const started = new Worker(entry.url, {
      workerData: data,
      // A build makes ~1M short-lived rows (the term list). Left alone, V8 grew this heap until
      // the process held ~400 MB after ten builds at 100k orders; with these limits it stays at
      // ~225 MB (measured; 64071e9 without the term list: ~270 MB), builds ~5% slower. A build
      // at 100k orders fits in 32 MB of old space, so 256 MB leaves room for far larger caches;
      // a heap that still runs out ends the thread, and the queue goes on in SQL (see
      // ProjectedQueue.build).
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 },
      ...(entry.execArgv ? { execArgv: entry.execArgv } : {}),
    });
    started.on('message', (message: FromProjectionWorker) => {
      const w = waiting.get(message.id);
      waiting.delete(message.id);
      if (waiting.size === 0) started.unref();
      if (!w) return;
      if (message.type === 'built') w.resolve(message.data);
      else w.reject(new Error(`the queue projection could not be built: ${message.error}`));
    });
    started.on('error', (error) => failAll(error));
    started.on('exit', (code) => {
      if (worker === started) failAll(new Error(`the queue projection worker exited (${code})`));
    });
    return started;
  };
  return {
    build(request) {
      worker ??= start();
      const id = ++next;
      // Keeps a CLI (bench, test) alive while a build is outstanding; an idle worker never does.
      worker.ref();
      worker.postMessage({ id, request });
      return new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
    },
    async close() {
      const w = worker;
      worker = null;
      failAll(new Error('the queue projection builder was closed'));
      if (w) await w.terminate();
    },
  };
}
