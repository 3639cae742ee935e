/**
 * `npm run bench:results`: 1,000 results through the desk's outbox into the sandbox, as the desk
 * sends them: queued with `results:send` (one durable write each), then sent by the Outbox with the
 * desk's StackOne client (no client retries; the outbox stores and schedules every attempt) under
 * the budget the desk gives the embedded sandbox. Figures: bench/README.md.
 *
 * The sandbox runs in a child process (this same file with BENCH_RESULTS_SERVE=1), so the event loop measured
 * is the desk's alone. It injects 503s (Retry-After 1 s) at BENCH_503_RATE (default 0.01) so the
 * retry path is part of the figure. Prints results/s, requests per result, the event loop's p99
 * and max delay during the sends (target p99 < 50 ms), and `lost results: N` (results the sandbox
 * never accepted; must be 0).
 *
 * Environment: BENCH_RESULTS (1000), BENCH_IN_FLIGHT (the outbox's maxInFlight, default 8).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { stackOneSender } from '../src-main/outbox';
import { createStackOneClient, NO_RETRY, RequestBudget } from '../src-main/stackone';
import { spawnLineChild } from '../test/testing/line-child';
import { createResultsWorld, sandboxOrderInputs } from '../test/testing/results-world';

const RESULTS = Number(process.env.BENCH_RESULTS ?? 1_000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 8);
const RATE_503 = Number(process.env.BENCH_503_RATE ?? 0.01);
/** What the desk gives its embedded sandbox (workspace-runtime.ts). */
const SANDBOX_BUDGET = { limit: 100_000, windowMs: 60_000 };

if (process.env.BENCH_RESULTS_SERVE === '1') await serve();
else await bench();

async function serve(): Promise<void> {
  const { startSandbox } = await import('../src-sandbox');
  const sb = await startSandbox({
    seed: 'bench-results',
    accounts: 3,
    orders: RESULTS,
    requestLogLimit: 100_000,
  });
  // Every account lenient: the bench measures sending, not an ATS's refusals.
  for (const a of sb.accounts) {
    sb.inspect.setResultRules(a.id, {
      requireResultUrlForFinal: false,
      refuseChangeAfterFinal: false,
    });
  }
  sb.inspect.faults.set({ errorRates: { '503': RATE_503 }, retryAfterSeconds: 1 });
  process.stdout.write(
    `${JSON.stringify({ event: 'ready', url: sb.url, apiKey: sb.apiKey, orders: sb.inspect.orders() })}\n`,
  );
  setInterval(() => undefined, 60_000);
}

async function bench(): Promise<void> {
  const child = spawnLineChild(fileURLToPath(import.meta.url), {
    BENCH_RESULTS: String(RESULTS),
    BENCH_RESULTS_SERVE: '1',
  });
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-results-'));
  try {
    const ready = (await child.next('ready', 60_000)) as {
      url: string;
      apiKey: string;
      orders: Parameters<typeof sandboxOrderInputs>[0];
    };
    const orders = ready.orders.slice(0, RESULTS);
    const world = await createResultsWorld({
      path: join(dir, 'cache.sqlite'),
      orderInputs: sandboxOrderInputs(orders),
      outbox: { maxInFlight: IN_FLIGHT, notifyDelayMs: 100 },
    });

    let started = performance.now();
    for (const [i, o] of orders.entries()) {
      await world.call('results:send', {
        accountId: o.account_id,
        orderId: o.id,
        values: {
          result: i % 4 === 0 ? 'failed' : 'passed',
          resultUrl: `https://reports.example.com/r/${o.id}`,
          score: { label: 'Percentage', value: String(i % 101), min: '0', max: '100' },
          summary: `Result ${i}: a summary of a few words, as a coordinator writes it.`,
          submissionDate: '2026-12-06T10:00:00+01:00',
        },
      });
    }
    const queueMs = performance.now() - started;

    const budget = new RequestBudget(SANDBOX_BUDGET);
    const clients = new Map<string, ReturnType<typeof createStackOneClient>>();
    const sender = stackOneSender((accountId) => {
      let c = clients.get(accountId);
      if (!c) {
        c = createStackOneClient({
          baseUrl: ready.url,
          apiKey: ready.apiKey,
          accountId,
          budget,
          retry: NO_RETRY,
        });
        clients.set(accountId, c);
      }
      return c;
    });
    let requests = 0;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    started = performance.now();
    loop.enable();
    await world.restartOutbox(async (job, signal) => {
      requests++;
      return sender(job, signal);
    });
    // Retries wait for their time (Retry-After); drained() returns while they wait.
    while (world.cache.results.counts().sent < RESULTS) {
      await world.outbox.drained();
      const next = world.cache.results.nextAttemptAt();
      if (next !== null)
        await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(next) - Date.now()) + 10));
    }
    loop.disable();
    const sendMs = performance.now() - started;
    const counts = world.cache.results.counts();
    await world.close();

    const res = await fetch(`${ready.url}/_sandbox/results`);
    const writes = (await res.json()) as { orderId: string; status: number }[];
    const accepted = new Set(writes.filter((w) => w.status === 200).map((w) => w.orderId));
    const lost = orders.filter((o) => !accepted.has(o.id)).length;

    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    console.log(
      `bench:results — ${RESULTS} results, outbox maxInFlight ${IN_FLIGHT}, injected 503 rate ${RATE_503}`,
    );
    console.log(
      `queued: ${RESULTS} results:send in ${(queueMs / 1000).toFixed(2)} s (${(RESULTS / (queueMs / 1000)).toFixed(0)}/s, one durable write each)`,
    );
    console.log(
      `${(RESULTS / (sendMs / 1000)).toFixed(0)} results/s (${(sendMs / 1000).toFixed(2)} s to send all, retries included)`,
    );
    console.log(
      `requests per result: ${(requests / RESULTS).toFixed(3)} (${requests} PATCHes; outbox sent ${counts.sent}, parked ${counts.parked})`,
    );
    console.log(
      `event-loop p99 ${ms(loop.percentile(99))} ms, max ${ms(loop.max)} ms during sends`,
    );
    console.log(`lost results: ${lost}`);
    if (lost > 0) process.exitCode = 1;
  } finally {
    await child.kill9();
    rmSync(dir, { recursive: true, force: true });
  }
}
