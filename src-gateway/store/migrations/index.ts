import type Database from 'better-sqlite3';
import { inbox } from './001-inbox';
import { catalog } from './002-catalog';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** In order; append only. A shipped migration is never edited, a new one is added. */
export const migrations: readonly Migration[] = [inbox, catalog];

/**
 * Applies pending migrations, each in its own transaction with its version row, so a crash leaves
 * the database at a whole version. Refuses a database written by a newer gateway.
 */
export function migrate(db: Database.Database, list: readonly Migration[] = migrations): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {
    v: number | null;
  };
  const current = row.v ?? 0;
  const latest = list.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `gateway database is at schema version ${current}, newer than this gateway knows (${latest})`,
    );
  }
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  for (const m of list) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
  }
  return latest;
}
