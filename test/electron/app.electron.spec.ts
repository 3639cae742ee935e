import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';

/**
 * The real Electron app, built (`electron-vite build`, which `npm run test:e2e` runs first) and
 * launched by Playwright. Where no Electron binary exists (it is downloaded from GitHub on first use)
 * the whole file is skipped with one line saying so; the renderer is then covered in Chromium
 * through `npm run preview`, and the shell's rules by the unit tests in src-main/electron.
 */
const root = resolve(import.meta.dirname, '../..');
const mainEntry = join(root, 'out/main/index.js');
const binary = findElectronBinary({ root });
const skipReason = binary.found ? '' : `skipped: no Electron binary: ${binary.reason}`;

// Printed by the runner process only, so the reason appears once however many workers start.
if (!binary.found && process.env.TEST_WORKER_INDEX === undefined) console.log(skipReason);

/** Page globals as the renderer sees them; the spec compiles against Node types, not the DOM. */
type RendererGlobals = Record<string, unknown> & {
  desk: {
    invoke(name: string, input: unknown): Promise<unknown>;
    on(name: string, listener: () => void): () => void;
  };
  open(url: string): unknown;
  location: { href: string };
};

test.describe('Electron app', () => {
  test.skip(!binary.found, skipReason);
  test.describe.configure({ mode: 'serial' });

  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  test.beforeAll(async () => {
    if (!binary.found) return;
    if (!existsSync(mainEntry)) throw new Error(`${mainEntry} is missing: run npm run build first`);
    userData = await mkdtemp(join(tmpdir(), 'desk-electron-e2e-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env))
      if (value !== undefined) env[key] = value;
    delete env.ELECTRON_RENDERER_URL;
    env.SCREENING_DESK_USER_DATA = userData;
    app = await electron.launch({
      executablePath: binary.path,
      // Chromium refuses to start as root with its OS sandbox (CI containers); the renderer's own
      // `sandbox: true` preload restrictions do not depend on that flag.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), mainEntry],
      env,
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    if (userData) await rm(userData, { recursive: true, force: true });
  });

  test('opens one window showing the app from app://desk', async () => {
    await expect(page).toHaveTitle(/Screening Desk/);
    expect(page.url()).toMatch(/^app:\/\/desk\//);
    expect(app.windows()).toHaveLength(1);
  });

  test('exposes window.desk with only invoke and on, and no Node', async () => {
    const globals = await page.evaluate(() => {
      const g = globalThis as unknown as RendererGlobals;
      return {
        deskKeys: Object.keys(g.desk).sort(),
        require: typeof g.require,
        process: typeof g.process,
        module: typeof g.module,
        Buffer: typeof g.Buffer,
        ipcRenderer: typeof g.ipcRenderer,
      };
    });
    expect(globals).toEqual({
      deskKeys: ['invoke', 'on'],
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
      ipcRenderer: 'undefined',
    });
  });

  test('answers contract commands over IPC and refuses others', async () => {
    const [info, unknown] = await page.evaluate(async () => {
      const { desk } = globalThis as unknown as RendererGlobals;
      return Promise.all([desk.invoke('app:get-info', {}), desk.invoke('fs:read', {})]);
    });
    expect(info).toMatchObject({ ok: true, value: { runtime: 'electron' } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
  });

  test('serves the app with the strict CSP header and denies new windows', async () => {
    const result = await page.evaluate(async () => {
      const g = globalThis as unknown as RendererGlobals;
      const response = await fetch(g.location.href);
      return {
        csp: response.headers.get('content-security-policy'),
        opened: g.open('http://example.com/') === null ? 'denied' : 'opened',
      };
    });
    expect(result.csp).toContain("script-src 'self'");
    expect(result.csp).not.toContain('unsafe-');
    expect(result.opened).toBe('denied');
    expect(app.windows()).toHaveLength(1);
  });

  test('renders the settings screen with the Sandbox workspace from the core', async () => {
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Workspaces' })).toBeVisible();
    await expect(page.getByText('Sandbox').first()).toBeVisible();
  });
});
