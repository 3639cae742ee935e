import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../src-shared/contract';
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
    const ws = await call('workspaces:create', { name: 'Acme' });
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
    expect(await store.get(ws.id as string, 'stackone_api_key')).toBe('key-two');
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
});
