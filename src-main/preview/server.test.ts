import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEphemeralCredentialStoreForTests } from '../credentials/memory-store';
import { silentLogger } from '../infra/logging/logger';
import { startPreviewServer, type PreviewServer } from './server';

/** Raw HTTP so that the Host header can be forged (fetch does not allow it). */
function rawGet(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser preview server', () => {
  let dir: string;
  let server: PreviewServer;
  let cookie: string;
  const token = 'test-token-0123456789';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-preview-'));
    const rendererDir = join(dir, 'renderer');
    const userDataDir = join(dir, 'user');
    await import('node:fs/promises').then((fs) => fs.mkdir(rendererDir));
    writeFileSync(
      join(rendererDir, 'index.html'),
      '<!doctype html><title>desk</title><div id="root"></div>',
    );
    server = await startPreviewServer({
      userDataDir,
      rendererDir,
      credentialStore: createEphemeralCredentialStoreForTests(),
      version: '0.0.0-test',
      token,
      logger: silentLogger,
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses requests without the token', async () => {
    const page = await fetch(`${server.origin}/`);
    expect(page.status).toBe(401);
    const api = await fetch(`${server.origin}/api/invoke/workspaces:list`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(api.status).toBe(401);
    const wrong = await fetch(`${server.origin}/?token=nope`, { redirect: 'manual' });
    expect(wrong.status).toBe(401);
  });

  it('trades the URL token for an HttpOnly SameSite=Strict cookie and a redirect', async () => {
    const res = await fetch(server.url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    cookie = setCookie.split(';')[0]!;
    const page = await fetch(`${server.origin}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe');
  });

  it('forwards commands to the same desk core and returns envelopes', async () => {
    const ok = await fetch(`${server.origin}/api/invoke/workspaces:list`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ input: {} }),
    });
    expect(await ok.json()).toMatchObject({ ok: true, value: { activeId: 'sandbox' } });
    const bad = await fetch(`${server.origin}/api/invoke/workspaces:activate`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ input: { id: 42 } }),
    });
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknown = await fetch(`${server.origin}/api/invoke/nope:nothing`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ input: {} }),
    });
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
  });

  it('refuses cross-origin writes and foreign Host headers', async () => {
    const res = await fetch(`${server.origin}/api/invoke/workspaces:list`, {
      method: 'POST',
      headers: { cookie, origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ input: {} }),
    });
    expect(res.status).toBe(403);
    expect(await rawGet(`${server.origin}/`, { host: 'evil.example', cookie })).toBe(421);
  });

  it('streams contract events over SSE', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.origin}/api/events`, {
      headers: { cookie },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    text += decoder.decode((await reader.read()).value); // ": connected" arrives once subscribed
    await server.desk.invoke('workspaces:activate', { id: 'sandbox' });
    while (!text.includes('workspaces:changed'))
      text += decoder.decode((await reader.read()).value);
    expect(text).toContain('event: desk');
    expect(text).toContain('"activeId":"sandbox"');
    controller.abort();
  });
});
