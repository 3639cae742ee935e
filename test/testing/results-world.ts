import {
  commands,
  type CommandName,
  type CommandOutput,
  type CommandInput,
} from '../../src-shared/contract';
import {
  openWorkspaceCache,
  type OrderInput,
  type OrderKind,
  type WorkspaceCache,
} from '../../src-main/cache';
import { generateWorkspace } from '../../src-main/cache/testing/test-data';
import type { HandlerContext } from '../../src-main/handlers/context';
import { resultsHandlers } from '../../src-main/handlers/results-handlers';
import { silentLogger } from '../../src-main/infra/logging/logger';
import { Outbox, type OutboxOptions, type ResultSender } from '../../src-main/outbox';
import { createCacheWriter, type CacheWriter } from '../../src-main/sync/writer/cache-writer';

/**
 * A workspace cache with orders (all `new`), its writer, an outbox and the result handlers, for
 * tests of result entry without Electron or a desk. `path` ':memory:' keeps it in the test's thread.
 */
export interface ResultsWorld {
  cache: WorkspaceCache;
  writer: CacheWriter;
  outbox: Outbox;
  orders: { accountId: string; id: string; kind: 'assessment' | 'background_check' }[];
  call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
  /** Starts the outbox with `sender` and waits until no job is runnable or on the wire. */
  restartOutbox(sender: ResultSender | null, options?: Partial<OutboxOptions>): Promise<void>;
  close(): Promise<void>;
}

export async function createResultsWorld(
  options: {
    path?: string;
    orders?: number;
    /** Orders to cache instead of generated ones (e.g. the sandbox's, to send to it). */
    orderInputs?: OrderInput[];
    outbox?: Partial<OutboxOptions>;
  } = {},
): Promise<ResultsWorld> {
  const cache = openWorkspaceCache(options.path ?? ':memory:');
  const data = generateWorkspace({ orders: options.orders ?? 40, accounts: 2, seed: 7 });
  const orders = options.orderInputs ?? data.orders;
  if (cache.orders.getRow(orders[0]!.accountId, orders[0]!.id) === undefined) {
    cache.transaction(() => {
      if (!options.orderInputs) {
        cache.accounts.upsertAccounts(data.accounts);
        cache.jobs.upsertJobs(data.jobs);
        cache.candidates.upsertCandidates(data.candidates);
      }
      cache.orders.upsertOrders(orders.map((o) => ({ ...o, initialStatus: 'new' as const })));
    });
  }
  const writer = createCacheWriter(cache);
  const make = (extra: Partial<OutboxOptions> = {}) =>
    new Outbox({
      workspaceId: 'ws_test',
      cache,
      writer,
      logger: silentLogger,
      osUser: 'tester',
      onChange: () => undefined,
      notifyDelayMs: 0,
      ...options.outbox,
      ...extra,
    });
  let outbox = make();
  let baseUrl: string | null = 'https://api.stackone.com';
  const ctx = {
    cache: async () => cache,
    writer: async () => writer,
    outbox: async () => ({ outbox, baseUrl }),
    now: () => new Date(),
    logger: silentLogger,
  } as unknown as HandlerContext;
  const handlers = resultsHandlers(ctx) as Record<string, (input: unknown) => unknown>;
  const world: ResultsWorld = {
    cache,
    writer,
    get outbox() {
      return outbox;
    },
    orders: orders.map((o) => ({ accountId: o.accountId, id: o.id, kind: o.kind })),
    async call(name, input) {
      const parsed = commands[name].input.parse(input);
      return (await handlers[name]!(parsed)) as CommandOutput<typeof name>;
    },
    async restartOutbox(sender, extra) {
      await outbox.stop();
      outbox = make(extra);
      baseUrl = 'https://api.stackone.com';
      await outbox.start(sender ? { sender } : { problem: 'Not started in this test.' });
    },
    async close() {
      await outbox.stop();
      await writer.close();
      cache.close();
    },
  };
  return world;
}

/** The sandbox's orders as the cache stores them (what the gateway would have delivered). */
export function sandboxOrderInputs(
  orders: readonly {
    id: string;
    remote_id: string;
    kind: OrderKind;
    account_id: string;
    created_at: string;
  }[],
): OrderInput[] {
  return orders.map((o) => ({
    accountId: o.account_id,
    id: o.id,
    kind: o.kind,
    remoteId: o.remote_id,
    receivedAt: o.created_at,
    eventId: null,
    packageId: null,
    candidateId: null,
    applicationId: null,
    jobId: null,
    rawEvent: {},
    updatedAt: o.created_at,
  }));
}
