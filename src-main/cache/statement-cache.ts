import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../infra/db/open-database';

/**
 * Prepared statements keyed by SQL text. Queue queries are built from the filter shape (how many
 * statuses, accounts, …), so there are many texts but few in use at a time: a small LRU keeps the
 * hot ones prepared without growing without bound.
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly capacity = 200,
  ) {}

  get(sql: string): Statement {
    const hit = this.statements.get(sql);
    if (hit) {
      this.statements.delete(sql);
      this.statements.set(sql, hit);
      return hit;
    }
    const statement = this.db.prepare(sql);
    this.statements.set(sql, statement);
    if (this.statements.size > this.capacity) {
      const oldest = this.statements.keys().next().value;
      if (oldest !== undefined) this.statements.delete(oldest);
    }
    return statement;
  }
}
