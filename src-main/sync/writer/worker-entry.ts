import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execArgv } from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The writer worker's file name in the build (the entry's name in electron.vite.config.ts). */
export const BUILT_WORKER = 'sync-writer-worker.js';

/**
 * Where the writer worker's code is and how to start it, for both ways the main process runs:
 * - from TypeScript source (tsx CLIs such as the preview and the benches, vitest): this module is
 *   a .ts file; the worker is its .ts sibling, started with tsx's loader, which resolves the
 *   extensionless imports and strips the types;
 * - built by electron-vite: this module is bundled into out/main/index.js or a chunk under
 *   out/main/chunks/, and the worker is the separate entry out/main/sync-writer-worker.js.
 */
export function writerWorkerEntry(moduleUrl: string = import.meta.url): {
  url: URL;
  execArgv: string[] | undefined;
} {
  if (new URL(moduleUrl).pathname.endsWith('.ts')) {
    const url = new URL('./writer-worker.ts', moduleUrl);
    // A worker inherits the parent's execArgv: under the tsx CLI or `node --import tsx` the loader
    // is already there (with --cpu-prof and the like); under vitest it is added.
    if (execArgv.some((arg) => arg.includes('tsx'))) return { url, execArgv: undefined };
    const tsx = pathToFileURL(createRequire(moduleUrl).resolve('tsx')).href;
    return { url, execArgv: [...execArgv, '--import', tsx] };
  }
  for (const relative of [`./${BUILT_WORKER}`, `../${BUILT_WORKER}`]) {
    const url = new URL(relative, moduleUrl);
    // Inherit the parent's execArgv (undefined): the built worker needs no loader.
    if (existsSync(fileURLToPath(url))) return { url, execArgv: undefined };
  }
  throw new Error(`the sync writer worker (${BUILT_WORKER}) is missing beside ${moduleUrl}`);
}
