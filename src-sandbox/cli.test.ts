import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { basicAuth } from './testing/sandbox-client';

/** The CLI starts, prints what a developer needs, serves, and closes cleanly on SIGINT. */

const root = fileURLToPath(new URL('..', import.meta.url));

describe('npm run sandbox', () => {
  it('prints URL, API key and accounts, serves, and exits 0 on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src-sandbox/cli.ts',
        '--port',
        '0',
        '--seed',
        '3',
        '--accounts',
        '2',
        '--orders',
        '20',
        '--api-key',
        'cli-key',
      ],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const ready = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('Orders: ')) resolve(out);
      });
      child.on('exit', () => reject(new Error(`exited early:\n${out}`)));
    });
    const text = await ready;
    const url = /listening on (\S+)/.exec(text)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(text).toContain('API key: cli-key');
    const accountIds = [...text.matchAll(/^ {2}(\d{20}) /gm)].map((m) => m[1]!);
    expect(accountIds).toHaveLength(2);
    const res = await fetch(`${url}/unified/ats/jobs`, {
      headers: { authorization: basicAuth('cli-key'), 'x-account-id': accountIds[0]! },
    });
    expect(res.status).toBe(200);
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('rejects bad arguments with usage and exit code 2', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src-sandbox/cli.ts', '--orders', 'many'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('--orders must be a non-negative integer');
  });
});
