import { z } from 'zod';
import { LinkedAccountSchema, type LinkedAccount, type Workspace } from '../../src-shared/contract';
import type { SqliteDatabase } from '../infra/db/open-database';

interface WorkspaceRow {
  id: string;
  name: string;
  kind: 'sandbox' | 'stackone';
  stackone_base_url: string | null;
  gateway_url: string | null;
  linked_accounts_json: string;
  created_at: string;
  updated_at: string;
}

const linkedAccountsColumn = z.array(LinkedAccountSchema);

function toWorkspace(row: WorkspaceRow): Workspace {
  const parsed = linkedAccountsColumn.safeParse(JSON.parse(row.linked_accounts_json));
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    stackoneBaseUrl: row.stackone_base_url,
    gatewayUrl: row.gateway_url,
    linkedAccounts: parsed.success ? parsed.data : [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface WorkspaceFields {
  name: string;
  stackoneBaseUrl: string | null;
  gatewayUrl: string | null;
  linkedAccounts: LinkedAccount[];
}

/** Owns every SQL statement about workspaces and the active-workspace setting. */
export class WorkspaceRepository {
  constructor(private readonly db: SqliteDatabase) {}

  list(): Workspace[] {
    const rows = this.db
      .prepare("SELECT * FROM workspaces ORDER BY kind = 'sandbox' DESC, name COLLATE NOCASE")
      .all() as WorkspaceRow[];
    return rows.map(toWorkspace);
  }

  get(id: string): Workspace | null {
    const row = this.db.prepare('SELECT * FROM workspaces WHERE id = ?').get(id) as
      WorkspaceRow | undefined;
    return row ? toWorkspace(row) : null;
  }

  nameTaken(name: string, exceptId?: string): boolean {
    const row = this.db
      .prepare('SELECT id FROM workspaces WHERE name = ? COLLATE NOCASE AND id IS NOT ?')
      .get(name, exceptId ?? null);
    return row !== undefined;
  }

  insert(id: string, kind: Workspace['kind'], fields: WorkspaceFields, now: string): Workspace {
    this.db
      .prepare(
        `INSERT INTO workspaces (id, name, kind, stackone_base_url, gateway_url, linked_accounts_json, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        fields.name,
        kind,
        fields.stackoneBaseUrl,
        fields.gatewayUrl,
        JSON.stringify(fields.linkedAccounts),
        now,
        now,
      );
    return this.get(id)!;
  }

  update(id: string, fields: WorkspaceFields, now: string): Workspace {
    this.db
      .prepare(
        `UPDATE workspaces SET name = ?, stackone_base_url = ?, gateway_url = ?, linked_accounts_json = ?, updated_at = ?
         WHERE id = ?`,
      )
      .run(
        fields.name,
        fields.stackoneBaseUrl,
        fields.gatewayUrl,
        JSON.stringify(fields.linkedAccounts),
        now,
        id,
      );
    return this.get(id)!;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM workspaces WHERE id = ?').run(id).changes > 0;
  }

  getActiveId(): string | null {
    const row = this.db
      .prepare("SELECT value FROM app_settings WHERE key = 'active_workspace_id'")
      .get() as { value: string } | undefined;
    return row?.value ?? null;
  }

  setActiveId(id: string): void {
    this.db
      .prepare(
        "INSERT INTO app_settings (key, value) VALUES ('active_workspace_id', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      )
      .run(id);
  }
}
