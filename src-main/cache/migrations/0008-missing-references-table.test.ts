import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../src-shared/db/migrate';
import { openDatabase } from '../../infra/db/open-database';
import { WorkspaceCache } from '../workspace-cache';
import { cacheMigrations } from './index';

describe('migration 0008 (missing references table)', () => {
  it('carries the unsynced flags over as missing references and drops the flags', () => {
    const db = openDatabase(':memory:');
    applyMigrations(db, cacheMigrations.slice(0, 7));
    // o1 waits for its candidate and job, o2 for its application; o3 has everything.
    db.exec(`
      INSERT INTO orders (account_id, id, kind, status, candidate_id, application_id, job_id,
          received_at, due_at, raw_json, updated_at, account_sort,
          candidate_synced, application_synced, job_synced)
        VALUES ('a', 'o1', 'assessment', 'new', 'c1', NULL, 'j1', 1, 2, '{}', '1', 'a', 0, 0, 0),
          ('a', 'o2', 'assessment', 'new', 'c2', 'p2', NULL, 1, 2, '{}', '1', 'a', 1, 0, 0),
          ('a', 'o3', 'assessment', 'new', 'c3', 'p3', 'j3', 1, 2, '{}', '1', 'a', 1, 1, 1);
    `);
    expect(applyMigrations(db, cacheMigrations)).toContain(8);
    const cache = new WorkspaceCache(db);
    expect(cache.orders.missingReferences()).toEqual({
      candidates: [{ accountId: 'a', id: 'c1' }],
      applications: [{ accountId: 'a', id: 'p2' }],
      jobs: [{ accountId: 'a', id: 'j1' }],
    });
    const columns = db.prepare("SELECT name FROM pragma_table_info('orders')").pluck().all();
    expect(columns).not.toContain('candidate_synced');
    db.close();
  });
});
