import {
  commands,
  type CommandName,
  type CommandOutput,
  type CommandInput,
} from '../../src-shared/contract';
import { openWorkspaceCache, type WorkspaceCache } from '../../src-main/cache';
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
  options: { path?: string; orders?: number; outbox?: Partial<OutboxOptions> } = {},
): Promise<ResultsWorld> {
  const cache = openWorkspaceCache(options.path ?? ':memory:');
  const data = generateWorkspace({ orders: options.orders ?? 40, accounts: 2, seed: 7 });
  if (cache.orders.getRow(data.orders[0]!.accountId, data.orders[0]!.id) === undefined) {
    cache.transaction(() => {
      cache.accounts.upsertAccounts(data.accounts);
      cache.jobs.upsertJobs(data.jobs);
      cache.candidates.upsertCandidates(data.candidates);
      cache.orders.upsertOrders(data.orders.map((o) => ({ ...o, initialStatus: 'new' as const })));
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
    orders: data.orders.map((o) => ({ accountId: o.accountId, id: o.id, kind: o.kind })),
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
