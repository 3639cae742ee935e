import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context';
import type { Account } from '../data/types';

/**
 * `GET /accounts` of StackOne's Platform API (not in the ATS spec). Assumed shape: a plain JSON
 * array of linked accounts `{ id, provider, origin_owner_id, origin_owner_name, status,
 * created_at, updated_at }`, as the Platform API's "List Accounts" returns (no pagination
 * wrapper). Query params (`provider`, `origin_owner_id`, `status`) filter it.
 */

export function registerAccountsRoute(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/accounts', { config: { stackone: 'platform' } }, async (request) => {
    const q = request.query as Record<string, string | undefined>;
    const accounts: Account[] = [...ctx.store.accounts.values()].map((a) => a.account);
    return accounts.filter(
      (a) =>
        (!q.provider || a.provider === q.provider) &&
        (!q.origin_owner_id || a.origin_owner_id === q.origin_owner_id) &&
        (!q.status || a.status === q.status),
    );
  });
}
