import { openWorkspaceCache } from '../../src-main/cache';
import { silentLogger } from '../../src-main/infra/logging/logger';
import { PackageQueue } from '../../src-main/packages/package-queue';
import {
  createStackOneClient,
  NO_RETRY,
  RequestBudget,
  type StackOneClient,
} from '../../src-main/stackone';
import { createCacheWriter } from '../../src-main/sync/writer/cache-writer';

/**
 * The package queue in a child process, for test/packages-crash.test.ts: it opens the workspace
 * cache the parent queued package creates in and sends them to the parent's sandbox. One JSON
 * object per line on stdout: `started`, `sending` (a create is about to leave), `listing` (an
 * unknown outcome is being checked), `done` (no job is left unfinished). The parent SIGKILLs it.
 *
 * Env: PC_CACHE (cache file), PC_URL (sandbox base URL), PC_KEY (its API key).
 */
const env = process.env;
const out = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

const cache = openWorkspaceCache(env.PC_CACHE!);
const writer = createCacheWriter(cache);
const budget = new RequestBudget({ limit: 100_000, windowMs: 60_000 });
const clients = new Map<string, StackOneClient>();

/** The account's client, telling the parent before each create or listing leaves. */
function clientFor(accountId: string): StackOneClient {
  let client = clients.get(accountId);
  if (!client) {
    const real = createStackOneClient({
      baseUrl: env.PC_URL!,
      apiKey: env.PC_KEY!,
      accountId,
      budget,
      retry: NO_RETRY,
      timeoutMs: 5_000,
    });
    client = {
      ...real,
      createBackgroundCheckPackage: (body, o) => {
        out({ event: 'sending', name: body.name });
        return real.createBackgroundCheckPackage(body, o);
      },
      listBackgroundCheckPackages: (o) => {
        out({ event: 'listing' });
        return real.listBackgroundCheckPackages(o);
      },
    };
    clients.set(accountId, client);
  }
  return client;
}

const unfinished = () =>
  cache.db.prepare("SELECT count(*) AS n FROM package_jobs WHERE state <> 'done'").get() as {
    n: number;
  };
let finished = false;
const check = () => {
  if (!finished && unfinished().n === 0) {
    finished = true;
    out({ event: 'done' });
  }
};
const queue = new PackageQueue({
  cache,
  writer,
  logger: silentLogger,
  retry: { baseDelayMs: 20, maxDelayMs: 100 },
  onChange: check,
});
await queue.start({ clients: clientFor });
out({ event: 'started' });
check();
setInterval(() => undefined, 60_000);
