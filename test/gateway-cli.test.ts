import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Runs the gateway CLI with no GATEWAY_* variables but `extra`. */
function gateway(args: string[], extra: Record<string, string> = {}) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('GATEWAY_')) delete env[key];
  return spawnSync(`${ROOT}node_modules/.bin/tsx`, ['src-gateway/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...env, ...extra },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('gateway CLI', () => {
  it('exits 2 with a clear message and usage when the configuration is incomplete', () => {
    const run = gateway(['--db', ':memory:'], { GATEWAY_FEED_TOKEN: 'feed-token-1' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('configure at least one webhook secret');
    expect(run.stderr).toContain('GATEWAY_WEBHOOK_SECRETS');
    expect(run.stderr).not.toContain('feed-token-1');
  });

  it('refuses a secret on the command line without repeating it', () => {
    const run = gateway(['--db', ':memory:', '--feed-token', 'feed-token-1']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--feed-token: secrets are not taken from the command line');
    expect(run.stderr).not.toContain('feed-token-1');
  });
});
