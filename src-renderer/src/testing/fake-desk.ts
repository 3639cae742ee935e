import {
  DeskFailure,
  SANDBOX_WORKSPACE_ID,
  commands,
  endpointChanged,
  isCommandName,
  secretKinds,
  secretUrlField,
  type CommandName,
  type CommandOutput,
  type DeskBridge,
  type Envelope,
  type PackageTurnaround,
  type EventName,
  type EventPayload,
  type ParsedInput,
  type SecretKind,
  type Workspace,
} from '../../../src-shared/contract';
import {
  createFakeRecords,
  listOrders,
  orderDetail,
  orderFacets,
  type FakeRecords,
} from './fake-records';
import { createFakeResults } from './fake-results';
import { createFakePackages } from './fake-packages';

type Handler<N extends CommandName> = (input: ParsedInput<N>) => unknown;

/**
 * An in-memory desk for component tests: it parses inputs with the contract like main does and
 * keeps workspaces and "keychain" entries in maps, and serves a small queue (`records`) with the
 * same filter/sort/paging rules as main. `fail` makes the next call of a command fail; `hold`
 * keeps a command's answers back until `release` (to see loading states).
 */
export function createFakeDesk(
  initial = createFakeRecords(),
  /** Records of other workspaces, served while each is active (the others serve `initial`). */
  workspaceRecords = new Map<string, FakeRecords>(),
) {
  let records = initial;
  const now = '2025-01-01T00:00:00.000Z';
  const workspaces = new Map<string, Workspace>([
    [
      SANDBOX_WORKSPACE_ID,
      {
        id: SANDBOX_WORKSPACE_ID,
        name: 'Sandbox',
        kind: 'sandbox',
        stackoneBaseUrl: null,
        gatewayUrl: null,
        linkedAccounts: [],
        createdAt: now,
        updatedAt: now,
      },
    ],
  ]);
  const secrets = new Map<string, string>();
  /** The active workspace's cache health, as main reports it after an unclean exit. */
  const cache = { damaged: false, problem: null as string | null };
  const listeners = new Map<EventName, Set<(p: never) => void>>();
  const failures = new Map<CommandName, DeskFailure>();
  const calls: { name: CommandName; input: unknown }[] = [];
  const held = new Map<CommandName, (() => void)[]>();
  const holding = new Set<CommandName>();
  let activeId = SANDBOX_WORKSPACE_ID;
  let nextId = 1;
  let defaultHours = 48;
  let notificationsEnabled = true;
  const turnarounds = new Map<string, number>();
  /** Team mode: who this desk is signed in as (tests set it, and emit the change). */
  const team = {
    identity: { state: 'shared' } as CommandOutput<'team:me'>,
    set(identity: CommandOutput<'team:me'>) {
      team.identity = identity;
      emit('team:identity-changed', identity);
    },
  };
  const myId = () => (team.identity.state === 'team' ? team.identity.coordinator.id : undefined);
  const findOrder = (o: { accountId: string; orderId: string }) =>
    records.orders.find((r) => r.accountId === o.accountId && r.id === o.orderId);
  const results = createFakeResults(initial, emit);
  const packages = createFakePackages(initial, emit);

  function emit<E extends EventName>(name: E, payload: EventPayload<E>) {
    for (const l of listeners.get(name) ?? []) (l as (p: EventPayload<E>) => void)(payload);
  }
  const status = (workspaceId: string) => ({
    workspaceId,
    hasApiKey: secrets.has(`${workspaceId}/stackone_api_key`),
    hasGatewayToken: secrets.has(`${workspaceId}/gateway_token`),
  });
  const get = (id: string) => {
    const w = workspaces.get(id);
    if (!w) throw new DeskFailure('not_found', `There is no workspace with id "${id}".`);
    return w;
  };

  const handlers: { [N in CommandName]: Handler<N> } = {
    'app:get-info': () => ({ version: '0.0.0-test', runtime: 'test', platform: 'test' }),
    'workspaces:list': () => ({ activeId, workspaces: [...workspaces.values()] }),
    'workspaces:create': (draft) => {
      const w: Workspace = {
        id: `ws-${nextId++}`,
        kind: 'stackone',
        createdAt: now,
        updatedAt: now,
        ...draft,
      };
      workspaces.set(w.id, w);
      emit('workspaces:changed', { activeId });
      return w;
    },
    'workspaces:update': ({ id, ...patch }) => {
      const before = get(id);
      const w = { ...before };
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) Object.assign(w, { [k]: v });
      // Like main: a secret is bound to its URL and goes when the URL changes.
      for (const kind of secretKinds) {
        const field = secretUrlField[kind];
        if (endpointChanged(before[field], w[field])) secrets.delete(`${id}/${kind}`);
      }
      workspaces.set(id, w);
      emit('workspaces:changed', { activeId });
      return w;
    },
    'workspaces:delete': ({ id }) => {
      get(id);
      workspaces.delete(id);
      if (activeId === id) activeId = SANDBOX_WORKSPACE_ID;
      emit('workspaces:changed', { activeId });
      return { deleted: true };
    },
    'workspaces:activate': ({ id }) => {
      get(id);
      activeId = id;
      records = workspaceRecords.get(id) ?? initial;
      emit('workspaces:changed', { activeId });
      return { activeId };
    },
    'workspaces:test-connection': ({ workspaceId }) => {
      const w = get(workspaceId);
      if (!secrets.has(`${w.id}/stackone_api_key`)) {
        return {
          checks: [
            { accountId: null, ok: false, reason: 'no_api_key', message: 'No API key is stored.' },
          ],
        };
      }
      return {
        checks: w.linkedAccounts.map((a) =>
          a.id.startsWith('bad')
            ? {
                accountId: a.id,
                ok: false,
                reason: 'unknown_account',
                message: 'StackOne does not know this account.',
              }
            : { accountId: a.id, ok: true, reason: 'ok', message: 'Connected.' },
        ),
      };
    },
    'credentials:get-status': ({ workspaceId }) => status(get(workspaceId).id),
    'credentials:save': ({ workspaceId, kind, value }) => {
      secrets.set(`${get(workspaceId).id}/${kind}`, value);
      emit('credentials:changed', { workspaceId });
      return status(workspaceId);
    },
    'credentials:clear': ({ workspaceId, kind }) => {
      const kinds: SecretKind[] = kind ? [kind] : ['stackone_api_key', 'gateway_token'];
      for (const k of kinds) secrets.delete(`${get(workspaceId).id}/${k}`);
      emit('credentials:changed', { workspaceId });
      return status(workspaceId);
    },
    'sync:get-status': () => records.sync,
    'sync:run-now': () => ({ accepted: true }),
    'sync:get-cache-health': () => ({ workspaceId: activeId, ...cache }),
    'notifications:get-settings': () => ({ enabled: notificationsEnabled }),
    'notifications:set-settings': ({ enabled }) => {
      notificationsEnabled = enabled;
      return { enabled };
    },
    'sync:reset-sandbox': ({ workspaceId }) => {
      if (get(workspaceId).kind !== 'sandbox')
        throw new DeskFailure('conflict', 'Not a sandbox; nothing was reset.');
      emit('data:changed', { workspaceId, tables: ['orders'] });
      return { workspaceId };
    },
    'sync:rebuild-cache': () => {
      if (!cache.damaged) throw new DeskFailure('conflict', 'The local cache is not damaged.');
      cache.damaged = false;
      cache.problem = null;
      return {
        movedTo: '/data/cache.sqlite.damaged-1',
        exportedTo: '/data/cache.sqlite.damaged-1.coordinator-input.json',
      };
    },
    'orders:list': (q) => listOrders(records, { ...q, me: myId() }),
    'orders:get-facets': (f) => orderFacets(records, { ...f, me: myId() }),
    'team:me': () => team.identity,
    'orders:claim': ({ orders, takeover }) => {
      const me = team.identity.state === 'team' ? team.identity.coordinator : null;
      if (!me) throw new DeskFailure('conflict', 'Claims need your own coordinator token.');
      const rows = orders.map(findOrder).filter((r) => r !== undefined);
      const held = rows.filter((r) => r.team?.claim && r.team.claim.by.id !== me.id);
      if (held.length > 0 && !takeover) {
        return {
          status: 'held',
          holders: held.map((r) => ({ orderId: r.id, name: r.team!.claim!.by.name })),
        };
      }
      for (const r of rows) {
        r.team = {
          report: null,
          conflict: [],
          ...r.team,
          claim: { by: me, expiresAt: '2099-01-01T00:00:00.000Z' },
        };
      }
      emit('data:changed', { workspaceId: activeId, tables: ['orders'] });
      return { status: 'claimed', count: rows.length };
    },
    'orders:release': ({ orders }) => {
      let released = 0;
      for (const r of orders.map(findOrder)) {
        if (r?.team?.claim && r.team.claim.by.id === myId()) {
          r.team = { ...r.team, claim: null };
          released++;
        }
      }
      emit('data:changed', { workspaceId: activeId, tables: ['orders'] });
      return { released };
    },
    'orders:get': ({ accountId, id }) => orderDetail(records, accountId, id),
    'candidates:list': ({ search, offset, limit, accountId }) => {
      const q = search?.toLowerCase();
      const rows = records.candidates.filter(
        (c) =>
          (!accountId || c.accountId === accountId) &&
          (!q || `${c.name ?? ''} ${c.email ?? ''}`.toLowerCase().includes(q)),
      );
      return { rows: rows.slice(offset, offset + limit), total: rows.length };
    },
    'candidates:get': ({ accountId, id }) => {
      const candidate = records.candidates.find((c) => c.accountId === accountId && c.id === id);
      if (!candidate) return null;
      return {
        candidate,
        applications: records.applications.filter((a) => a.candidateId === id),
        orders: records.orders
          .filter((o) => o.candidateId === id)
          .map(({ overdue: _overdue, ...summary }) => summary),
      };
    },
    'jobs:list': ({ search, offset, limit, accountId }) => {
      const q = search?.toLowerCase();
      const rows = records.jobs.filter(
        (j) =>
          (!accountId || j.accountId === accountId) &&
          (!q || (j.title ?? '').toLowerCase().includes(q)),
      );
      return { rows: rows.slice(offset, offset + limit), total: rows.length };
    },
    'job-postings:list': ({ accountId, jobId, offset, limit }) => {
      const rows = records.postings.filter(
        (p) => (!accountId || p.accountId === accountId) && (!jobId || p.jobId === jobId),
      );
      return { rows: rows.slice(offset, offset + limit), total: rows.length };
    },
    'turnarounds:get': () => {
      const packages = new Map<string, PackageTurnaround>();
      for (const o of records.orders) {
        if (o.packageId === null) continue;
        const key = `${o.kind}/${o.packageId}`;
        const p = packages.get(key) ?? {
          kind: o.kind,
          packageId: o.packageId,
          name: o.packageName,
          orders: 0,
          hours: turnarounds.get(key) ?? null,
        };
        packages.set(key, { ...p, orders: p.orders + 1 });
      }
      return { defaultHours, packages: [...packages.values()] };
    },
    'turnarounds:set-default': ({ hours }) => {
      defaultHours = hours;
      return { ordersUpdated: records.orders.length };
    },
    'turnarounds:set-package': ({ kind, packageId, hours }) => {
      const key = `${kind}/${packageId}`;
      if (hours === null) turnarounds.delete(key);
      else turnarounds.set(key, hours);
      return {
        ordersUpdated: records.orders.filter((o) => o.kind === kind && o.packageId === packageId)
          .length,
      };
    },
    'quarantine:list': ({ offset, limit }) => ({
      rows: records.quarantine.slice(offset, offset + limit),
      total: records.quarantine.length,
    }),
    ...results.handlers,
    ...packages.handlers,
  };

  const bridge: DeskBridge = {
    async invoke(name, input) {
      calls.push({ name, input });
      try {
        if (!isCommandName(name))
          throw new DeskFailure('unknown_command', `No command ${String(name)}`);
        const failure = failures.get(name);
        if (failure) {
          failures.delete(name);
          throw failure;
        }
        const parsed = commands[name].input.safeParse(input);
        if (!parsed.success) {
          throw new DeskFailure(
            'invalid_input',
            'Invalid input',
            parsed.error.issues.map((i) => ({
              path: i.path as (string | number)[],
              message: i.message,
            })),
          );
        }
        if (holding.has(name)) {
          await new Promise<void>((resolve) => {
            const list = held.get(name) ?? [];
            list.push(resolve);
            held.set(name, list);
          });
        }
        const value = (handlers[name] as Handler<CommandName>)(parsed.data as never);
        return { ok: true, value } as Envelope<never>;
      } catch (e) {
        if (e instanceof DeskFailure) return { ok: false, error: e.toError() };
        throw e;
      }
    },
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener as (p: never) => void);
      return () => set.delete(listener as (p: never) => void);
    },
  };

  return {
    bridge,
    workspaces,
    secrets,
    cache,
    calls,
    records: initial,
    results,
    team,
    packages,
    emit,
    hold(name: CommandName) {
      holding.add(name);
    },
    release(name: CommandName) {
      holding.delete(name);
      for (const resolve of held.get(name) ?? []) resolve();
      held.delete(name);
    },
    fail(name: CommandName, failure: DeskFailure) {
      failures.set(name, failure);
    },
  };
}
