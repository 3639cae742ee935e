/**
 * Queue query benchmark: fills a temporary workspace cache with N orders (default 100k, plus
 * their candidates, applications and jobs, ~1 KB of raw JSON each), prints insert and upsert
 * rates, then the p95 of every queue query the UI sends (bench/queue-queries.ts), flagging any
 * over 30 ms. One customer joined late (their orders all recent).
 *
 *   npm run bench:queries            # 100k orders
 *   npm run bench:queries -- 20000   # another size
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspaceCache, type WorkspaceCache } from '../src-main/cache';
import { generateWorkspace } from '../src-main/cache/testing/test-data';
import { measureQueueQueries } from './queue-queries';

const ORDER_COUNT = Number(process.argv[2] ?? 100_000);
const RUNS = 20;
const dir = mkdtempSync(join(tmpdir(), 'cache-bench-'));
const now = Date.parse('2026-06-01T12:00:00.000Z');

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/**
 * Wall time and this process's CPU time: on a shared, loaded machine the wall time of a long
 * insert is mostly waiting for a core, and the CPU time is what the cache itself costs.
 */
function timeBoth(fn: () => void): { wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const wall = time(fn);
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Fills `cache` with the generated workspace and prints the write rates. A function of its own so
 * that the fixture (~300k objects) is garbage before the queries are measured: the desk's main
 * process holds no such heap, and collecting it would pause the queries it measures.
 */
function fill(cache: WorkspaceCache): void {
  const generated = generateWorkspace({ orders: ORDER_COUNT, now });
  // The last customer joined a month ago: all their orders arrived since, clustered at the recent
  // end of the time indexes, as a late or small customer's are in real data (issue 5's slow
  // customer pages). The other customers' span the year the generator gives them.
  const late = generated.accounts.at(-1)?.id;
  const data = {
    ...generated,
    orders: generated.orders.map((o, i) =>
      o.accountId === late && Date.parse(o.receivedAt) < now - 30 * 864e5
        ? { ...o, receivedAt: new Date(now - ((i * 7919) % (30 * 86_400)) * 1000).toISOString() }
        : o,
    ),
  };
  const records =
    data.candidates.length + data.applications.length + data.jobs.length + data.orders.length;
  // Orders first, then the records behind them: the realistic arrival order, and the path that
  // exercises the denormalized-column updates.
  const ordersMs = timeBoth(() => cache.transaction(() => cache.orders.upsertOrders(data.orders)));
  const restMs = timeBoth(() =>
    cache.transaction(() => {
      cache.accounts.upsertAccounts(data.accounts);
      for (const p of data.packages) cache.packages.upsertPackages(p.kind, p.rows);
      cache.jobs.upsertJobs(data.jobs);
      cache.candidates.upsertCandidates(data.candidates);
      cache.applications.upsertApplications(data.applications);
    }),
  );
  // As the desk's sync does after storing this many orders (SyncTuning.compactSearchAfterOrders).
  const compactMs = timeBoth(() => cache.orders.compactSearch());
  console.log(
    `search indexes compacted in ${compactMs.wall.toFixed(0)} ms (CPU ${compactMs.cpu.toFixed(0)} ms)`,
  );
  console.log(
    `orders: ${ORDER_COUNT} in one transaction: ${ordersMs.wall.toFixed(0)} ms = ${perSecond(ORDER_COUNT, ordersMs.wall)} rows/s (CPU time: ${perSecond(ORDER_COUNT, ordersMs.cpu)} rows/s)`,
  );
  const others = records - data.orders.length;
  console.log(
    `candidates+applications+jobs (+ denormalizing onto orders): ${others} in ${restMs.wall.toFixed(0)} ms = ${perSecond(others, restMs.wall)} rows/s (CPU time: ${perSecond(others, restMs.cpu)} rows/s)`,
  );
  // The order the sync engine really writes in: jobs, packages and candidates before the orders
  // that reference them (so orders are denormalized at insert), applications beside the orders.
  {
    const other = openWorkspaceCache(join(dir, 'sync-order.sqlite'));
    const all = timeBoth(() => {
      other.transaction(() => {
        other.accounts.upsertAccounts(data.accounts);
        for (const p of data.packages) other.packages.upsertPackages(p.kind, p.rows);
        other.jobs.upsertJobs(data.jobs);
        other.candidates.upsertCandidates(data.candidates);
      });
      other.transaction(() => other.orders.upsertOrders(data.orders));
      other.transaction(() => other.applications.upsertApplications(data.applications));
    });
    other.close();
    console.log(
      `all ${records} records in the sync's order (records, then orders): ${all.wall.toFixed(0)} ms = ${perSecond(records, all.wall)} rows/s (CPU time: ${perSecond(records, all.cpu)} rows/s)`,
    );
  }
  const unchangedOrdersMs = time(() =>
    cache.transaction(() => cache.orders.upsertOrders(data.orders)),
  );
  const unchangedCandidatesMs = time(() =>
    cache.transaction(() => cache.candidates.upsertCandidates(data.candidates)),
  );
  console.log(
    `unchanged upsert: orders ${Math.round(ORDER_COUNT / (unchangedOrdersMs / 1000))} rows/s, candidates ${Math.round(data.candidates.length / (unchangedCandidatesMs / 1000))} rows/s`,
  );
  const pageOf100 = data.orders.slice(0, 100).map((o) => ({ ...o, updatedAt: `${o.updatedAt}-2` }));
  const pageRuns: number[] = [];
  for (let i = 0; i < 20; i++)
    pageRuns.push(time(() => cache.transaction(() => cache.orders.upsertOrders(pageOf100))));
  pageRuns.sort((a, b) => a - b);
  console.log(
    `one sync page of 100 changed orders (one transaction): p50 ${percentile(pageRuns, 50).toFixed(2)} ms`,
  );
}

try {
  const cache = openWorkspaceCache(join(dir, 'cache.sqlite'));
  fill(cache);
  cache.db.pragma('optimize');

  // The queue queries the UI sends, measured by the module bench/sync.ts can reuse.
  measureQueueQueries(cache, { now, runs: RUNS });
  cache.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
