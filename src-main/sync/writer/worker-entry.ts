import { workerEntry } from '../../infra/worker-entry';

/** The writer worker's file name in the build (the entry's name in electron.vite.config.ts). */
export const BUILT_WORKER = 'sync-writer-worker.js';

/** Where the writer worker's code is and how to start it (see workerEntry). */
export function writerWorkerEntry(moduleUrl: string = import.meta.url): {
  url: URL;
  execArgv: string[] | undefined;
} {
  return workerEntry('./writer-worker.ts', BUILT_WORKER, moduleUrl);
}
