import { PostgresStore } from './postgres-store';
import { SqliteStore } from './sqlite-store';
import type { GatewayStore } from './store';

/** `--db` / `GATEWAY_DB` names PostgreSQL by URL; anything else is a SQLite file (or `:memory:`). */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

export async function openStore(db: string): Promise<GatewayStore> {
  return isPostgresUrl(db) ? PostgresStore.open({ url: db }) : new SqliteStore({ path: db });
}
