import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Finds the Electron executable the way the `electron` npm package does, without its side effect:
 * the package's index.js starts a synchronous download from GitHub when the binary is missing, which
 * fails (or stalls) on machines that cannot reach GitHub. Honours ELECTRON_OVERRIDE_DIST_PATH.
 *
 * @param {{ root?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {{ found: true, path: string } | { found: false, reason: string }}
 */
export function findElectronBinary({ root = process.cwd(), env = process.env } = {}) {
  let packageDir;
  try {
    packageDir = dirname(
      createRequire(join(root, 'package.json')).resolve('electron/package.json'),
    );
  } catch {
    return { found: false, reason: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';

  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(path)
      ? { found: true, path }
      : {
          found: false,
          reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron executable (${path})`,
        };
  }
  if (!relative) {
    return {
      found: false,
      reason:
        'the Electron binary was never downloaded (node_modules/electron/path.txt is missing)',
    };
  }
  const path = join(packageDir, 'dist', relative);
  return existsSync(path)
    ? { found: true, path }
    : { found: false, reason: `the Electron binary is missing (${path})` };
}
