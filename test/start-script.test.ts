import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../scripts/electron-binary.mjs';

const root = resolve(import.meta.dirname, '..');
const script = join(root, 'scripts/start.mjs');

interface Run {
  code: number | null;
  output: string;
}

/** Runs `node scripts/start.mjs` (what `npm start` runs) and collects stdout and stderr together. */
function runStart(env: NodeJS.ProcessEnv, args: string[] = []): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(process.execPath, [script, ...args], { cwd: root, env }, (error) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output });
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
}

function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  delete env.ELECTRON_EXEC_PATH;
  return env;
}

function expectOneLineRefusal(run: Run) {
  expect(run.code).not.toBe(0);
  const lines = run.output.split('\n').filter((line) => line.trim() !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('npm run preview');
  expect(lines[0]).toMatch(/Electron binary/);
  expect(run.output).not.toMatch(/^\s+at /m);
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'desk-start-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const installed = findElectronBinary({ root, env: baseEnv() });

describe('npm start', () => {
  it.skipIf(installed.found)(
    `on this machine, without an Electron binary, fails with one line pointing to npm run preview${
      installed.found ? ' (skipped: this machine has the Electron binary)' : ''
    }`,
    async () => {
      expectOneLineRefusal(await runStart(baseEnv()));
    },
  );

  it('fails the same way when ELECTRON_OVERRIDE_DIST_PATH holds no executable', async () => {
    const empty = join(scratch, 'empty-dist');
    await mkdir(empty);
    const run = await runStart({ ...baseEnv(), ELECTRON_OVERRIDE_DIST_PATH: empty });
    expectOneLineRefusal(run);
    expect(run.output).toContain('ELECTRON_OVERRIDE_DIST_PATH');
  });

  it.skipIf(process.platform === 'win32')(
    'with a binary, builds the app and launches Electron on it, passing its exit code through',
    async () => {
      // A stand-in Electron that records what it was started with.
      const dist = join(scratch, 'fake-dist');
      const pathFile = join(root, 'node_modules/electron/path.txt');
      const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
      const fake = join(dist, relative);
      const record = join(scratch, 'electron-args.txt');
      await mkdir(dirname(fake), { recursive: true });
      await writeFile(fake, `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\nexit 7\n`);
      await chmod(fake, 0o755);
      const out = join(scratch, 'out');
      const entry = join(out, 'main/index.js');

      const run = await runStart(
        { ...baseEnv(), ELECTRON_OVERRIDE_DIST_PATH: dist, ELECTRON_ENTRY: entry },
        ['--outDir', out],
      );

      expect(run.code).toBe(7);
      expect(existsSync(entry)).toBe(true);
      expect((await readFile(record, 'utf8')).split('\n')[0]).toBe(entry);
    },
    60_000,
  );
});

describe('findElectronBinary', () => {
  async function fakeProject(files: Record<string, string>) {
    const dir = await mkdtemp(join(scratch, 'project-'));
    await writeFile(join(dir, 'package.json'), '{"name":"p"}');
    const pkg = join(dir, 'node_modules/electron');
    await mkdir(join(pkg, 'dist'), { recursive: true });
    await writeFile(join(pkg, 'package.json'), '{"name":"electron","version":"45.0.0"}');
    for (const [name, content] of Object.entries(files)) await writeFile(join(pkg, name), content);
    return { dir, pkg };
  }

  it('reports a package that was installed but never downloaded its binary', async () => {
    const { dir } = await fakeProject({});
    expect(findElectronBinary({ root: dir, env: {} })).toEqual({
      found: false,
      reason: expect.stringContaining('never downloaded'),
    });
  });

  it('reports a path.txt whose binary is gone', async () => {
    const { dir } = await fakeProject({ 'path.txt': 'electron' });
    expect(findElectronBinary({ root: dir, env: {} })).toEqual({
      found: false,
      reason: expect.stringContaining('missing'),
    });
  });

  it('finds the binary named by path.txt', async () => {
    const { dir, pkg } = await fakeProject({ 'path.txt': 'electron', 'dist/electron': '' });
    expect(findElectronBinary({ root: dir, env: {} })).toEqual({
      found: true,
      path: join(pkg, 'dist/electron'),
    });
  });
});
