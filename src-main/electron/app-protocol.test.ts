import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, resolveAppAsset } from './app-protocol';
import { PRODUCTION_CSP } from './csp';

describe('resolveAppAsset', () => {
  const dir = '/app/out/renderer';

  it.each([
    ['app://desk/', '/app/out/renderer/index.html'],
    ['app://desk/index.html', '/app/out/renderer/index.html'],
    ['app://desk/index.html?x=1#/settings', '/app/out/renderer/index.html'],
    ['app://desk/assets/index-abc.js', '/app/out/renderer/assets/index-abc.js'],
    ['app://desk/assets/a%20b.css', '/app/out/renderer/assets/a b.css'],
  ])('maps %s to %s', (url, file) => {
    expect(resolveAppAsset(dir, url)).toBe(file);
  });

  it.each([
    // The URL parser resolves dot segments against the root, so these cannot climb out.
    ['app://desk/../../../etc/passwd', '/app/out/renderer/etc/passwd'],
    ['app://desk/%2e%2e/%2e%2e/etc/passwd', '/app/out/renderer/etc/passwd'],
  ])('keeps %s inside the bundle', (url, file) => {
    expect(resolveAppAsset(dir, url)).toBe(file);
  });

  it.each([
    'app://desk/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://desk/..%5c..%5csecret',
    'app://desk/index.html%00.js',
    'app://desk/%E0%A4%A',
    'app://other/index.html',
    'file:///app/out/renderer/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(dir, url)).toBeNull();
  });
});

describe('createAppProtocolHandler', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'desk-renderer-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><p>desk</p>');
    await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1)');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const handler = () => createAppProtocolHandler({ rendererDir: dir, csp: PRODUCTION_CSP });

  it('serves index.html with the CSP, a content type and nosniff', async () => {
    const response = await handler()(new Request('app://desk/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html><p>desk</p>');
    expect(response.headers.get('content-security-policy')).toBe(PRODUCTION_CSP);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await handler()(new Request('app://desk/assets/app.js'));
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers 404 for a missing file and for a path outside the bundle', async () => {
    expect((await handler()(new Request('app://desk/nope.js'))).status).toBe(404);
    expect((await handler()(new Request('app://desk/%2e%2e/%2e%2e/etc/passwd'))).status).toBe(404);
  });

  it('refuses writes', async () => {
    const response = await handler()(
      new Request('app://desk/index.html', { method: 'POST', body: 'x' }),
    );
    expect(response.status).toBe(405);
  });

  it('registers the scheme as standard and secure, without CSP bypass or CORS', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });
});
