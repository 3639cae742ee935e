#!/usr/bin/env node
// `npm start`: build the app and run it in Electron. Where the Electron binary is absent (it is
// downloaded from GitHub on first use, which some machines cannot reach) this fails at once with one
// line pointing to `npm run preview`, instead of stalling on a download or printing a stack trace.
// Extra arguments go to `electron-vite preview` (e.g. `npm start -- --outDir /tmp/out`).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { findElectronBinary } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const binary = findElectronBinary({ root });

if (!binary.found) {
  process.stderr.write(
    `npm start needs the Electron binary, but ${binary.reason}; install it with ` +
      '`node node_modules/electron/install.js` where GitHub is reachable, or run ' +
      '`npm run preview` to use the desk in a browser.\n',
  );
  process.exit(1);
}

const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const child = spawn(process.execPath, [cli, 'preview', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  // electron-vite reads the executable from here before looking at the electron package itself.
  env: { ...process.env, ELECTRON_EXEC_PATH: binary.path },
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (error) => {
  process.stderr.write(`npm start could not run electron-vite: ${error.message}\n`);
  process.exit(1);
});
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
