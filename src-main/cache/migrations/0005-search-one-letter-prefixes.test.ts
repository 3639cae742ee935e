import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../core/db/migrate';
import { openDatabase } from '../../core/db/open-database';
import { toFtsQuery } from '../fts-query';
import { generateWorkspace } from '../testing/test-data';
import { WorkspaceCache } from '../workspace-cache';
import { cacheMigrations } from './index';

describe('migration 0005 (one-letter search prefixes)', () => {
  it('rebuilds the order search index of an existing cache with the same hits', () => {
    const db = openDatabase(':memory:');
    applyMigrations(db, cacheMigrations.slice(0, 4));
    const cache = new WorkspaceCache(db);
    const data = generateWorkspace({ orders: 300, accounts: 2, now: Date.now(), seed: 11 });
    cache.transaction(() => {
      cache.jobs.upsertJobs(data.jobs);
      cache.candidates.upsertCandidates(data.candidates);
      cache.orders.upsertOrders(data.orders);
    });
    const hits = (search: string) =>
      db
        .prepare('SELECT rowid FROM orders_fts WHERE orders_fts MATCH ? ORDER BY rowid')
        .pluck()
        .all(toFtsQuery(search)) as number[];
    const searches = ['anna s', 'an', 'ord_0', 'engineer', 'e', 'smith a'];
    const before = searches.map(hits);
    expect(before.some((h) => h.length > 0)).toBe(true);

    expect(applyMigrations(db, cacheMigrations)).toEqual([5]);
    expect(searches.map(hits)).toEqual(before);
    const definition = db
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'orders_fts'")
      .pluck()
      .get() as string;
    expect(definition).toContain("prefix = '1 2 3'");
    // Still kept in step by the repositories: a new order is found.
    cache.orders.upsertOrders([{ ...data.orders[0]!, id: 'zq_new_order' }]);
    expect(hits('zq_new')).toHaveLength(1);
    db.close();
  });
});
