import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../../infra/db/open-database';

export type ReferenceKind = 'candidate' | 'application' | 'job';

export interface MissingReference {
  accountId: string;
  id: string;
}

/**
 * The candidates, applications and jobs that cached orders reference and the cache does not hold
 * (nor a 404 placeholder for): what the sync should fetch next (migration 0008). An order adds
 * its references that are not cached; a record's arrival, or StackOne's 404 for it, removes it.
 */
export class MissingReferences {
  private readonly addStatement: Statement;
  private readonly resolveStatement: Statement;
  private readonly listStatement: Statement;

  constructor(db: SqliteDatabase) {
    this.addStatement = db.prepare(
      'INSERT OR IGNORE INTO missing_references (kind, account_id, id) VALUES (?, ?, ?)',
    );
    this.resolveStatement = db.prepare(
      'DELETE FROM missing_references WHERE kind = ? AND account_id = ? AND id = ?',
    );
    this.listStatement = db.prepare(
      'SELECT account_id AS accountId, id FROM missing_references WHERE kind = ? LIMIT ?',
    );
  }

  add(kind: ReferenceKind, accountId: string, id: string): void {
    this.addStatement.run(kind, accountId, id);
  }

  resolve(kind: ReferenceKind, accountId: string, id: string): void {
    this.resolveStatement.run(kind, accountId, id);
  }

  list(kind: ReferenceKind, limit: number): MissingReference[] {
    return this.listStatement.all(kind, limit) as MissingReference[];
  }
}
