import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueuePage } from '../src-shared/contract';
import { createDesk } from '../src-main/composition/create-desk';
import { createEphemeralCredentialStoreForTests } from '../src-main/credentials/memory-store';
import type { Desk } from '../src-main/composition/desk';
import { silentLogger } from '../src-main/infra/logging/logger';
import {
  cacheCounts,
  cachePath,
  call,
  openWorld,
  passEnded,
  sandboxCounts,
  startSyncWorld,
  syncedCleanly,
  waitForStatus,
  type SyncWorld,
} from './testing/sync-world';

/**
 * Acceptance: sandbox (1,000 orders over 3 accounts) + gateway + desk core. After a sync the cache
 * holds every order with its candidate, application and job, with the sandbox's counts; a second
 * sync with nothing new makes exactly one request per source and account.
 */
describe('sync: sandbox + gateway + desk core', () => {
  let world: SyncWorld;
  let dir: string;
  let desk: Desk;
  let workspaceId: string;

  beforeAll(async () => {
    world = await startSyncWorld({ orders: 1000, accounts: 3, seed: 'sync-integration' });
    dir = mkdtempSync(join(tmpdir(), 'desk-sync-'));
    desk = await createDesk({
      userDataDir: dir,
      credentialStore: createEphemeralCredentialStoreForTests(),
      runtime: 'test',
      version: '0.0.0-test',
      logger: silentLogger,
      // No timer-driven pass may interfere with the request counts below.
      sync: { intervalMs: 3_600_000 },
    });
  });
  afterAll(async () => {
    await desk?.close();
    await world?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a first sync brings every order with its candidate, application and job', async () => {
    const done = waitForStatus(desk, null, syncedCleanly);
    workspaceId = await openWorld(desk, world);
    expect((await done).workspaceId).toBe(workspaceId);

    const expected = sandboxCounts(world.sandbox);
    expect(expected.orders).toBe(1000);
    expect(cacheCounts(cachePath(dir, workspaceId))).toEqual(expected);

    const db = new Database(cachePath(dir, workspaceId), { readonly: true });
    try {
      const orphans = db
        .prepare(
          `SELECT count(*) AS n FROM orders o
           WHERE NOT EXISTS (SELECT 1 FROM candidates c WHERE c.account_id = o.account_id AND c.id = o.candidate_id AND c.missing = 0)
              OR NOT EXISTS (SELECT 1 FROM applications a WHERE a.account_id = o.account_id AND a.id = o.application_id AND a.missing = 0)
              OR NOT EXISTS (SELECT 1 FROM jobs j WHERE j.account_id = o.account_id AND j.id = o.job_id AND j.missing = 0)`,
        )
        .get() as { n: number };
      expect(orphans.n).toBe(0);
      const ids = new Set(
        (
          db.prepare('SELECT account_id || ? || id AS k FROM orders').all('/') as { k: string }[]
        ).map((r) => r.k),
      );
      for (const o of world.sandbox.inspect.orders())
        expect(ids.has(`${o.account_id}/${o.id}`)).toBe(true);
    } finally {
      db.close();
    }

    // The queue reads the same data through the contract, names denormalized.
    const page = await call<QueuePage>(desk, 'orders:list', {
      now: new Date().toISOString(),
      limit: 50,
    });
    expect(page.total).toBe(1000);
    expect(page.rows.every((r) => r.candidateName && r.jobTitle && r.accountName)).toBe(true);
    const first = page.rows[0]!;
    const detail = await call<{ candidate: unknown; application: unknown; job: unknown }>(
      desk,
      'orders:get',
      { accountId: first.accountId, id: first.id },
    );
    expect(detail.candidate).not.toBeNull();
    expect(detail.application).not.toBeNull();
    expect(detail.job).not.toBeNull();
  });

  it('a second sync with nothing new makes exactly one request per source and account', async () => {
    const before = world.sandbox.inspect.lastRequestSeq();
    const ended = waitForStatus(desk, workspaceId, passEnded);
    const started = waitForStatus(desk, workspaceId, (s) => s.state === 'running');
    expect(await call(desk, 'sync:run-now', {})).toEqual({ accepted: true });
    await started;
    const status = await ended;
    expect(syncedCleanly(status)).toBe(true);

    const requests = world.sandbox.inspect.requests({ afterSeq: before });
    const perSource = new Map<string, number>();
    for (const r of requests) {
      const k = `${r.accountId} ${r.method} ${r.path}`;
      perSource.set(k, (perSource.get(k) ?? 0) + 1);
    }
    const paths = [
      '/unified/ats/jobs',
      '/unified/ats/job_postings',
      '/unified/ats/assessments/packages',
      '/unified/ats/background_checks/packages',
      '/unified/ats/candidates',
      '/unified/ats/applications',
    ];
    const expected = new Map(
      world.sandbox.accounts.flatMap((a) => paths.map((p) => [`${a.id} GET ${p}`, 1] as const)),
    );
    expect(Object.fromEntries(perSource)).toEqual(Object.fromEntries(expected));
    expect(cacheCounts(cachePath(dir, workspaceId))).toEqual(sandboxCounts(world.sandbox));
  });
});
