import { createHash } from 'node:crypto';

/**
 * The one migration runner of every database: the desk's app database and workspace caches, and
 * the gateway's inbox (SQLite, or PostgreSQL through `applyMigrationsAsync`). Node only (the
 * renderer never opens a database).
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

const SCHEMA_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`;

const INSERT_APPLIED =
  'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ';

interface Plan {
  /** Applied before checksums were recorded: record this version's checksum now. */
  recordChecksums: { version: number; checksum: string }[];
  pending: { migration: Migration; checksum: string }[];
}

/**
 * The runner's rules, shared by the synchronous (SQLite) and asynchronous (PostgreSQL) drivers:
 * numbering without gaps, refusing a newer database, refusing an edited migration.
 */
function plan(
  migrations: readonly Migration[],
  appliedRows: readonly AppliedRow[],
  options: MigrateOptions,
): Plan {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]!.version !== i + 1) {
      throw new MigrationError(
        `Migrations must be numbered 1..n without gaps; found ${sorted[i]!.version} at position ${i + 1}`,
      );
    }
  }
  const applied = new Map(appliedRows.map((r) => [Number(r.version), r]));
  for (const version of applied.keys()) {
    if (version > sorted.length) {
      const program = options.program ?? 'Screening Desk';
      throw new MigrationError(
        `This database was written by a newer version of ${program} (schema ${version}; this version knows up to ${sorted.length}); update ${program}.`,
      );
    }
  }
  const result: Plan = { recordChecksums: [], pending: [] };
  for (const m of sorted) {
    const sum = checksum(m.sql);
    const prior = applied.get(m.version);
    if (!prior) result.pending.push({ migration: m, checksum: sum });
    else if (prior.checksum === null)
      result.recordChecksums.push({ version: m.version, checksum: sum });
    else if (prior.checksum !== sum) {
      throw new MigrationError(
        `Migration ${m.version} (${m.name}) was edited after it was applied; add a new migration instead.`,
      );
    }
  }
  return result;
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
  db.exec(SCHEMA_MIGRATIONS_TABLE);
  const columns = db.prepare('PRAGMA table_info(schema_migrations)').all() as { name: string }[];
  if (!columns.some((c) => c.name === 'checksum')) {
    db.exec('ALTER TABLE schema_migrations ADD COLUMN checksum TEXT');
  }
  const applied = db
    .prepare('SELECT version, name, checksum FROM schema_migrations')
    .all() as AppliedRow[];
  const { recordChecksums, pending } = plan(migrations, applied, options);
  const recordChecksum = db.prepare('UPDATE schema_migrations SET checksum = ? WHERE version = ?');
  for (const r of recordChecksums) recordChecksum.run(r.checksum, r.version);
  for (const { migration: m, checksum: sum } of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare(`${INSERT_APPLIED}(?, ?, ?, ?)`).run(
        m.version,
        m.name,
        sum,
        new Date().toISOString(),
      );
    })();
  }
  return pending.map((p) => p.migration.version);
}

/**
 * The little of an asynchronous connection (the gateway's PostgreSQL store) the runner uses:
 * `query` runs SQL with `$1`-style parameters (a migration's script is run without any) and
 * `transaction` runs `fn` between BEGIN and COMMIT, rolling back if it throws. The caller
 * serialises concurrent runners (several gateway instances starting at once), e.g. with a lock.
 */
export interface AsyncMigratableDatabase {
  query(sql: string, params?: readonly unknown[]): Promise<unknown[]>;
  transaction(fn: () => Promise<void>): Promise<void>;
}

/** `applyMigrations` for an asynchronous connection: the same rules, the same table. */
export async function applyMigrationsAsync(
  db: AsyncMigratableDatabase,
  migrations: readonly Migration[],
  options: MigrateOptions = {},
): Promise<number[]> {
  await db.query(SCHEMA_MIGRATIONS_TABLE);
  const applied = (await db.query(
    'SELECT version, name, checksum FROM schema_migrations',
  )) as AppliedRow[];
  const { pending } = plan(migrations, applied, options);
  for (const { migration: m, checksum: sum } of pending) {
    await db.transaction(async () => {
      await db.query(m.sql);
      await db.query(`${INSERT_APPLIED}($1, $2, $3, $4)`, [
        m.version,
        m.name,
        sum,
        new Date().toISOString(),
      ]);
    });
  }
  return pending.map((p) => p.migration.version);
}
