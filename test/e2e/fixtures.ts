import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { createKeytarCredentialStore } from '../../src-main/credentials/keytar-store';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/server';
import type { EmbeddedServices } from '../../src-main/composition/embedded-services';
import type { RuntimeSyncOptions } from '../../src-main/composition/workspace-runtime';

export interface PreviewFixtures {
  /** The preview for this test: its own user-data folder, its own port and token. */
  preview: PreviewServer;
  /** The URL that opens the desk (it carries the token, which the page keeps in sessionStorage). */
  previewUrl: string;
  /**
   * The Sandbox workspace's embedded sandbox and gateway, once they run: the sandbox's truth
   * (`sandbox.inspect`, `/_sandbox/*`) to compare with, and `sandbox.close()` to go offline.
   */
  embedded: EmbeddedServices;
}

export interface PreviewOptions {
  /** Sync settings for this test's desk (`test.use({ deskSync: … })`): interval, sandbox size. */
  deskSync: RuntimeSyncOptions | undefined;
}

const rendererDir = join(import.meta.dirname, '../../out/renderer');

/** Filled by the embedded services' onStarted hook of each preview's desk. */
const servicesByServer = new WeakMap<PreviewServer, Promise<EmbeddedServices>>();

/**
 * Each test gets a fresh desk: a new temporary user-data folder and a preview server started in
 * this worker process on a free port. Secrets go to the OS keychain, which `with-keyring.sh` makes
 * a private, unlocked one for the run. The renderer must be built (`electron-vite build`).
 */
export const test = base.extend<PreviewFixtures & PreviewOptions>({
  deskSync: [undefined, { option: true }],
  preview: async ({ deskSync }, use) => {
    let started: (services: EmbeddedServices) => void = () => {};
    const embedded = new Promise<EmbeddedServices>((resolve) => {
      started = resolve;
    });
    const sync: RuntimeSyncOptions | undefined =
      deskSync?.sandbox === false
        ? deskSync
        : { ...deskSync, sandbox: { ...deskSync?.sandbox, onStarted: (s) => started(s) } };
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
      ...(sync ? { sync } : {}),
    });
    servicesByServer.set(server, embedded);
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
  embedded: async ({ preview }, use) => {
    const ready = servicesByServer.get(preview);
    if (!ready) throw new Error('The preview was started without the embedded-services hook.');
    let timer: NodeJS.Timeout | undefined;
    const services = await Promise.race([
      ready,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error('The embedded sandbox did not start within 20 s.')),
          20_000,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    await use(services);
  },
});

export { expect };
