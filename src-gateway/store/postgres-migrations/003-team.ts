import type { Migration } from '../../../src-shared/db/migrate';

/** Team mode: coordinators (token SHA-256 only) and claims; see ../migrations/003-team.ts. */
export const team: Migration = {
  version: 3,
  name: 'team',
  sql: `
    CREATE TABLE coordinators (
      id          TEXT PRIMARY KEY,
      name        TEXT NOT NULL,
      token_hash  TEXT NOT NULL UNIQUE,
      created_at  TEXT NOT NULL,
      revoked_at  TEXT
    );
    CREATE UNIQUE INDEX coordinators_active_name ON coordinators (name) WHERE revoked_at IS NULL;

    CREATE TABLE claims (
      account_id       TEXT NOT NULL,
      order_id         TEXT NOT NULL,
      coordinator_id   TEXT NOT NULL REFERENCES coordinators (id),
      claimed_at       TEXT NOT NULL,
      expires_at       TEXT NOT NULL,
      PRIMARY KEY (account_id, order_id)
    );
  `,
};
