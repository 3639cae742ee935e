import type { Migration } from '../../../../src-shared/db/migrate';

export const migration: Migration = {
  version: 1,
  name: 'workspaces',
  sql: `
    CREATE TABLE workspaces (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('sandbox', 'stackone')),
      stackone_base_url TEXT,
      gateway_url TEXT,
      linked_accounts_json TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX workspaces_name ON workspaces (name COLLATE NOCASE);
    CREATE TABLE app_settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `,
};
