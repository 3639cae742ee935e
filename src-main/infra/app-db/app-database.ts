import { join } from 'node:path';
import { applyMigrations } from '../../../src-shared/db/migrate';
import { openDatabase, type SqliteDatabase } from '../db/open-database';
import { appMigrations } from './migrations';

/**
 * The small per-user database: workspaces and app settings. Per-workspace caches live elsewhere.
 * Everything in it was entered by the coordinator, so every commit is synced to disk (FULL): a
 * power loss must not take back a workspace that was saved. It is written rarely; the cost is nil.
 */
export function openAppDatabase(userDataDir: string): SqliteDatabase {
  const db = openDatabase(join(userDataDir, 'app.sqlite'), { synchronous: 'FULL' });
  applyMigrations(db, appMigrations);
  return db;
}
