import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * The cache tables that hold what a coordinator typed, not what a server sent: a rebuild from the
 * server cannot bring them back, so they are exported before a damaged cache is set aside. Add a
 * table here when it holds coordinator input. A table this cache does not have is exported as an
 * error entry, never a reason to stop.
 */
export const COORDINATOR_INPUT_TABLES = [
  // Due times: the default and per-package turnarounds set in Settings.
  'settings',
  'package_turnarounds',
  // Results: drafts as typed, PATCHes queued or failed, what was sent, the log's retention.
  'result_drafts',
  'outbox_jobs',
  'outbound_log',
  'outbox_settings',
] as const;

const SQLITE_SUFFIXES = ['', '-wal', '-shm'] as const;

/**
 * The "open" marker beside a cache file: written when the desk opens the cache, removed when it
 * closes it cleanly. Found at open, it means the last run ended without closing (a crash, a kill,
 * a power cut), so the file is checked before it is used.
 */
export function markerPath(cachePath: string): string {
  return `${cachePath}.open`;
}

/** Writes the marker; true when it was already there (the last run did not close cleanly). */
export function markCacheOpen(cachePath: string): boolean {
  const marker = markerPath(cachePath);
  const unclean = existsSync(marker);
  writeFileSync(marker, `${process.pid}\n`);
  return unclean;
}

export function markCacheClosed(cachePath: string): void {
  rmSync(markerPath(cachePath), { force: true });
}

/** SQLite's report, fit for a status line: one line, bounded. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat;
}

export type QuickCheck = { ok: true } | { ok: false; detail: string };

/**
 * `PRAGMA quick_check` on a cache file, read-only: the structural check of every page and index
 * (O(N), without integrity_check's cross-checks of index contents). A file SQLite cannot even open
 * as a database counts as damaged too.
 */
export function quickCheckCache(cachePath: string): QuickCheck {
  let db: Database.Database | undefined;
  try {
    db = new Database(cachePath, { readonly: true, fileMustExist: true });
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    return problems.length === 0
      ? { ok: true }
      : { ok: false, detail: oneLine(problems.join('; ')) };
  } catch (error) {
    return { ok: false, detail: oneLine(error instanceof Error ? error.message : String(error)) };
  } finally {
    db?.close();
  }
}

/** What a rebuild left beside the new cache. */
export interface SetAside {
  /** The damaged file, renamed (its -wal and -shm beside it). */
  movedTo: string;
  /** The coordinator input read from it, as JSON. */
  exportedTo: string;
}

/**
 * Moves a (damaged) cache file aside and writes its coordinator input next to it, so that a new,
 * empty cache can be synced from the server. Whatever rows can still be read are exported; a table
 * that cannot be read is listed with the reason, never a reason to stop.
 */
export function setCacheAside(cachePath: string, now: Date): SetAside {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const movedTo = `${cachePath}.damaged-${stamp}`;
  const exportedTo = `${movedTo}.coordinator-input.json`;
  const tables: Record<string, { rows: unknown[] } | { error: string }> = {};
  let db: Database.Database | undefined;
  try {
    db = new Database(cachePath, { readonly: true, fileMustExist: true });
    for (const table of COORDINATOR_INPUT_TABLES) {
      try {
        tables[table] = { rows: db.prepare(`SELECT * FROM "${table}"`).all() };
      } catch (error) {
        tables[table] = { error: error instanceof Error ? error.message : String(error) };
      }
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    for (const table of COORDINATOR_INPUT_TABLES) tables[table] = { error: reason };
  } finally {
    db?.close();
  }
  writeFileSync(
    exportedTo,
    `${JSON.stringify({ exportedAt: now.toISOString(), from: movedTo, tables }, null, 2)}\n`,
  );
  for (const suffix of SQLITE_SUFFIXES) {
    if (existsSync(`${cachePath}${suffix}`))
      renameSync(`${cachePath}${suffix}`, `${movedTo}${suffix}`);
  }
  markCacheClosed(cachePath);
  return { movedTo, exportedTo };
}
