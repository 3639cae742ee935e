import type { Migration } from '../../../src-shared/db/migrate';

/**
 * The team's catalog entries (what coordinators edit; publishing copies the live ones into
 * catalog_packages) and static-package mappings. `version` guards each record against stale
 * writes; `revision` is a counter per kind (meta `catalog_revision`, `mappings_revision`) stamped on
 * every write, so a desk can ask for what changed since its last sync. A cleared mapping keeps its row
 * (package_id NULL) so that its version still guards the next write.
 */
export const teamRecords: Migration = {
  version: 4,
  name: 'team-records',
  sql: `
    CREATE TABLE catalog_entries (
      id               TEXT PRIMARY KEY,
      name             TEXT NOT NULL,
      description      TEXT,
      type             TEXT,
      turnaround_hours REAL,
      archived         INTEGER NOT NULL DEFAULT 0,
      version          INTEGER NOT NULL,
      revision         INTEGER NOT NULL,
      updated_at       TEXT NOT NULL,
      updated_by       TEXT
    ) STRICT;
    CREATE INDEX catalog_entries_by_revision ON catalog_entries (revision);

    CREATE TABLE mappings (
      account_id  TEXT NOT NULL,
      target      TEXT NOT NULL,
      target_id   TEXT NOT NULL,
      package_id  TEXT,
      version     INTEGER NOT NULL,
      revision    INTEGER NOT NULL,
      updated_at  TEXT NOT NULL,
      updated_by  TEXT,
      PRIMARY KEY (account_id, target, target_id)
    ) STRICT;
    CREATE INDEX mappings_by_revision ON mappings (revision);
  `,
};
