import { createHash } from 'node:crypto';

/**
 * The one migration runner of every SQLite file: the desk's app database and workspace caches, and
 * the gateway's inbox. Node only (the renderer never opens a database).
 */

/** One numbered migration. Files are named `NNNN-what.ts` and export one of these. */
export interface Migration {
  version: number;
  name: string;
  /** Only this text is checksummed: comments outside it may change, the SQL never. */
  sql: string;
}

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

export interface MigrateOptions {
  /** Who writes this file, for the "newer version" error (default "Screening Desk"). */
  program?: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string | null;
}

/**
 * Applies pending migrations in order, each in its own transaction with its version row (a crash
 * leaves the database at a whole version), and records a checksum of each. A migration that was
 * applied and later edited is refused: a shipped database must never silently diverge from the SQL
 * that built it. A database written by a newer version is refused. Returns the versions applied now.
 *
 * Files written before checksums were recorded (the gateway's first inboxes) have no checksum
 * column: it is added, and each applied migration's checksum is recorded from the SQL this version
 * ships. An edit made before that upgrade cannot be detected; every later one is.
 */
export function applyMigrations(
  db: MigratableDatabase,
  migrations: readonly Migration[],
  options: MigrateOptions = {},
): number[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]!.version !== i + 1) {
      throw new MigrationError(
        `Migrations must be numbered 1..n without gaps; found ${sorted[i]!.version} at position ${i + 1}`,
      );
    }
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const columns = db.prepare('PRAGMA table_info(schema_migrations)').all() as { name: string }[];
  if (!columns.some((c) => c.name === 'checksum')) {
    db.exec('ALTER TABLE schema_migrations ADD COLUMN checksum TEXT');
  }
  const applied = new Map(
    (db.prepare('SELECT version, name, checksum FROM schema_migrations').all() as AppliedRow[]).map(
      (r) => [r.version, r],
    ),
  );
  for (const version of applied.keys()) {
    if (version > sorted.length) {
      const program = options.program ?? 'Screening Desk';
      throw new MigrationError(
        `This database was written by a newer version of ${program} (schema ${version}; this version knows up to ${sorted.length}); update ${program}.`,
      );
    }
  }
  const recordChecksum = db.prepare('UPDATE schema_migrations SET checksum = ? WHERE version = ?');
  const done: number[] = [];
  for (const m of sorted) {
    const sum = checksum(m.sql);
    const prior = applied.get(m.version);
    if (prior) {
      if (prior.checksum === null) recordChecksum.run(sum, m.version);
      else if (prior.checksum !== sum) {
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
