import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Builds the app with the real electron.vite.config.ts into a temporary folder and checks the
 * properties Electron needs at run time but that no type checker sees: a CommonJS preload that
 * requires nothing but `electron`, and native modules left external in main.
 */
const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'node_modules/electron-vite/bin/electron-vite.js');

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'desk-build-'));
  await promisify(execFile)(process.execPath, [cli, 'build', '--outDir', out], { cwd: root });
}, 60_000);
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('electron-vite build output', () => {
  it('writes main, preload and renderer into their own folders', async () => {
    expect(await readdir(join(out, 'main'))).toContain('index.js');
    expect(await readdir(join(out, 'preload'))).toEqual(['index.cjs']);
    expect(await readdir(join(out, 'renderer'))).toContain('index.html');
  });

  it('emits a self-contained CommonJS preload that requires only electron', async () => {
    const preload = await readFile(join(out, 'preload/index.cjs'), 'utf8');
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect(preload).not.toMatch(/\bimport\(/);
    const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('leaves the native modules external in main', async () => {
    // Main has two entries (the app and the sync writer's worker), so shared code sits in chunks.
    const files = (await readdir(join(out, 'main'), { recursive: true })).filter((f) =>
      f.endsWith('.js'),
    );
    expect(files).toContain('sync-writer-worker.js');
    const main = (await Promise.all(files.map((f) => readFile(join(out, 'main', f), 'utf8')))).join(
      '\n',
    );
    expect(main).toMatch(/from ["']electron["']/);
    expect(main).toMatch(/from ["']better-sqlite3["']|import\(["']better-sqlite3["']\)/);
    // keytar is optional and loaded at run time by name (see keytar-store.ts): never bundled.
    expect(main).toMatch(/["']keytar["']/);
    expect(main).not.toContain('node_modules/better-sqlite3');
    expect(main).not.toContain('node_modules/keytar');
    // The workers run in plain worker threads: only the app entry may reach for Electron.
    for (const f of files.filter((name) => name !== 'index.js')) {
      expect(await readFile(join(out, 'main', f), 'utf8'), f).not.toMatch(/from ["']electron["']/);
    }
  });
});
