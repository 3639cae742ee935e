import { openWorkspaceCache } from '../../src-main/cache';
import { silentLogger } from '../../src-main/infra/logging/logger';
import { Outbox, stackOneSender } from '../../src-main/outbox';
import { createStackOneClient, NO_RETRY, RequestBudget } from '../../src-main/stackone';
import { createCacheWriter } from '../../src-main/sync/writer/cache-writer';

/**
 * The outbox in a child process, for test/results-crash.test.ts: it opens the workspace cache the
 * parent queued results in, and sends them to the parent's sandbox. One JSON object per line on
 * stdout: `started` (with how many interrupted sends it recovered), `sending` (a request is about
 * to leave), `done` (nothing waits any more). The parent SIGKILLs it mid-send.
 *
 * Env: RC_CACHE (cache file), RC_URL (sandbox base URL), RC_KEY (its API key).
 */
const env = process.env;
const out = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

const cache = openWorkspaceCache(env.RC_CACHE!);
const writer = createCacheWriter(cache);
const budget = new RequestBudget({ limit: 100_000, windowMs: 60_000 });
const clients = new Map<string, ReturnType<typeof createStackOneClient>>();
const send = stackOneSender((accountId) => {
  let client = clients.get(accountId);
  if (!client) {
    client = createStackOneClient({
      baseUrl: env.RC_URL!,
      apiKey: env.RC_KEY!,
      accountId,
      budget,
      retry: NO_RETRY,
      timeoutMs: 5_000,
    });
    clients.set(accountId, client);
  }
  return client;
});

let finished = false;
const outbox = new Outbox({
  workspaceId: 'crash',
  cache,
  writer,
  logger: silentLogger,
  osUser: 'crash-test',
  maxInFlight: 2,
  retry: { baseDelayMs: 20, maxDelayMs: 100 },
  notifyDelayMs: 0,
  onChange: (status) => {
    if (!finished && status.counts.queued + status.counts.sending === 0) {
      finished = true;
      out({ event: 'done' });
    }
  },
});
await outbox.start({
  sender: async (job, signal) => {
    out({ event: 'sending', jobId: job.id });
    return send(job, signal);
  },
});
out({ event: 'started', recovered: outbox.recovered });
setInterval(() => undefined, 60_000);
