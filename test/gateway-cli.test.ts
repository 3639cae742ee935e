import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

describe('gateway CLI', () => {
  it('exits 2 with a clear message and usage when the configuration is incomplete', () => {
    const env = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith('GATEWAY_')) delete env[key];
    const run = spawnSync(
      `${ROOT}node_modules/.bin/tsx`,
      ['src-gateway/cli.ts', '--db', ':memory:', '--feed-token', 'feed-token-1'],
      { cwd: ROOT, env, encoding: 'utf8', timeout: 20_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('configure at least one webhook secret');
    expect(run.stderr).toContain('GATEWAY_WEBHOOK_SECRETS');
    expect(run.stderr).not.toContain('feed-token-1');
  });
});
