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

  const auth = { authorization: `Bearer ${token}` };
  const json = { 'content-type': 'application/json' };
  const listBody = JSON.stringify({ input: {} });

  it('serves the page to anyone but refuses the API without the token', async () => {
    const page = await fetch(`${server.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe');
    expect(page.headers.get('set-cookie')).toBeNull();
    const opened = await fetch(server.url);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('set-cookie')).toBeNull();
    const api = await fetch(`${server.origin}/api/invoke/workspaces:list`, {
      method: 'POST',
      body: listBody,
      headers: json,
    });
    expect(api.status).toBe(401);
    const wrong = await fetch(`${server.origin}/?token=nope`);
    expect(wrong.status).toBe(401);
  });

  it('a page on another loopback port cannot call a command with what the browser gives it', async () => {
    // Browsers send 127.0.0.1's cookies to every port, and a cross-origin page can add no custom
    // header without a preflight: so all it has is cookies, even one named like an old session.
    const res = await fetch(`${server.origin}/api/invoke/workspaces:list`, {
      method: 'POST',
      headers: {
        ...json,
        cookie: `desk_session=${token}`,
        origin: 'http://127.0.0.1:5999',
        'sec-fetch-site': 'same-site',
      },
      body: listBody,
    });
    expect(res.status).toBe(403);
    // Even with the Origin hidden (e.g. a no-cors form post), a cookie is no session.
    const cookieOnly = await fetch(`${server.origin}/api/invoke/workspaces:list`, {
      method: 'POST',
      headers: { ...json, cookie: `desk_session=${token}` },
      body: listBody,
    });
    expect(cookieOnly.status).toBe(401);
    const events = await fetch(`${server.origin}/api/events`, {
      headers: { cookie: `desk_session=${token}` },
    });
    expect(events.status).toBe(401);
    // And the preflight a cross-origin page would need for the header is never granted.
    const preflight = await fetch(`${server.origin}/api/invoke/workspaces:list`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:5999',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.status).toBeGreaterThanOrEqual(400);
  });

  it('answers malformed cookies and headers with 401, never 500', async () => {
    for (const headers of [
      { cookie: 'desk_session=%E0%A4%A' },
      { cookie: '=;;=%%%; desk_session' },
      { authorization: 'Bearer' },
      { authorization: `Bearer ${token} extra` },
      { authorization: 'Basic %%%' },
    ]) {
      const res = await fetch(`${server.origin}/api/invoke/workspaces:list`, {
        method: 'POST',
        headers: { ...json, ...headers },
        body: listBody,
      });
      expect(res.status, JSON.stringify(headers)).toBe(401);
    }
  });

  it('forwards commands to the same desk core and returns envelopes', async () => {
    const ok = await fetch(`${server.origin}/api/invoke/workspaces:list`, {
      method: 'POST',
      headers: { ...auth, ...json, origin: server.origin, 'sec-fetch-site': 'same-origin' },
      body: listBody,
    });
    expect(await ok.json()).toMatchObject({ ok: true, value: { activeId: 'sandbox' } });
    const bad = await fetch(`${server.origin}/api/invoke/workspaces:activate`, {
      method: 'POST',
      headers: { ...auth, ...json },
      body: JSON.stringify({ input: { id: 42 } }),
    });
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknown = await fetch(`${server.origin}/api/invoke/nope:nothing`, {
      method: 'POST',
      headers: { ...auth, ...json },
      body: listBody,
    });
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
  });

  it('refuses cross-origin calls and foreign Host headers, even with the token', async () => {
    const res = await fetch(`${server.origin}/api/invoke/workspaces:list`, {
      method: 'POST',
      headers: { ...auth, ...json, origin: 'http://evil.example' },
      body: listBody,
    });
    expect(res.status).toBe(403);
    expect(await rawGet(`${server.origin}/`, { host: 'evil.example' })).toBe(421);
  });

  it('streams contract events over SSE', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.origin}/api/events?session=${token}`, {
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
