import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../src-shared/db/migrate';
import { openDatabase } from '../../infra/db/open-database';
import { WorkspaceCache } from '../workspace-cache';
import { cacheMigrations } from './index';

describe('migration 0006 (sort-led queue indexes, infix search)', () => {
  it('moves an existing cache over: job codes, empty sort keys, both search indexes', () => {
    const db = openDatabase(':memory:');
    applyMigrations(db, cacheMigrations.slice(0, 5));
    // A cache as version 5 wrote it: NULL sort keys, no job code on the order.
    db.exec(`
      INSERT INTO jobs (account_id, id, title, title_sort, code, synced_at)
        VALUES ('a', 'j1', 'Data Analyst', 'data analyst', 'REQ-1003', 'x');
      INSERT INTO orders (account_id, id, kind, remote_id, status, job_id, received_at, due_at,
          raw_json, updated_at, candidate_name, candidate_email, candidate_sort, job_title, job_sort,
          account_sort)
        VALUES ('a', 'o1', 'assessment', 'ORDER-000123', 'new', 'j1', 1, 2, '{}', '1',
          'Zoe Garcia', 'zoe.garcia35@example.com', 'zoe garcia', 'Data Analyst', 'data analyst', 'a'),
        ('a', 'o2', 'assessment', NULL, 'sent', NULL, 1, 3, '{}', '1', NULL, NULL, NULL, NULL,
          NULL, 'a');
      INSERT INTO order_counts (kind, status, account_id, package_id, n)
        SELECT kind, status, account_id, '', count(*) FROM orders GROUP BY 1, 2, 3;
      INSERT INTO orders_fts (rowid, id, candidate_name, candidate_email, job_title, package_name)
        SELECT seq, id, candidate_name, candidate_email, job_title, package_name FROM orders;
    `);
    expect(applyMigrations(db, cacheMigrations)).toContain(6);
    const cache = new WorkspaceCache(db);
    const now = new Date(10).toISOString();
    const ids = (search: string) => cache.queue.queryOrders({ now, search }).rows.map((r) => r.id);
    expect(ids('cia35')).toEqual(['o1']);
    expect(ids('REQ-1003')).toEqual(['o1']);
    expect(ids('der-000')).toEqual(['o1']);
    expect(ids('zo')).toEqual(['o1']);
    const nullKeys = 'SELECT count(*) FROM orders WHERE candidate_sort IS NULL OR job_sort IS NULL';
    expect(db.prepare(nullKeys).pluck().get()).toBe(0);
    // The candidate sort reads both orders, the one without a name first.
    expect(
      cache.queue
        .queryOrders({ now, sort: { column: 'candidate', direction: 'asc' } })
        .rows.map((r) => r.id),
    ).toEqual(['o2', 'o1']);
    const oldIndexes = "SELECT count(*) FROM sqlite_master WHERE name LIKE 'orders_q_%'";
    expect(db.prepare(oldIndexes).pluck().get()).toBe(0);
    // Deleting an order takes its search rows with it.
    db.exec("DELETE FROM orders WHERE id = 'o1'");
    expect(ids('cia35')).toEqual([]);
    db.close();
  });
});
