import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspaceCache, type WorkspaceCache } from '../../cache';
import type { RuntimeSyncOptions } from '../workspace-runtime';
import { createDesk } from '../create-desk';
import { createEphemeralCredentialStoreForTests } from '../../credentials/memory-store';
import type { Desk } from '../desk';
import { silentLogger } from '../../infra/logging/logger';

export interface TestDesk {
  desk: Desk;
  dir: string;
  /** Closes the desk and removes its user-data folder. */
  close(): Promise<void>;
}

/**
 * A desk core for tests: a fresh user-data folder (or `dir`), an in-memory credential store, no logs. `fill`
 * writes the Sandbox workspace's cache before the desk opens it (as a sync would have left it);
 * `sync` turns on the embedded services (off by default for runtime 'test').
 */
export async function openTestDesk(
  options: {
    fill?: (cache: WorkspaceCache) => void;
    sync?: RuntimeSyncOptions;
    /** Reopen this user-data folder (a restart); the caller removes it. */
    dir?: string;
  } = {},
): Promise<TestDesk> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'desk-test-'));
  if (options.fill) {
    const cache = openWorkspaceCache(join(dir, 'workspaces', 'sandbox', 'cache.sqlite'));
    try {
      cache.transaction(() => options.fill?.(cache));
    } finally {
      cache.close();
    }
  }
  const desk = await createDesk({
    userDataDir: dir,
    credentialStore: createEphemeralCredentialStoreForTests(),
    runtime: 'test',
    version: '0.0.0-test',
    logger: silentLogger,
    ...(options.sync ? { sync: options.sync } : {}),
  });
  return {
    desk,
    dir,
    async close() {
      await desk.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Invokes a command and returns its value; a failure throws with its code and message. */
export async function callOk<T>(desk: Desk, name: string, input: unknown): Promise<T> {
  const result = await desk.invoke(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
