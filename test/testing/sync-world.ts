import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SyncStatus } from '../../src-shared/contract';
import { startGateway, type RunningGateway } from '../../src-gateway';
import {
  RESOURCE_NAMES,
  startSandbox,
  type FaultPatch,
  type RunningSandbox,
} from '../../src-sandbox';
import type { Desk } from '../../src-main/composition/desk';

/**
 * A StackOne sandbox and an order gateway on loopback, wired with webhooks, for the sync tests:
 * the sandbox's orders are delivered to the gateway as a backlog before the test starts.
 */
export interface SyncWorld {
  sandbox: RunningSandbox;
  gateway: RunningGateway;
  feedToken: string;
  close(): Promise<void>;
}

export async function startSyncWorld(options: {
  orders: number;
  accounts?: number;
  seed?: string | number;
  faults?: FaultPatch;
  gatewayDbPath?: string;
}): Promise<SyncWorld> {
  const secret = randomBytes(16).toString('hex');
  const feedToken = randomBytes(16).toString('hex');
  const gateway = await startGateway({
    dbPath: options.gatewayDbPath ?? ':memory:',
    webhookSecrets: [secret],
    feedToken: [feedToken],
  });
  const sandbox = await startSandbox({
    seed: options.seed ?? 'sync-tests',
    accounts: options.accounts ?? 3,
    orders: options.orders,
    webhookUrls: [`${gateway.url}/webhooks/stackone`],
    webhookSecret: secret,
    faults: options.faults ?? {},
  });
  const delivered = await sandbox.inspect.webhooks.deliverBacklog({ concurrency: 16 });
  if (delivered.failed > 0) throw new Error(`${delivered.failed} backlog webhooks failed`);
  return {
    sandbox,
    gateway,
    feedToken,
    async close() {
      await sandbox.close();
      await gateway.close();
    },
  };
}

/** The workspace fields that point a desk at the world (create it with workspaces:create). */
export function workspaceDraft(world: SyncWorld, name = 'Sync test') {
  return {
    name,
    stackoneBaseUrl: world.sandbox.url,
    gatewayUrl: world.gateway.url,
    linkedAccounts: world.sandbox.accounts.map((a) => ({
      id: a.id,
      label: a.origin_owner_name,
      provider: a.provider,
    })),
  };
}

export async function call<T = unknown>(desk: Desk, name: string, input: unknown): Promise<T> {
  const result = await desk.invoke(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Creates the workspace, stores its secrets and activates it (the engine starts a pass). */
export async function openWorld(desk: Desk, world: SyncWorld, name?: string): Promise<string> {
  const ws = await call<{ id: string }>(desk, 'workspaces:create', workspaceDraft(world, name));
  await call(desk, 'credentials:save', {
    workspaceId: ws.id,
    kind: 'stackone_api_key',
    value: world.sandbox.apiKey,
  });
  await call(desk, 'credentials:save', {
    workspaceId: ws.id,
    kind: 'gateway_token',
    value: world.feedToken,
  });
  await call(desk, 'workspaces:activate', { id: ws.id });
  return ws.id;
}

/**
 * Resolves with the first status event of `workspaceId` that satisfies `done`; `workspaceId` null
 * accepts any workspace but the Sandbox one (for a workspace whose id is not known yet).
 */
export function waitForStatus(
  desk: Desk,
  workspaceId: string | null,
  done: (status: SyncStatus) => boolean,
  timeoutMs = 60_000,
): Promise<SyncStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no matching sync status within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = desk.subscribe((name, payload) => {
      if (name !== 'sync:status-changed') return;
      const status = payload as SyncStatus;
      const ours =
        workspaceId === null
          ? status.workspaceId !== 'sandbox'
          : status.workspaceId === workspaceId;
      if (!ours || !done(status)) return;
      clearTimeout(timer);
      stop();
      resolve(status);
    });
  });
}

/** A pass that finished with every source synced. */
export const syncedCleanly = (s: SyncStatus) =>
  s.state === 'idle' && s.sources.length > 0 && s.sources.every((x) => x.lastError === null);

/** A pass that finished, however it went. */
export const passEnded = (s: SyncStatus) => s.state !== 'running';

export function cachePath(userDataDir: string, workspaceId: string): string {
  return join(userDataDir, 'workspaces', workspaceId, 'cache.sqlite');
}

const TABLES = ['orders', ...RESOURCE_NAMES] as const;
export type CountedTable = (typeof TABLES)[number];

/** Row counts of the cache (read-only second connection; WAL lets it read beside the desk). */
export function cacheCounts(path: string): Record<CountedTable, number> {
  const db = new Database(path, { readonly: true });
  try {
    const out = {} as Record<CountedTable, number>;
    for (const t of TABLES) {
      const where = t === 'orders' ? '' : 'WHERE missing = 0';
      out[t] = (db.prepare(`SELECT count(*) AS n FROM ${t} ${where}`).get() as { n: number }).n;
    }
    return out;
  } finally {
    db.close();
  }
}

/** What the sandbox holds, table by table (the counts a complete sync must reach). */
export function sandboxCounts(sandbox: RunningSandbox): Record<CountedTable, number> {
  const out = { orders: sandbox.inspect.orders().length } as Record<CountedTable, number>;
  for (const t of RESOURCE_NAMES) {
    out[t] = sandbox.accounts.reduce((n, a) => n + sandbox.inspect.recordIds(a.id, t).length, 0);
  }
  return out;
}
