/**
 * `npm run bench:gateway [-- --db postgres://…]`: sustained webhook intake and feed read rate of
 * gateway child processes over loopback (the gateways run in their own processes, so the sender
 * does not share their event loop).
 *
 * Setups, side by side in one run: the SQLite store (one instance; WAL, synchronous=FULL), and with
 * `--db` (or GATEWAY_DB) naming a PostgreSQL server, the PostgreSQL store with one instance and
 * with two instances sharing one database (senders spread over both, as behind a load balancer).
 * Each PostgreSQL setup gets a fresh database on that server (its role needs CREATEDB), dropped
 * afterwards.
 *
 * For 1, 8 and 64 concurrent senders (keep-alive connections, one in flight each): webhooks/s and
 * p50/p99 latency of signed order webhooks, each committed before its 2xx. Then the feed: events/s
 * reading the whole feed from the start with limit=500.
 *
 * BENCH_SECONDS (default 5) sets the duration of each concurrency level. The gateways log at
 * `warn`, so per-request logging is not measured.
 */
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeedPageSchema } from '../src-shared/gateway';
import { createHmac } from 'node:crypto';
import { SIGNATURE_HEADER, signWebhook } from '../src-shared/webhooks/signature';
import { parseArgs } from 'node:util';
import { spawnGatewayChild, type GatewayChild } from '../src-gateway/testing/child';
import { createTestDatabase } from '../src-gateway/testing/postgres';
import { orderEventBody } from '../src-gateway/testing/webhooks';

const SECRET = 'bench-webhook-secret';
const FEED_TOKEN = 'bench-feed-token';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const LEVELS = [1, 8, 64];

function post(agent: Agent, url: URL, body: string, signature: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/webhooks/stackone',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          [SIGNATURE_HEADER]: signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Same value as the shared `signWebhook` (base64url HMAC-SHA256; the gateway would answer 401
 * otherwise, counted as errors), computed synchronously so the sender spends little CPU on a
 * 2-core machine it shares with the gateway.
 */
function sign(body: string): string {
  return createHmac('sha256', SECRET).update(body).digest('base64url');
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

let nextEvent = 0;

/** Senders are spread over the instances round-robin, each with its own keep-alive connection. */
async function runLevel(bases: readonly URL[], concurrency: number, seconds: number) {
  const agents = bases.map(() => new Agent({ keepAlive: true, maxSockets: concurrency }));
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async (w: number) => {
    const target = w % bases.length;
    while (performance.now() < deadline) {
      const body = orderEventBody(nextEvent++);
      const signature = sign(body);
      const started = performance.now();
      const status = await post(agents[target]!, bases[target]!, body, signature);
      latencies.push(performance.now() - started);
      if (status !== 200) errors++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsed = (performance.now() - started) / 1000;
  for (const agent of agents) agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    requests: latencies.length,
    errors,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function readWholeFeed(
  base: string,
  validate: boolean,
): Promise<{ events: number; seconds: number; bytes: number }> {
  let after = '';
  let events = 0;
  let bytes = 0;
  const started = performance.now();
  for (;;) {
    const res = await fetch(`${base}/v1/order-events?limit=500${after}`, {
      headers: { authorization: `Bearer ${FEED_TOKEN}` },
    });
    const text = await res.text();
    bytes += text.length;
    const json = JSON.parse(text) as { events: unknown[]; nextCursor: string; hasMore: boolean };
    const page = validate ? FeedPageSchema.parse(json) : json;
    events += page.events.length;
    if (!page.hasMore) break;
    after = `&after=${page.nextCursor}`;
  }
  return { events, seconds: (performance.now() - started) / 1000, bytes };
}

interface Setup {
  label: string;
  instances: number;
  /** A fresh database: its `--db` value, and how to remove it. */
  database(): Promise<{ db: string; drop(): Promise<void> }>;
}

interface LevelResult {
  setup: string;
  concurrency: number;
  perSecond: number;
  p99: number;
}

async function runSetup(setup: Setup): Promise<LevelResult[]> {
  const { db, drop } = await setup.database();
  const gateways: GatewayChild[] = [];
  const results: LevelResult[] = [];
  try {
    for (let i = 0; i < setup.instances; i++) {
      gateways.push(
        await spawnGatewayChild({
          dbPath: db,
          webhookSecrets: [SECRET],
          feedToken: FEED_TOKEN,
          logLevel: 'warn',
        }),
      );
    }
    const bases = gateways.map((g) => new URL(g.url));
    console.log(`\n== ${setup.label}: ${gateways.map((g) => g.url).join(', ')}`);
    await runLevel(bases, 8, 0.5); // warm-up: JIT, connections, database pages
    console.log(`webhook intake, ${SECONDS}s per level, loopback, keep-alive:`);
    console.log('senders  requests  errors   webhooks/s   p50 ms   p99 ms');
    for (const level of LEVELS) {
      const r = await runLevel(bases, level, SECONDS);
      results.push({ setup: setup.label, concurrency: level, perSecond: r.perSecond, p99: r.p99 });
      console.log(
        `${String(r.concurrency).padStart(7)}  ${String(r.requests).padStart(8)}  ${String(r.errors).padStart(6)}  ${r.perSecond.toFixed(0).padStart(11)}  ${r.p50.toFixed(2).padStart(7)}  ${r.p99.toFixed(2).padStart(7)}`,
      );
    }
    console.log('feed read (the whole feed from the start, limit=500, best of 3):');
    for (const validate of [false, true]) {
      let best = { events: 0, seconds: Infinity, bytes: 0 };
      for (let pass = 0; pass < 3; pass++) {
        const r = await readWholeFeed(gateways[0]!.url, validate);
        if (r.seconds < best.seconds) best = r;
      }
      const label = validate ? 'JSON.parse + FeedPageSchema (as the desk)' : 'JSON.parse only';
      console.log(
        `  ${label.padEnd(42)} ${best.events} events in ${best.seconds.toFixed(2)}s = ${(best.events / best.seconds).toFixed(0)} events/s (${(best.bytes / 1e6 / best.seconds).toFixed(1)} MB/s)`,
      );
    }
  } finally {
    for (const g of gateways) {
      g.kill('SIGTERM');
      await g.exited;
    }
    await drop();
  }
  return results;
}

async function main() {
  const { values } = parseArgs({ options: { db: { type: 'string' } } });
  const postgres = values.db ?? process.env.GATEWAY_DB;
  if (postgres !== undefined && !/^postgres(ql)?:\/\//.test(postgres)) {
    throw new Error('--db names a PostgreSQL server: postgres://user@host:port/database');
  }
  const probe = orderEventBody(-1);
  if (sign(probe) !== (await signWebhook(probe, SECRET))) throw new Error('bench signer drifted');

  const sqlite: Setup = {
    label: 'SQLite, 1 instance',
    instances: 1,
    database: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gw-bench-'));
      return {
        db: join(dir, 'gateway.db'),
        drop: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  };
  const onPostgres = (instances: number): Setup => ({
    label: `PostgreSQL, ${instances} instance${instances > 1 ? 's' : ''}`,
    instances,
    database: async () => {
      const created = await createTestDatabase(postgres!);
      return { db: created.url, drop: created.drop };
    },
  });
  const setups = postgres ? [sqlite, onPostgres(1), onPostgres(2)] : [sqlite];
  if (!postgres) console.log('(pass --db postgres://… to compare the PostgreSQL store)');

  const results: LevelResult[] = [];
  for (const setup of setups) results.push(...(await runSetup(setup)));

  console.log('\nside by side (target >= 2000 webhooks/s with p99 < 50 ms):');
  console.log(`senders  ${setups.map((s) => s.label.padStart(30)).join('')}`);
  for (const level of LEVELS) {
    const cells = setups.map((s) => {
      const r = results.find((x) => x.setup === s.label && x.concurrency === level)!;
      return `${r.perSecond.toFixed(0)}/s p99 ${r.p99.toFixed(1)} ms`.padStart(30);
    });
    console.log(`${String(level).padStart(7)}  ${cells.join('')}`);
  }
}

await main();
