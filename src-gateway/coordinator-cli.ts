import { parseArgs } from 'node:util';
import { addCoordinator } from './coordinators';
import { GatewayConfigError } from './config';
import { openStore } from './store/open';

/**
 * `npm run gateway -- coordinator add|revoke|list [NAME] --db PATH|postgres://…`: manages named
 * coordinators in the gateway's database (a running gateway sees the change on its next request).
 * `add` prints the token on stdout, alone on its line: the only time it exists in clear.
 */
export async function runCoordinatorCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  out: { log(line: string): void },
): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: { db: { type: 'string' } },
  });
  const [action, ...rest] = positionals;
  const name = rest.join(' ').trim();
  const db = values.db ?? env.GATEWAY_DB;
  if (db === undefined) throw new GatewayConfigError(['dbPath: --db or GATEWAY_DB is required']);
  if (action !== 'list' && name === '') {
    throw new GatewayConfigError([`coordinator ${action ?? ''}: give the coordinator's name`]);
  }
  const store = await openStore(db);
  try {
    if (action === 'add') {
      const { token } = await addCoordinator(store, name);
      out.log(
        `Coordinator "${name}" added. Their token, shown only now (give it to them privately):`,
      );
      out.log(token);
    } else if (action === 'revoke') {
      if (!(await store.revokeCoordinator(name, new Date().toISOString()))) {
        throw new GatewayConfigError([`no active coordinator is named "${name}"`]);
      }
      out.log(`Coordinator "${name}" revoked: their token is refused from now on.`);
    } else if (action === 'list') {
      for (const c of await store.listCoordinators()) {
        out.log(`${c.name}\tadded ${c.createdAt}${c.revokedAt ? `\trevoked ${c.revokedAt}` : ''}`);
      }
    } else {
      throw new GatewayConfigError([
        `coordinator: unknown action "${action ?? ''}" (add, revoke, list)`,
      ]);
    }
  } finally {
    await store.close();
  }
}
