import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCE_NAMES } from '../src-sandbox';
import { createDesk } from '../src-main/composition/create-desk';
import { createEphemeralCredentialStoreForTests } from '../src-main/credentials/memory-store';
import type { Desk } from '../src-main/composition/desk';
import { silentLogger } from '../src-main/infra/logging/logger';
import {
  cachePath,
  openWorld,
  startSyncWorld,
  syncedCleanly,
  waitForStatus,
  type SyncWorld,
} from './testing/sync-world';

/**
 * Acceptance: with faults on (10% 5xx, 429 bursts, early short pages, 1% malformed records) the
 * sync finishes by itself (client retries, then the engine's backoff); every valid record is in
 * the cache and every malformed one is in quarantine with a reason.
 */
describe('sync under faults', () => {
  let world: SyncWorld;
  let dir: string;
  let desk: Desk;
  let workspaceId: string;

  beforeAll(async () => {
    world = await startSyncWorld({
      orders: 1000,
      accounts: 3,
      seed: 'sync-faults',
      faults: {
        errorRates: { '500': 0.04, '502': 0.03, '503': 0.03 },
        retryAfterSeconds: 0,
        shortPageRate: 0.3,
        malformedRate: 0.01,
      },
    });
    dir = mkdtempSync(join(tmpdir(), 'desk-sync-faults-'));
    desk = await createDesk({
      userDataDir: dir,
      credentialStore: createEphemeralCredentialStoreForTests(),
      runtime: 'test',
      version: '0.0.0-test',
      logger: silentLogger,
      sync: {
        intervalMs: 3_600_000,
        backoff: { baseMs: 200, maxMs: 1_000 },
        stackone: { retry: { baseDelayMs: 20, maxDelayMs: 200 } },
      },
    });
  });
  afterAll(async () => {
    await desk?.close();
    await world?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes, stores every valid record and quarantines every malformed one with a reason', async () => {
    // 429 bursts: the next few StackOne requests are refused, at the start and twice more.
    world.sandbox.inspect.faults.failNext(6, 429, { retryAfterSeconds: 1 });
    let bursts = 0;
    const stopBursts = desk.subscribe((name) => {
      if (name === 'data:changed' && bursts < 2) {
        bursts++;
        world.sandbox.inspect.faults.failNext(6, 429, { retryAfterSeconds: 1 });
      }
    });
    const done = waitForStatus(desk, null, syncedCleanly, 90_000);
    workspaceId = await openWorld(desk, world);
    await done;
    stopBursts();

    const faulted = world.sandbox.inspect.requests({}).filter((r) => r.status >= 429);
    expect(faulted.some((r) => r.status === 429)).toBe(true);
    expect(faulted.some((r) => r.status >= 500)).toBe(true);

    const malformed = world.sandbox.inspect.malformed();
    expect(malformed.length).toBeGreaterThan(10);
    const malformedIds = new Set(malformed.map((m) => `${m.accountId}/${m.id}`));

    const db = new Database(cachePath(dir, workspaceId), { readonly: true });
    try {
      for (const table of RESOURCE_NAMES) {
        const cached = new Set(
          (
            db
              .prepare(`SELECT account_id || '/' || id AS k FROM ${table} WHERE missing = 0`)
              .all() as {
              k: string;
            }[]
          ).map((r) => r.k),
        );
        for (const account of world.sandbox.accounts) {
          for (const id of world.sandbox.inspect.recordIds(account.id, table)) {
            const k = `${account.id}/${id}`;
            expect(cached.has(k), `${table} ${k}`).toBe(!malformedIds.has(k));
          }
        }
      }

      const quarantine = db
        .prepare('SELECT source, account_id, record_id, reason, raw_json FROM quarantine')
        .all() as {
        source: string;
        account_id: string;
        record_id: string | null;
        reason: string;
        raw_json: string;
      }[];
      for (const q of quarantine) expect(q.reason.length).toBeGreaterThan(5);
      // A malformed record may have lost its id: then its remote_id identifies it.
      for (const m of malformed) {
        const stored = world.sandbox.inspect.record(m.accountId, m.resource, m.id) as {
          remote_id?: string;
        };
        const found = quarantine.some(
          (q) =>
            q.source === m.resource &&
            q.account_id === m.accountId &&
            (q.record_id === m.id ||
              (JSON.parse(q.raw_json) as { remote_id?: unknown }).remote_id === stored.remote_id),
        );
        expect(found, `${m.resource} ${m.id} quarantined`).toBe(true);
      }
    } finally {
      db.close();
    }
  });
});
