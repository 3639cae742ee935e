import type { StatementCache } from '../statement-cache';

/**
 * The connection's view of the data, the key under which the queue remembers what it read (counts,
 * search hits, page anchors): changes by itself (total_changes, less those it made to its own TEMP
 * tables) and commits by others (data_version). Writing the TEMP search tables moves total_changes
 * too, so their loads report their own changes and those are left out: reading a search is not a
 * change of the data.
 */
export class DataVersion {
  /** Changes this connection made to its own TEMP tables, left out of the data version. */
  private ownChanges = 0;

  constructor(private readonly statements: StatementCache) {}

  /** Leaves `changes` this connection made to its own TEMP tables out of the version. */
  addOwnChanges(changes: number): void {
    this.ownChanges += changes;
  }

  /** The connection's view of the data: changes by itself (not to TEMP tables) and by others. */
  current(): string {
    const v = this.statements
      .get('SELECT total_changes() AS c, data_version AS v FROM pragma_data_version')
      .get() as { c: number; v: number };
    return `${v.c - this.ownChanges}:${v.v}`;
  }
}
