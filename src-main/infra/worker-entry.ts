import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execArgv } from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where a worker thread's code is and how to start it, for both ways the main process runs:
 * - from TypeScript source (tsx CLIs such as the preview and the benches, vitest): `moduleUrl`
 *   (the caller's import.meta.url) is a .ts file; the worker is `source` beside it, started with
 *   tsx's loader, which resolves the extensionless imports and strips the types;
 * - built by electron-vite: the caller is bundled into out/main/index.js or a chunk under
 *   out/main/chunks/, and the worker is its own entry, out/main/`built` (electron.vite.config.ts).
 */
export function workerEntry(
  source: string,
  built: string,
  moduleUrl: string,
): { url: URL; execArgv: string[] | undefined } {
  if (new URL(moduleUrl).pathname.endsWith('.ts')) {
    const url = new URL(source, moduleUrl);
    // A worker inherits the parent's execArgv: under the tsx CLI or `node --import tsx` the loader
    // is already there (with --cpu-prof and the like); under vitest it is added.
    if (execArgv.some((arg) => arg.includes('tsx'))) return { url, execArgv: undefined };
    const tsx = pathToFileURL(createRequire(moduleUrl).resolve('tsx')).href;
    return { url, execArgv: [...execArgv, '--import', tsx] };
  }
  for (const relative of [`./${built}`, `../${built}`]) {
    const url = new URL(relative, moduleUrl);
    // Inherit the parent's execArgv (undefined): the built worker needs no loader.
    if (existsSync(fileURLToPath(url))) return { url, execArgv: undefined };
  }
  throw new Error(`the worker ${built} is missing beside ${moduleUrl}`);
}
