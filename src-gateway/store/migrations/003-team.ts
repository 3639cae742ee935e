import type { Migration } from '../../../src-shared/db/migrate';

/**
 * Team mode. A coordinator's token is stored only as its SHA-256 (the token is 32 random bytes,
 * so a hash is as good as a slow KDF and can be looked up); revoking keeps the row for the
 * attribution of what they did. One claim per order; an expired claim is simply ignored (and
 * replaced by the next claim).
 */
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
    ) STRICT;
    CREATE UNIQUE INDEX coordinators_active_name ON coordinators (name) WHERE revoked_at IS NULL;

    CREATE TABLE claims (
      account_id       TEXT NOT NULL,
      order_id         TEXT NOT NULL,
      coordinator_id   TEXT NOT NULL REFERENCES coordinators (id),
      claimed_at       TEXT NOT NULL,
      expires_at       TEXT NOT NULL,
      PRIMARY KEY (account_id, order_id)
    ) STRICT;
  `,
};
