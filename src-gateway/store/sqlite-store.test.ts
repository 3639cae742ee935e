import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src-shared/db/migrate';
import { gatewayMigrations } from './migrations';
import { SqliteStore } from './sqlite-store';
import type { NewInboxEvent } from './store';

const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gw-store-'));
  dirs.push(dir);
  return join(dir, 'gateway.db');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function event(text: string): NewInboxEvent {
  return {
    receivedAt: '2026-01-01T00:00:00.000Z',
    contentType: 'application/json',
    rawBody: new TextEncoder().encode(text),
    eventId: null,
    eventType: 'ats_jobs.created',
    accountId: 'a',
    order: null,
    flag: null,
  };
}

describe('SqliteStore', () => {
  it('appends in order, dedupes on the key and counts redeliveries', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    const results = await Promise.all([
      store.appendEvent('k1', event('1')),
      store.appendEvent('k2', event('2')),
      store.appendEvent('k1', event('1 again')),
    ]);
    expect(results).toEqual([
      { status: 'inserted', seq: 1 },
      { status: 'inserted', seq: 2 },
      { status: 'duplicate', seq: 1 },
    ]);
    const rows = await store.readEvents(0, 10);
    expect(rows.map((r) => [r.seq, r.dedupeKey, r.deliveries])).toEqual([
      [1, 'k1', 2],
      [2, 'k2', 1],
    ]);
    expect(Buffer.from(rows[0]!.rawBody).toString()).toBe('1');
    expect((await store.readEvents(1, 10)).map((r) => r.seq)).toEqual([2]);
    await store.close();
  });

  it('keeps events, inbox id and catalog across reopen of a file', async () => {
    const path = tempDb();
    const first = new SqliteStore({ path });
    await first.appendEvent('k', event('x'));
    await first.putCatalog(
      [{ id: 'p1', name: 'One', description: null }],
      '2026-01-01T00:00:00.000Z',
    );
    const inboxId = first.inboxId;
    await first.close();

    const again = new SqliteStore({ path });
    expect(again.inboxId).toBe(inboxId);
    expect((await again.readEvents(0, 10)).map((r) => r.dedupeKey)).toEqual(['k']);
    expect((await again.getCatalog()).packages.map((p) => p.id)).toEqual(['p1']);
    expect((await again.appendEvent('k', event('x'))).status).toBe('duplicate');
    await again.close();
  });

  it('commits appends still pending when closed', async () => {
    const path = tempDb();
    const store = new SqliteStore({ path });
    const pending = store.appendEvent('late', event('late'));
    await store.close();
    await expect(pending).resolves.toEqual({ status: 'inserted', seq: 1 });
    const reopened = new SqliteStore({ path });
    expect(await reopened.readEvents(0, 10)).toHaveLength(1);
    await reopened.close();
    await expect(store.appendEvent('after', event('x'))).rejects.toThrow(/closed/);
  });

  it('uses WAL with synchronous=FULL on files', () => {
    const path = tempDb();
    const store = new SqliteStore({ path });
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    // synchronous is per connection; read it through the store's own handle.
    expect(
      (store as unknown as { db: Database.Database }).db.pragma('synchronous', { simple: true }),
    ).toBe(2);
    void store.close();
  });

  it('replaces the catalog, keeping updatedAt of unchanged packages', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    expect(await store.getCatalog()).toEqual({ version: 0, publishedAt: null, packages: [] });
    const t1 = '2026-01-01T00:00:00.000Z';
    const t2 = '2026-02-01T00:00:00.000Z';
    await store.putCatalog(
      [
        { id: 'b', name: 'B', description: 'bee' },
        { id: 'a', name: 'A', description: null },
      ],
      t1,
    );
    const catalog = await store.putCatalog(
      [
        { id: 'a', name: 'A', description: null },
        { id: 'b', name: 'B2', description: 'bee' },
        { id: 'c', name: 'C', description: null },
      ],
      t2,
    );
    expect(catalog.version).toBe(2);
    expect(catalog.publishedAt).toBe(t2);
    expect(catalog.packages.map((p) => [p.id, p.updatedAt])).toEqual([
      ['a', t1],
      ['b', t2],
      ['c', t2],
    ]);
    await store.close();
  });
});

describe('migrations', () => {
  it('opens an inbox written before migration checksums were recorded, and records them', async () => {
    const path = tempDb();
    const first = new SqliteStore({ path });
    await first.appendEvent('k', event('kept'));
    const inboxId = first.inboxId;
    await first.close();
    // What the gateway's own runner left behind before it moved to the shared one.
    const legacy = new Database(path);
    // (It knew migrations 1 and 2 only.)
    legacy.exec(`DROP TABLE schema_migrations; DROP TABLE catalog_entries; DROP TABLE mappings;
      CREATE TABLE schema_migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO schema_migrations VALUES (1, 'inbox', '2026-01-01T00:00:00Z'),
        (2, 'catalog', '2026-01-01T00:00:00Z');`);
    legacy.close();

    const reopened = new SqliteStore({ path });
    expect(reopened.inboxId).toBe(inboxId);
    const rows = await reopened.readEvents(0, 10);
    expect(rows.map((r) => Buffer.from(r.rawBody).toString())).toEqual(['kept']);
    await reopened.close();

    const db = new Database(path);
    const sums = db.prepare('SELECT checksum FROM schema_migrations ORDER BY version').all();
    expect(sums).toHaveLength(gatewayMigrations.length);
    expect(sums.every((r) => /^[0-9a-f]{64}$/.test((r as { checksum: string }).checksum))).toBe(
      true,
    );
    // From now on an edited migration is caught, as on the desk's databases.
    const edited = gatewayMigrations.map((m) => (m.version === 1 ? { ...m, sql: `${m.sql};` } : m));
    expect(() => applyMigrations(db, edited)).toThrow(/was edited after it was applied/);
    expect(applyMigrations(db, gatewayMigrations)).toEqual([]);
    db.close();
  });

  it('refuses a file written by a newer gateway', async () => {
    const path = tempDb();
    await new SqliteStore({ path }).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations VALUES (99, ?, ?, ?)').run('future', 'x', 'now');
    db.close();
    expect(() => new SqliteStore({ path })).toThrow(/newer version of the gateway/);
  });
});
