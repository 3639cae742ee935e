import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from './postgres';

/**
 * The gateway's suite runs once per store: vitest.config.mts defines a `gateway-sqlite` and a
 * `gateway-postgres` project over the same files, and provides `gatewayStore`. A test asks for a
 * fresh database here and passes `url` as the gateway's `dbPath` (or `--db`), so every gateway
 * test (including those written later) covers both stores without naming either.
 */

export type GatewayStoreKind = 'sqlite' | 'postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayStore: GatewayStoreKind;
    /** Set by postgres-global-setup.ts: a server URL whose role may create databases. */
    gatewayTestPg: string;
  }
}

export function gatewayStoreKind(): GatewayStoreKind {
  return inject('gatewayStore');
}

/**
 * An empty database of this run's store. SQLite gives `:memory:` unless the test needs a file
 * that outlives one process (`shared`: a restart, a second instance, a child process).
 */
export async function newGatewayDatabase(
  options: { shared?: boolean } = {},
): Promise<TestDatabase> {
  if (gatewayStoreKind() === 'postgres') return createTestDatabase(inject('gatewayTestPg'));
  if (!options.shared) return { url: ':memory:', drop: async () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'gw-test-'));
  return {
    url: join(dir, 'gateway.db'),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
