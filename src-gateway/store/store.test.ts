import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src-shared/db/migrate';
import type { TestDatabase } from '../testing/postgres';
import { gatewayStoreKind, newGatewayDatabase } from '../testing/stores';
import { gatewayMigrations } from './migrations';
import { openStore } from './open';
import { postgresMigrations } from './postgres-migrations';
import { SqliteStore } from './sqlite-store';
import type { NewInboxEvent } from './store';

/** The store contract, run against this project's store (see testing/stores.ts), then each store's own. */

const dirs: string[] = [];
const databases: TestDatabase[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gw-store-'));
  dirs.push(dir);
  return join(dir, 'gateway.db');
}
async function newDatabase(shared = false): Promise<string> {
  const db = await newGatewayDatabase({ shared });
  databases.push(db);
  return db.url;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  for (const d of databases.splice(0)) await d.drop();
});

function event(text: string, eventId: string | null = null): NewInboxEvent {
  return {
    receivedAt: '2026-01-01T00:00:00.000Z',
    contentType: 'application/json',
    rawBody: new TextEncoder().encode(text),
    eventId,
    eventType: 'ats_jobs.created',
    accountId: 'a',
    order: null,
    flag: null,
  };
}

describe(`the ${gatewayStoreKind()} store`, () => {
  it('appends in order, dedupes on the key and counts redeliveries', async () => {
    const store = await openStore(await newDatabase());
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

  it('keeps events, inbox id and catalog across reopen', async () => {
    const path = await newDatabase(true);
    const first = await openStore(path);
    await first.appendEvent('k', event('x'));
    await first.putCatalog(
      [{ id: 'p1', name: 'One', description: null }],
      '2026-01-01T00:00:00.000Z',
    );
    const inboxId = first.inboxId;
    await first.close();

    const again = await openStore(path);
    expect(again.inboxId).toBe(inboxId);
    expect((await again.readEvents(0, 10)).map((r) => r.dedupeKey)).toEqual(['k']);
    expect((await again.getCatalog()).packages.map((p) => p.id)).toEqual(['p1']);
    expect((await again.appendEvent('k', event('x'))).status).toBe('duplicate');
    await again.close();
  });

  it('commits appends still pending when closed', async () => {
    const path = await newDatabase(true);
    const store = await openStore(path);
    const pending = store.appendEvent('late', event('late'));
    await store.close();
    await expect(pending).resolves.toEqual({ status: 'inserted', seq: 1 });
    const reopened = await openStore(path);
    expect(await reopened.readEvents(0, 10)).toHaveLength(1);
    await reopened.close();
    await expect(store.appendEvent('after', event('x'))).rejects.toThrow(/closed/);
  });

  it('replaces the catalog, keeping updatedAt of unchanged packages', async () => {
    const store = await openStore(await newDatabase());
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

  it('stores and serves an event whose id holds U+0000, keeping its body byte for byte', async () => {
    const store = await openStore(await newDatabase());
    const body = '{"id":"a\\u0000b"}';
    expect((await store.appendEvent('event:a:a\u0000b', event(body, 'a\u0000b'))).status).toBe(
      'inserted',
    );
    const [row] = await store.readEvents(0, 10);
    expect(Buffer.from(row!.rawBody).toString()).toBe(body);
    expect(row!.eventId).toMatch(/^a.b$/);
    expect((await store.appendEvent('event:a:a\u0000b', event(body, 'a\u0000b'))).status).toBe(
      'duplicate',
    );
    await store.close();
  });

  it('feed order: a reader polling during concurrent appends from several instances sees each event once', async () => {
    const path = await newDatabase(true);
    const random = seeded(18);
    // Four instances on one database. On PostgreSQL each commit is delayed at random (0-15 ms),
    // so without the append lock a later-numbered event would often be visible first and the
    // reader, having moved past it, would skip the earlier one.
    const writers = await Promise.all(Array.from({ length: 4 }, () => openStore(path)));
    if (gatewayStoreKind() === 'postgres') await slowCommits(path);
    const reader = await openStore(path);
    const PER_WRITER = 150;
    let writing = true;
    const seen = new Map<string, number>();
    const poll = (async () => {
      let after = 0;
      for (;;) {
        const done = !writing;
        const rows = await reader.readEvents(after, 50);
        for (const r of rows) seen.set(r.dedupeKey, (seen.get(r.dedupeKey) ?? 0) + 1);
        after = rows.at(-1)?.seq ?? after;
        if (done && rows.length === 0) return;
        if (rows.length === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await Promise.all(
      writers.map(async (store, w) => {
        const appends: Promise<unknown>[] = [];
        for (let i = 0; i < PER_WRITER; i++) {
          appends.push(store.appendEvent(`w${w}-${i}`, event(`${w}/${i}`)));
          if (random() < 0.3) await new Promise((resolve) => setTimeout(resolve, random() * 5));
        }
        await Promise.all(appends);
      }),
    );
    writing = false;
    await poll;
    const total = writers.length * PER_WRITER;
    const lost = total - seen.size;
    const duplicated = [...seen.values()].filter((n) => n > 1).length;
    console.log(
      `feed order (${gatewayStoreKind()}): ${total} appends, lost ${lost}, duplicated ${duplicated}`,
    );
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
    for (const store of [...writers, reader]) await store.close();
  });
});

describe.runIf(gatewayStoreKind() === 'sqlite')('the SQLite store', () => {
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

  it('opens an inbox written before migration checksums were recorded, and records them', async () => {
    const path = tempDb();
    const first = new SqliteStore({ path });
    await first.appendEvent('k', event('kept'));
    const inboxId = first.inboxId;
    await first.close();
    // What the gateway's own runner left behind before it moved to the shared one (which had
    // only the first two migrations).
    const legacy = new Database(path);
    legacy.exec(`DROP TABLE schema_migrations; DROP TABLE claims; DROP TABLE coordinators;
      DROP TABLE catalog_entries; DROP TABLE mappings;
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

describe.runIf(gatewayStoreKind() === 'postgres')('the PostgreSQL store', () => {
  it('says which database it cannot open, without its password', async () => {
    const url = new URL(await newDatabase());
    url.password = 'secret-pw-1';
    url.pathname = '/no_such_database';
    const opening = openStore(url.toString());
    await expect(opening).rejects.toThrow(
      /cannot open the PostgreSQL database postgres:\/\/.*no_such_database/,
    );
    await expect(opening).rejects.not.toThrow(/secret-pw-1/);
  });

  it('migrates once when several instances open a new database at the same time', async () => {
    const url = await newDatabase(true);
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(url)));
    expect(new Set(stores.map((s) => s.inboxId)).size).toBe(1);
    for (const store of stores) await store.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r: { version: number }) => r.version)).toEqual(
      postgresMigrations.map((m) => m.version),
    );
    await client.query("INSERT INTO schema_migrations VALUES (99, 'future', 'x', 'now')");
    await client.end();
    await expect(openStore(url)).rejects.toThrow(/newer version of the gateway/);
  });
});

/** A deterministic random source, so a failure reproduces. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * Makes every insert into the inbox of this PostgreSQL database wait a random 0-15 ms before its
 * transaction can commit: a statement trigger, so it holds whatever round trips the store makes
 * (an append may be a single statement that commits on its own).
 */
async function slowCommits(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(random() * 0.015); RETURN NULL; END $$`);
    await client.query(`CREATE TRIGGER slow_commit AFTER INSERT ON inbox_events
      FOR EACH STATEMENT EXECUTE FUNCTION slow_commit()`);
  } finally {
    await client.end();
  }
}
