import { join } from 'node:path';
import { applyMigrations } from '../../../src-shared/db/migrate';
import { openDatabase, type SqliteDatabase } from '../db/open-database';
import { appMigrations } from './migrations';

/** The small per-user database: workspaces and app settings. Per-workspace caches live elsewhere. */
export function openAppDatabase(userDataDir: string): SqliteDatabase {
  const db = openDatabase(join(userDataDir, 'app.sqlite'));
  applyMigrations(db, appMigrations);
  return db;
}
