import type { Migration } from '../../../src-shared/db/migrate';

/**
 * The durable inbox. The raw body is kept byte for byte; the parsed columns are derived from it at
 * arrival and exist so that the feed (and later lookups by order) need not re-parse.
 */
export const inbox: Migration = {
  version: 1,
  name: 'inbox',
  sql: `
    CREATE TABLE meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE inbox_events (
      seq                INTEGER PRIMARY KEY AUTOINCREMENT,
      dedupe_key         TEXT NOT NULL UNIQUE,
      received_at        TEXT NOT NULL,
      last_delivered_at  TEXT NOT NULL,
      deliveries         INTEGER NOT NULL DEFAULT 1,
      content_type       TEXT,
      raw_body           BLOB NOT NULL,
      event_id           TEXT,
      event_type         TEXT,
      account_id         TEXT,
      order_kind         TEXT,
      order_id           TEXT,
      order_json         TEXT,
      flag_reason        TEXT,
      flag_detail        TEXT
    ) STRICT;

    CREATE INDEX inbox_events_order ON inbox_events (order_id) WHERE order_id IS NOT NULL;
  `,
};
