import { createHash } from 'node:crypto';

/**
 * The little of a better-sqlite3 handle the runner uses, so that the desk and the gateway (each with
 * its own better-sqlite3 import) pass their handle without this module depending on either.
 */
export interface MigratableDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): {
    all(...params: never[]): unknown[];
    run(...params: (string | number)[]): unknown;
  };
  transaction(fn: () => void): () => void;
}

/** One numbered migration. Files are named `NNNN-what.ts` and export one of these. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/**
 * Applies pending migrations in order, each in its own transaction, and records a checksum of each.
 * A migration that was applied and later edited is refused: a shipped database must never silently
 * diverge from the SQL that built it. Returns the versions applied now.
 */
export function applyMigrations(
  db: MigratableDatabase,
  migrations: readonly Migration[],
): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]!.version !== i + 1) {
      throw new MigrationError(
        `Migrations must be numbered 1..n without gaps; found ${sorted[i]!.version} at position ${i + 1}`,
      );
    }
  }
  const applied = new Map(
    (
      db.prepare('SELECT version, name, checksum FROM schema_migrations').all() as {
        version: number;
        name: string;
        checksum: string;
      }[]
    ).map((r) => [r.version, r]),
  );
  const latestKnown = sorted.length;
  for (const version of applied.keys()) {
    if (version > latestKnown) {
      throw new MigrationError(
        `This database was written by a newer version of Screening Desk (schema ${version}); update the app.`,
      );
    }
  }
  const done: number[] = [];
  for (const m of sorted) {
    const sum = checksum(m.sql);
    const prior = applied.get(m.version);
    if (prior) {
      if (prior.checksum !== sum) {
        throw new MigrationError(
          `Migration ${m.version} (${m.name}) was edited after it was applied; add a new migration instead.`,
        );
      }
      continue;
    }
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare(
        'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
      ).run(m.version, m.name, sum, new Date().toISOString());
    })();
    done.push(m.version);
  }
  return done;
}
