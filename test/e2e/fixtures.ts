import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { createKeytarCredentialStore } from '../../src-main/core/credentials/keytar-store';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/server';

export interface PreviewFixtures {
  /** The preview for this test: its own user-data folder, its own port and token. */
  preview: PreviewServer;
  /** The URL that opens the desk (it carries the token once, then a session cookie takes over). */
  previewUrl: string;
}

const rendererDir = join(import.meta.dirname, '../../out/renderer');

/**
 * Each test gets a fresh desk: a new temporary user-data folder and a preview server started in
 * this worker process on a free port. Secrets go to the OS keychain, which `with-keyring.sh` makes
 * a private, unlocked one for the run. The renderer must be built (`electron-vite build`).
 */
export const test = base.extend<PreviewFixtures>({
  // Playwright reads a fixture's dependencies from its first parameter: `{}` means none.
  // eslint-disable-next-line no-empty-pattern
  preview: async ({}, use) => {
    const userDataDir = await mkdtemp(join(tmpdir(), 'desk-e2e-'));
    const pkg = JSON.parse(
      await readFile(join(import.meta.dirname, '../../package.json'), 'utf8'),
    ) as { version: string };
    const server = await startPreviewServer({
      userDataDir,
      port: 0,
      rendererDir,
      credentialStore: createKeytarCredentialStore(),
      version: pkg.version,
    });
    try {
      await use(server);
    } finally {
      // Deleting a workspace removes its keychain entries: nothing is left in a developer's keyring.
      const list = await server.desk.invoke('workspaces:list', {});
      if (list.ok) {
        const { workspaces } = list.value as { workspaces: { id: string; kind: string }[] };
        for (const w of workspaces.filter((x) => x.kind !== 'sandbox')) {
          await server.desk.invoke('workspaces:delete', { id: w.id });
        }
      }
      await server.close();
      await rm(userDataDir, { recursive: true, force: true });
    }
  },
  previewUrl: async ({ preview }, use) => {
    await use(preview.url);
  },
});

export { expect };
