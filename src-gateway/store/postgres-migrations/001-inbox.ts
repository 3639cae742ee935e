import type { Migration } from '../../../src-shared/db/migrate';

/**
 * The durable inbox, as in the SQLite store's first migration. Times stay ISO-8601 text so both
 * stores give back exactly the string they were given. `seq` comes from an identity; appends hold
 * an advisory lock, so values become visible in increasing order (see postgres-store.ts).
 */
export const inbox: Migration = {
  version: 1,
  name: 'inbox',
  sql: `
    CREATE TABLE meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    CREATE TABLE inbox_events (
      seq                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      dedupe_key         TEXT NOT NULL UNIQUE,
      received_at        TEXT NOT NULL,
      last_delivered_at  TEXT NOT NULL,
      deliveries         INTEGER NOT NULL DEFAULT 1,
      content_type       TEXT,
      raw_body           BYTEA NOT NULL,
      event_id           TEXT,
      event_type         TEXT,
      account_id         TEXT,
      order_kind         TEXT,
      order_id           TEXT,
      order_json         TEXT,
      flag_reason        TEXT,
      flag_detail        TEXT
    );

    CREATE INDEX inbox_events_order ON inbox_events (order_id) WHERE order_id IS NOT NULL;
  `,
};
