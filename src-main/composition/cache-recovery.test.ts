import { randomBytes } from 'node:crypto';
import {
  existsSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
  closeSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandOutput, QueuePage } from '../../src-shared/contract';
import { COORDINATOR_INPUT_TABLES } from '../cache';
import { markerPath } from '../infra/db/database-file';
import { generateWorkspace } from '../cache/testing/test-data';
import { createEphemeralCredentialStoreForTests } from '../credentials/memory-store';
import { silentLogger } from '../infra/logging/logger';
import { createDesk } from './create-desk';
import type { Desk } from './desk';
import { callOk as call, openTestDesk } from './testing/test-desk';

const now = () => new Date().toISOString();

/** The desk is ended the way a crash ends it: its "open" marker stays behind. */
function leaveAsAfterCrash(cachePath: string) {
  writeFileSync(markerPath(cachePath), '12345\n');
}

/** Garbage written into the middle of the file, as a torn write or a bad sector leaves it. */
function damageMiddle(cachePath: string) {
  const size = statSync(cachePath).size;
  const fd = openSync(cachePath, 'r+');
  try {
    writeSync(fd, randomBytes(64 * 1024), 0, 64 * 1024, Math.floor(size / 2));
  } finally {
    closeSync(fd);
  }
}

describe('the workspace cache after an unclean exit', () => {
  let dir: string | null = null;
  let desk: Desk | null = null;
  afterEach(async () => {
    await desk?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    desk = null;
    dir = null;
  });

  async function seededDesk() {
    const data = generateWorkspace({ orders: 2000, accounts: 3, packagesPerKind: 3 });
    const test = await openTestDesk({
      fill: (cache) => {
        cache.accounts.upsertAccounts(data.accounts);
        for (const p of data.packages) cache.packages.upsertPackages(p.kind, p.rows);
        cache.orders.upsertOrders(data.orders);
      },
    });
    dir = test.dir;
    // Coordinator input: a default turnaround typed in Settings.
    await call(test.desk, 'turnarounds:set-default', { hours: 36 });
    await test.desk.close();
    return join(test.dir, 'workspaces', 'sandbox', 'cache.sqlite');
  }

  const reopen = async () => {
    desk = await createDesk({
      userDataDir: dir!,
      credentialStore: createEphemeralCredentialStoreForTests(),
      runtime: 'test',
      version: '0.0.0-test',
      logger: silentLogger,
    });
    return desk;
  };

  it('a clean close removes the marker; a crash leaves it; an intact file passes the check', async () => {
    const path = await seededDesk();
    expect(existsSync(markerPath(path))).toBe(false);
    leaveAsAfterCrash(path);
    const d = await reopen();
    expect(await call(d, 'sync:get-cache-health', {})).toMatchObject({
      damaged: false,
      problem: null,
    });
    const page = await call<QueuePage>(d, 'orders:list', { now: now(), limit: 1 });
    expect(page.total).toBe(2000);
    expect(existsSync(markerPath(path))).toBe(true);
    expect(await d.invoke('sync:rebuild-cache', {})).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('a damaged file is found, kept closed, and rebuilt with its coordinator input exported', async () => {
    const path = await seededDesk();
    leaveAsAfterCrash(path);
    damageMiddle(path);
    const d = await reopen();

    const health = await call<CommandOutput<'sync:get-cache-health'>>(
      d,
      'sync:get-cache-health',
      {},
    );
    expect(health.damaged).toBe(true);
    expect(health.problem).toMatch(/is damaged \(SQLite reports: .+\).*Rebuild from server/);
    // Nothing reads the damaged file; every read says why.
    expect(await d.invoke('orders:list', { now: now(), limit: 1 })).toMatchObject({
      ok: false,
      error: { code: 'unreachable', message: expect.stringContaining('Rebuild from server') },
    });

    const rebuilt = await call<CommandOutput<'sync:rebuild-cache'>>(d, 'sync:rebuild-cache', {});
    expect(existsSync(rebuilt.movedTo)).toBe(true);
    expect(existsSync(path)).toBe(true); // the new, empty cache
    const exported = JSON.parse(readFileSync(rebuilt.exportedTo, 'utf8')) as {
      tables: Record<string, { rows?: Record<string, unknown>[]; error?: string }>;
    };
    expect(Object.keys(exported.tables).sort()).toEqual([...COORDINATOR_INPUT_TABLES].sort());
    expect(exported.tables.settings?.rows).toContainEqual(
      expect.objectContaining({ key: 'default_turnaround_hours', value: '36' }),
    );

    expect(await call(d, 'sync:get-cache-health', {})).toMatchObject({ damaged: false });
    const page = await call<QueuePage>(d, 'orders:list', { now: now(), limit: 1 });
    expect(page.total).toBe(0); // filled again by the next sync, from the server
  });
});
