import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskFailure, type EventName } from '../../src-shared/contract';
import { secretFor } from '../credentials/credential-store';
import {
  createEphemeralCredentialStoreForTests,
  type EphemeralCredentialStore,
} from '../credentials/memory-store';
import { createDesk } from '../composition/create-desk';
import type { Desk } from '../composition/desk';
import { silentLogger } from '../infra/logging/logger';

describe('workspaces and credentials use cases', () => {
  let dir: string;
  let desk: Desk;
  let store: EphemeralCredentialStore;
  let events: EventName[];

  const call = async (name: string, input: unknown) => {
    const r = await desk.invoke(name, input);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as Record<string, unknown>;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-ws-'));
    store = createEphemeralCredentialStoreForTests();
    events = [];
    desk = await createDesk({
      userDataDir: dir,
      credentialStore: store,
      runtime: 'test',
      version: '0',
      logger: silentLogger,
    });
    desk.subscribe((name) => events.push(name));
  });
  afterEach(async () => {
    await desk.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with the Sandbox workspace active', async () => {
    const list = await call('workspaces:list', {});
    expect(list.activeId).toBe('sandbox');
    expect(list.workspaces).toEqual([
      expect.objectContaining({ id: 'sandbox', kind: 'sandbox', stackoneBaseUrl: null }),
    ]);
  });

  it('creates a StackOne workspace with defaults and keeps it across restarts', async () => {
    const ws = await call('workspaces:create', {
      name: 'Acme EU',
      linkedAccounts: [{ id: 'acc_1', label: 'Acme', provider: null }],
    });
    expect(ws).toMatchObject({
      kind: 'stackone',
      stackoneBaseUrl: 'https://api.stackone.com',
      gatewayUrl: null,
    });
    await desk.close();
    desk = await createDesk({
      userDataDir: dir,
      credentialStore: store,
      runtime: 'test',
      version: '0',
      logger: silentLogger,
    });
    const list = await call('workspaces:list', {});
    expect((list.workspaces as { name: string }[]).map((w) => w.name)).toEqual([
      'Sandbox',
      'Acme EU',
    ]);
  });

  it('refuses duplicate names, duplicate account ids and bad URLs with field issues', async () => {
    await call('workspaces:create', { name: 'Acme' });
    const dup = await desk.invoke('workspaces:create', { name: 'acme' });
    expect(dup).toMatchObject({
      ok: false,
      error: { code: 'conflict', issues: [{ path: ['name'] }] },
    });
    const accounts = await desk.invoke('workspaces:create', {
      name: 'Other',
      linkedAccounts: [
        { id: 'a', label: null, provider: null },
        { id: 'a', label: null, provider: null },
      ],
    });
    expect(accounts).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const url = await desk.invoke('workspaces:create', {
      name: 'Third',
      stackoneBaseUrl: 'ftp://x',
    });
    expect(url).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: ['stackoneBaseUrl'] }] },
    });
  });

  it('switches the active workspace and announces it', async () => {
    const ws = await call('workspaces:create', { name: 'Acme' });
    await call('workspaces:activate', { id: ws.id });
    expect((await call('workspaces:list', {})).activeId).toBe(ws.id);
    expect(events).toContain('workspaces:changed');
    expect(await desk.invoke('workspaces:activate', { id: 'missing' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('stores, replaces and clears secrets and only ever reports whether they exist', async () => {
    const ws = await call('workspaces:create', {
      name: 'Acme',
      gatewayUrl: 'https://gateway.acme.test',
    });
    const saved = await call('credentials:save', {
      workspaceId: ws.id,
      kind: 'stackone_api_key',
      value: 'key-one',
    });
    expect(saved).toEqual({ workspaceId: ws.id, hasApiKey: true, hasGatewayToken: false });
    expect(JSON.stringify(saved)).not.toContain('key-one');
    await call('credentials:save', {
      workspaceId: ws.id,
      kind: 'stackone_api_key',
      value: 'key-two',
    });
    expect(await store.get(ws.id as string, 'stackone_api_key', 'https://api.stackone.com')).toBe(
      'key-two',
    );
    await call('credentials:save', { workspaceId: ws.id, kind: 'gateway_token', value: 'tok' });
    const cleared = await call('credentials:clear', {
      workspaceId: ws.id,
      kind: 'stackone_api_key',
    });
    expect(cleared).toEqual({ workspaceId: ws.id, hasApiKey: false, hasGatewayToken: true });
    expect(events).toContain('credentials:changed');
  });

  it('deletes a workspace together with its secrets, and falls back to the Sandbox', async () => {
    const ws = await call('workspaces:create', { name: 'Acme' });
    await call('credentials:save', { workspaceId: ws.id, kind: 'stackone_api_key', value: 'k' });
    await call('workspaces:activate', { id: ws.id });
    expect(await call('workspaces:delete', { id: ws.id })).toEqual({ deleted: true });
    expect(store.size).toBe(0);
    expect((await call('workspaces:list', {})).activeId).toBe('sandbox');
  });

  it('protects the Sandbox workspace', async () => {
    expect(await desk.invoke('workspaces:delete', { id: 'sandbox' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(
      await desk.invoke('credentials:save', {
        workspaceId: 'sandbox',
        kind: 'stackone_api_key',
        value: 'x',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await call('workspaces:update', { id: 'sandbox', name: 'Training' })).toMatchObject({
      name: 'Training',
    });
  });

  describe('a key is bound to the origin it was saved for', () => {
    let server: Server;
    let seen: IncomingHttpHeaders[];
    let origin: string;

    beforeEach(async () => {
      seen = [];
      server = createServer((req, res) => {
        seen.push(req.headers);
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"no"}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterEach(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('changing the URL clears the key, and a test connection to the new URL sends none', async () => {
      const ws = await call('workspaces:create', {
        name: 'Acme',
        gatewayUrl: 'https://gateway.acme.test',
        linkedAccounts: [{ id: 'acc_1', label: null, provider: null }],
      });
      await call('credentials:save', { workspaceId: ws.id, kind: 'stackone_api_key', value: 'k' });
      await call('credentials:save', { workspaceId: ws.id, kind: 'gateway_token', value: 't' });
      events = [];

      const moved = await call('workspaces:update', { id: ws.id, stackoneBaseUrl: origin });
      expect(moved.stackoneBaseUrl).toBe(origin);
      // Only the secret of the URL that changed is gone.
      expect(await call('credentials:get-status', { workspaceId: ws.id })).toMatchObject({
        hasApiKey: false,
        hasGatewayToken: true,
      });
      expect(store.size).toBe(1);
      expect(events).toContain('credentials:changed');

      const result = await call('workspaces:test-connection', { workspaceId: ws.id });
      expect(result.checks).toEqual([expect.objectContaining({ ok: false, reason: 'no_api_key' })]);
      expect(seen.filter((h) => h.authorization !== undefined)).toEqual([]);

      // Entered again, it is saved for the new origin and sent there.
      await call('credentials:save', { workspaceId: ws.id, kind: 'stackone_api_key', value: 'k2' });
      await call('workspaces:test-connection', { workspaceId: ws.id });
      expect(seen.map((h) => h.authorization)).toContain(
        `Basic ${Buffer.from('k2:').toString('base64')}`,
      );
    });

    it('a save that keeps the URLs keeps the secrets', async () => {
      const ws = await call('workspaces:create', { name: 'Acme', stackoneBaseUrl: origin });
      await call('credentials:save', { workspaceId: ws.id, kind: 'stackone_api_key', value: 'k' });
      await call('workspaces:update', {
        id: ws.id,
        name: 'Acme EU',
        stackoneBaseUrl: `${origin}/`,
      });
      expect(await call('credentials:get-status', { workspaceId: ws.id })).toMatchObject({
        hasApiKey: true,
      });
    });

    it('a gateway token needs the gateway URL saved first', async () => {
      const ws = await call('workspaces:create', { name: 'Acme' });
      expect(
        await desk.invoke('credentials:save', {
          workspaceId: ws.id,
          kind: 'gateway_token',
          value: 't',
        }),
      ).toMatchObject({ ok: false, error: { code: 'conflict', message: /gateway URL first/ } });
    });

    it('never hands a key to a request for another origin', () => {
      const secret = { value: 'k', origin: 'https://api.stackone.com' };
      expect(secretFor(secret, 'https://api.stackone.com/unified/ats/jobs')).toBe('k');
      expect(() => secretFor(secret, 'https://evil.example/unified')).toThrow(/never sent/);
      expect(() => secretFor(secret, 'http://api.stackone.com')).toThrow(DeskFailure);
    });
  });

  it('accepts plain http:// only for loopback hosts', async () => {
    for (const url of ['http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010']) {
      expect(
        await desk.invoke('workspaces:create', { name: url, stackoneBaseUrl: url }),
      ).toMatchObject({ ok: true });
    }
    for (const url of ['http://api.stackone.com', 'http://10.0.0.5', 'http://127.example.com']) {
      expect(
        await desk.invoke('workspaces:create', { name: url, stackoneBaseUrl: url }),
      ).toMatchObject({
        ok: false,
        error: {
          code: 'invalid_input',
          issues: [
            {
              path: ['stackoneBaseUrl'],
              message: expect.stringMatching(/http:\/\/ only for a service on this computer/),
            },
          ],
        },
      });
    }
  });
});
