import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type SqliteDatabase = Database.Database;

/**
 * Opens a SQLite file the way every desk database is used: WAL (readers never block the writer),
 * foreign keys on, and a busy timeout so that a second connection (the cache writer) waits instead
 * of failing with SQLITE_BUSY. `synchronous`: NORMAL (the default) can lose the last commits on a
 * power loss, never corrupt the file: right for data the next sync brings again. FULL syncs every
 * commit: for what a coordinator typed.
 */
export function openDatabase(
  path: string,
  options: { synchronous?: 'NORMAL' | 'FULL' } = {},
): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
