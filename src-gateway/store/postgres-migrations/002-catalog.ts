import type { Migration } from '../../../src-shared/db/migrate';

/** The published assessment catalog: one row per package, plus its version in meta. */
export const catalog: Migration = {
  version: 2,
  name: 'catalog',
  sql: `
    CREATE TABLE catalog_packages (
      id          TEXT PRIMARY KEY,
      position    INTEGER NOT NULL,
      name        TEXT NOT NULL,
      description TEXT,
      updated_at  TEXT NOT NULL
    );
  `,
};
