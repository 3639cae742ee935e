import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';

const SQLITE_SUFFIXES = ['', '-wal', '-shm'] as const;

/**
 * The "open" marker beside a database file: written when the desk opens it, removed when it
 * closes it cleanly. Found at open, it means the last run ended without closing (a crash, a kill,
 * a power cut), so the file is checked before it is used.
 */
export function markerPath(path: string): string {
  return `${path}.open`;
}

/** Writes the marker; true when it was already there (the last run did not close cleanly). */
export function markDatabaseOpen(path: string): boolean {
  const marker = markerPath(path);
  const unclean = existsSync(marker);
  writeFileSync(marker, `${process.pid}\n`);
  return unclean;
}

export function markDatabaseClosed(path: string): void {
  rmSync(markerPath(path), { force: true });
}

/** SQLite's report, fit for a status line: one line, bounded. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat;
}

export type QuickCheck = { ok: true } | { ok: false; detail: string };

/**
 * `PRAGMA quick_check` on a database file, read-only: the structural check of every page and index
 * (O(N), without integrity_check's cross-checks of index contents). A file SQLite cannot even open
 * as a database counts as damaged too.
 */
export function quickCheckDatabase(path: string): QuickCheck {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
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
 * Moves a (damaged) database file aside and writes the rows of `tables` (what a rebuild from the
 * server cannot bring back) next to it as JSON, so that a new, empty file can take its place.
 * Whatever rows can still be read are exported; a table that cannot be read is listed with the
 * reason, never a reason to stop.
 */
export function setDatabaseAside(path: string, tables: readonly string[], now: Date): SetAside {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const movedTo = `${path}.damaged-${stamp}`;
  const exportedTo = `${movedTo}.coordinator-input.json`;
  const exported: Record<string, { rows: unknown[] } | { error: string }> = {};
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    for (const table of tables) {
      try {
        exported[table] = { rows: db.prepare(`SELECT * FROM "${table}"`).all() };
      } catch (error) {
        exported[table] = { error: error instanceof Error ? error.message : String(error) };
      }
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    for (const table of tables) exported[table] = { error: reason };
  } finally {
    db?.close();
  }
  writeFileSync(
    exportedTo,
    `${JSON.stringify({ exportedAt: now.toISOString(), from: movedTo, tables: exported }, null, 2)}\n`,
  );
  for (const suffix of SQLITE_SUFFIXES) {
    if (existsSync(`${path}${suffix}`)) renameSync(`${path}${suffix}`, `${movedTo}${suffix}`);
  }
  markDatabaseClosed(path);
  return { movedTo, exportedTo };
}
