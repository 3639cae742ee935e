import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAPPING_CSV_COLUMNS,
  type BgPackage,
  type BgPackageJob,
  type MappingImportRowReport,
} from '../src-shared/contract';
import type {
  CatalogView,
  Mapping,
  MappingRow,
  OrderDetail,
  QueuePage,
  SyncStatus,
} from '../src-shared/contract';
import { createDesk } from '../src-main/composition/create-desk';
import type { Desk } from '../src-main/composition/desk';
import { createEphemeralCredentialStoreForTests } from '../src-main/credentials/memory-store';
import { silentLogger } from '../src-main/infra/logging/logger';
import {
  call,
  openWorld,
  startSyncWorld,
  syncedCleanly,
  waitForStatus,
  type SyncWorld,
} from './testing/sync-world';

/**
 * Acceptance (issue 16, core level): two desks on one gateway. The catalog and mappings live on
 * the gateway; a mapping saved on one desk appears on the other after its next sync; a write based
 * on a stale version is refused (409) and kept as a conflict beside the gateway's record instead of
 * overwriting it. An order of a static-package account is unmapped until a mapping resolves it.
 */
describe('packages and mappings: two desks on one gateway', () => {
  let world: SyncWorld;
  const dirs: string[] = [];
  const desks: { desk: Desk; workspaceId: string }[] = [];
  let workday: string;

  const newDesk = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-pkg-'));
    dirs.push(dir);
    const desk = await createDesk({
      userDataDir: dir,
      credentialStore: createEphemeralCredentialStoreForTests(),
      runtime: 'test',
      version: '0.0.0-test',
      logger: silentLogger,
      sync: { intervalMs: 3_600_000 },
    });
    const done = waitForStatus(desk, null, syncedCleanly);
    const workspaceId = await openWorld(desk, world);
    await done;
    return { desk, workspaceId };
  };

  /** Runs a sync pass and resolves when both lanes (team records included) are done. */
  const syncNow = async ({ desk, workspaceId }: { desk: Desk; workspaceId: string }) => {
    const since = new Date().toISOString();
    const done = waitForStatus(
      desk,
      workspaceId,
      (s: SyncStatus) =>
        s.state !== 'running' &&
        s.sources.every((x) => x.lastSuccessAt !== null && x.lastSuccessAt >= since),
    );
    await call(desk, 'sync:run-now', { full: false });
    await done;
  };

  beforeAll(async () => {
    world = await startSyncWorld({ orders: 90, accounts: 3, seed: 'packages-two-desks' });
    workday = world.sandbox.accounts.find((a) => a.provider === 'workday')!.id;
    desks.push(await newDesk(), await newDesk());
  }, 120_000);
  afterAll(async () => {
    for (const d of desks) await d.desk.close();
    await world?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('a catalog entry saved on one desk reaches the gateway and the other desk', async () => {
    const [a, b] = desks;
    await call(a!.desk, 'catalog:save', {
      id: 'pkg-code',
      values: { name: 'Coding test', turnaroundHours: 48 },
      baseVersion: 0,
    });
    await syncNow(a!);
    const onGateway = await world.gateway.store.readCatalogEntries(0);
    expect(onGateway.entries.map((e) => [e.id, e.version])).toEqual([['pkg-code', 1]]);
    const mine = await call<CatalogView>(a!.desk, 'catalog:get', {});
    expect(mine.entries[0]).toMatchObject({ version: 1, pending: false, publishState: 'new' });

    await syncNow(b!);
    const theirs = await call<CatalogView>(b!.desk, 'catalog:get', {});
    expect(theirs.entries.map((e) => [e.id, e.name, e.version])).toEqual([
      ['pkg-code', 'Coding test', 1],
    ]);

    const published = await call<CatalogView>(b!.desk, 'catalog:publish', {
      baseRevision: theirs.revision,
    });
    expect(published.published.packages.map((p) => p.id)).toEqual(['pkg-code']);
    expect(published.entries[0]!.publishState).toBe('published');
  });

  it('orders of a static-package account are unmapped until a mapping resolves them', async () => {
    const [a, b] = desks;
    const now = new Date().toISOString();
    const unmapped = await call<QueuePage>(a!.desk, 'orders:list', {
      now,
      accountIds: [workday],
      unmapped: true,
      kind: 'assessment',
    });
    expect(unmapped.total).toBeGreaterThan(0);
    const others = await call<QueuePage>(a!.desk, 'orders:list', {
      now,
      unmapped: true,
      accountIds: world.sandbox.accounts.filter((x) => x.id !== workday).map((x) => x.id),
    });
    expect(others.total).toBe(0);

    const order = unmapped.rows[0]!;
    const detail = await call<OrderDetail>(a!.desk, 'orders:get', {
      accountId: workday,
      id: order.id,
    });
    expect(detail.unmapped).toBe(true);
    const testId = (detail.rawEvent as { data: { package: { remote_id: string } } }).data.package
      .remote_id;
    expect(testId).toMatch(/^RECRUITING_ASSESSMENT_TEST-/);

    const assigned = await call<{ ordersMapped: number }>(a!.desk, 'mappings:assign', {
      accountId: workday,
      packageId: 'pkg-code',
      targets: [{ target: 'ats_test_id', targetId: testId, baseVersion: 0 }],
    });
    expect(assigned.ordersMapped).toBeGreaterThan(0);
    const after = await call<OrderDetail>(a!.desk, 'orders:get', {
      accountId: workday,
      id: order.id,
    });
    expect(after.unmapped).toBe(false);

    await syncNow(a!);
    await syncNow(b!);
    const onB = await call<OrderDetail>(b!.desk, 'orders:get', {
      accountId: workday,
      id: order.id,
    });
    expect(onB.unmapped).toBe(false);
  });

  it('a mapping saved on one desk appears on the other after its next sync; a stale write gets 409 and is kept as a conflict', async () => {
    const [a, b] = desks;
    const targets = await call<{ rows: MappingRow[] }>(a!.desk, 'mappings:list-targets', {
      accountId: workday,
      target: 'job_posting',
    });
    const [first, second] = targets.rows;
    expect(first && second).toBeTruthy();
    await call(a!.desk, 'catalog:save', {
      id: 'pkg-pers',
      values: { name: 'Personality' },
      baseVersion: 0,
    });
    await call(a!.desk, 'mappings:assign', {
      accountId: workday,
      packageId: 'pkg-code',
      targets: [first!, second!].map((t) => ({
        target: 'job_posting',
        targetId: t.id,
        baseVersion: 0,
      })),
    });
    await syncNow(a!);
    await syncNow(b!);
    const seen = await call<{ rows: Mapping[] }>(b!.desk, 'mappings:list', {
      accountId: workday,
      target: 'job_posting',
    });
    expect(seen.rows.map((m) => [m.targetId, m.packageId, m.version]).sort()).toEqual(
      [
        [first!.id, 'pkg-code', 1],
        [second!.id, 'pkg-code', 1],
      ].sort(),
    );

    // A moves the first posting on; B, not synced since, edits the version it saw.
    await call(a!.desk, 'mappings:assign', {
      accountId: workday,
      packageId: 'pkg-pers',
      targets: [{ target: 'job_posting', targetId: first!.id, baseVersion: 1 }],
    });
    await syncNow(a!);
    await call(b!.desk, 'mappings:clear', {
      accountId: workday,
      targets: [{ target: 'job_posting', targetId: first!.id, baseVersion: 1 }],
    });
    await syncNow(b!);

    const gateway = await world.gateway.store.readMappings(0);
    const stored = gateway.mappings.find((m) => m.targetId === first!.id)!;
    expect(stored).toMatchObject({ packageId: 'pkg-pers', version: 2 });
    const onB = (
      await call<{ rows: Mapping[] }>(b!.desk, 'mappings:list', { accountId: workday })
    ).rows.find((m) => m.targetId === first!.id)!;
    expect(onB.packageId).toBe('pkg-pers');
    expect(onB.conflict).toMatchObject({
      mine: { packageId: null, version: 1 },
      theirs: { packageId: 'pkg-pers', version: 2 },
      changedFields: ['packageId'],
    });

    const resolved = await call<{ mapping: Mapping }>(b!.desk, 'mappings:resolve-conflict', {
      accountId: workday,
      target: 'job_posting',
      targetId: first!.id,
      keep: 'theirs',
    });
    expect(resolved.mapping).toMatchObject({ packageId: 'pkg-pers', conflict: null });
  });

  it('round-trips mappings through CSV rows, with per-row errors', async () => {
    const [a] = desks;
    const exported = await call<{ columns: string[]; rows: Record<string, string>[] }>(
      a!.desk,
      'mappings:export',
      { accountId: workday },
    );
    expect(exported.columns).toEqual([...MAPPING_CSV_COLUMNS]);
    expect(exported.rows.length).toBeGreaterThanOrEqual(3);
    const posting = exported.rows.find((r) => r.target === 'job_posting')!;
    expect(posting.target_title).not.toBe('');
    const rows = [
      ...exported.rows.map((r, i) => ({ line: i + 2, ...r })),
      // Change one, and two broken rows.
      { line: 90, ...posting, package_id: 'pkg-code' },
      {
        line: 91,
        account_id: workday,
        target: 'job_posting',
        target_id: 'nope',
        package_id: 'pkg-code',
      },
      { line: 92, account_id: workday, target: 'shelf', target_id: 'x', package_id: 'pkg-missing' },
    ];
    const preview = await call<{ rows: MappingImportRowReport[]; valid: number; invalid: number }>(
      a!.desk,
      'mappings:import-preview',
      { rows },
    );
    expect(preview.invalid).toBe(2);
    expect(preview.rows.find((r) => r.line === 90)!.change).toBe(
      posting.package_id === 'pkg-code' ? 'unchanged' : 'changed',
    );
    expect(preview.rows.find((r) => r.line === 91)!.issues.map((i) => i.path)).toEqual([
      ['target_id'],
    ]);
    expect(preview.rows.find((r) => r.line === 92)!.issues.map((i) => i.path)).toEqual([
      ['target'],
      ['package_id'],
    ]);
    const committed = await call<{ applied: number; skipped: MappingImportRowReport[] }>(
      a!.desk,
      'mappings:import-commit',
      { rows },
    );
    expect(committed.skipped.map((r) => r.line)).toEqual([91, 92]);
    const again = await call<{ rows: Record<string, string>[] }>(a!.desk, 'mappings:export', {
      accountId: workday,
    });
    expect(again.rows.find((r) => r.target_id === posting.target_id)!.package_id).toBe('pkg-code');
  });

  it('creates, edits and deletes a background-check package of one account through the outbox', async () => {
    const [a] = desks;
    type List = { rows: BgPackage[]; jobs: BgPackageJob[] };
    const list = () => call<List>(a!.desk, 'bg-packages:list', { accountId: workday });
    /** Resolves once the account's jobs are all done (checked on every packages change). */
    const settled = () =>
      new Promise<List>((resolve) => {
        const check = async () => {
          const l = await list();
          if (l.jobs.every((j) => j.state === 'done')) {
            stop();
            resolve(l);
          }
        };
        const stop = a!.desk.subscribe((name, payload) => {
          if (
            name === 'data:changed' &&
            (payload as { tables: string[] }).tables.includes('packages')
          )
            void check();
        });
        void check();
      });
    await call(a!.desk, 'bg-packages:create', {
      accountId: workday,
      values: { name: 'Desk package', tests: [{ name: 'Identity' }] },
    });
    const created = (await settled()).rows.find((r) => r.name === 'Desk package')!;
    expect(created.id).not.toBeNull();
    expect(
      world.sandbox.inspect.record(workday, 'background_check_packages', created.id!),
    ).toMatchObject({
      name: 'Desk package',
    });
    await call(a!.desk, 'bg-packages:update', {
      accountId: workday,
      id: created.id,
      values: { name: 'Desk package v2', tests: [{ name: 'Identity' }, { name: 'Credit' }] },
    });
    expect((await settled()).rows.find((r) => r.id === created.id)!.tests).toHaveLength(2);
    await call(a!.desk, 'bg-packages:delete', { accountId: workday, id: created.id });
    expect((await settled()).rows.find((r) => r.id === created.id)).toBeUndefined();
    expect(world.sandbox.inspect.recordIds(workday, 'background_check_packages')).not.toContain(
      created.id,
    );
  });

  it('refuses an edit based on a version the desk itself no longer has', async () => {
    const [a] = desks;
    const result = await a!.desk.invoke('catalog:save', {
      id: 'pkg-code',
      values: { name: 'Stale' },
      baseVersion: 99,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const malformed = await a!.desk.invoke('mappings:assign', {
      accountId: workday,
      packageId: 'pkg-code',
      targets: [],
    });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
