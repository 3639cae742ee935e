import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeytarCredentialStore } from '../src-main/credentials';
import { createDesk } from '../src-main/composition/create-desk';
import type { Desk } from '../src-main/composition/desk';
import { createLogger } from '../src-main/infra/logging/logger';

/**
 * The whole credential path against the real OS keychain (a private gnome-keyring under
 * `npm test`): the desk core stores, reports, replaces and clears an API key, and afterwards no byte
 * of the secret is in the app database files (including the WAL) or in anything it logged.
 */
describe('API key round trip through the desk and the real keychain', () => {
  let dir: string;
  let desk: Desk;
  const logLines: string[] = [];
  const first = `sk-first-${randomBytes(12).toString('hex')}`;
  const second = `sk-second-${randomBytes(12).toString('hex')}`;
  let workspaceId = '';

  const call = async (name: string, input: unknown) => {
    const r = await desk.invoke(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
    return r.value as Record<string, unknown>;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-keychain-'));
    desk = await createDesk({
      userDataDir: dir,
      credentialStore: createKeytarCredentialStore(),
      runtime: 'test',
      version: '0.0.0-test',
      logger: createLogger({ sink: (line) => logLines.push(line), level: 'debug' }),
    });
  });
  afterAll(async () => {
    if (workspaceId) await desk.invoke('workspaces:delete', { id: workspaceId });
    await desk.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores, reports, replaces and clears the key, leaving no trace on disk or in logs', async () => {
    const ws = await call('workspaces:create', { name: `Keychain test ${Date.now()}` });
    workspaceId = ws.id as string;

    expect(await call('credentials:get-status', { workspaceId })).toEqual({
      workspaceId,
      hasApiKey: false,
      hasGatewayToken: false,
    });
    const saved = await call('credentials:save', {
      workspaceId,
      kind: 'stackone_api_key',
      value: first,
    });
    expect(saved).toEqual({ workspaceId, hasApiKey: true, hasGatewayToken: false });

    const keychain = createKeytarCredentialStore();
    expect(await keychain.get(workspaceId, 'stackone_api_key', 'https://api.stackone.com')).toBe(
      first,
    );
    await call('credentials:save', { workspaceId, kind: 'stackone_api_key', value: second });
    expect(await keychain.get(workspaceId, 'stackone_api_key', 'https://api.stackone.com')).toBe(
      second,
    );
    expect(await call('credentials:get-status', { workspaceId })).toMatchObject({
      hasApiKey: true,
    });

    expect(
      await call('credentials:clear', { workspaceId, kind: 'stackone_api_key' }),
    ).toMatchObject({ hasApiKey: false });
    expect(
      await keychain.get(workspaceId, 'stackone_api_key', 'https://api.stackone.com'),
    ).toBeNull();

    const files = readdirSync(dir);
    expect(files).toContain('app.sqlite');
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
    // Recursive: the workspace caches (workspaces/<id>/cache.sqlite*) must not hold it either.
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      if (!statSync(join(dir, file)).isFile()) continue;
      const bytes = readFileSync(join(dir, file));
      for (const secret of [first, second]) {
        expect(bytes.includes(Buffer.from(secret)), `${secret} found in ${file}`).toBe(false);
      }
    }
    const logs = logLines.join('\n');
    expect(logs).toContain('credential stored');
    for (const secret of [first, second]) expect(logs).not.toContain(secret);
  });
});
