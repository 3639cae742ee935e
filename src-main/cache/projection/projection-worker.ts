import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../infra/db/open-database';
import {
  buildProjectionData,
  transferList,
  type ProjectionData,
  type ProjectionRequest,
} from './projection-data';
import { attachTermVocabulary } from './term-index';

/**
 * The queue projection's builder thread (started by projection-builder.ts): its own connection
 * to the workspace's cache file, reading a projection per request in one read transaction. It
 * never writes. Built as its own entry (`queue-projection-worker` in electron.vite.config.ts).
 */
export interface ProjectionWorkerData {
  path: string;
}

export type FromProjectionWorker =
  | { type: 'built'; id: number; data: ProjectionData }
  | { type: 'failed'; id: number; error: string };

const port = parentPort;
if (!port) throw new Error('projection-worker.ts runs as a worker thread');
const db = openDatabase((workerData as ProjectionWorkerData).path);
// Before query_only, which forbids creating even a TEMP table.
attachTermVocabulary(db);
// Reads only; a query_only connection cannot write by mistake (and never takes the write lock).
db.pragma('query_only = ON');

port.on('message', ({ id, request }: { id: number; request: ProjectionRequest }) => {
  let message: FromProjectionWorker;
  try {
    const data = buildProjectionData(db, request);
    port.postMessage(
      { type: 'built', id, data } satisfies FromProjectionWorker,
      transferList(data),
    );
    return;
  } catch (error) {
    message = { type: 'failed', id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(message);
});
