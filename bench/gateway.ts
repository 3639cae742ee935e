/**
 * `npm run bench:gateway`: sustained webhook intake and feed read rate of a gateway child process
 * over loopback (the gateway runs in its own process, so the sender does not share its event loop).
 *
 * For 1, 8 and 64 concurrent senders (keep-alive connections, one in flight each): webhooks/s and
 * p50/p99 latency of signed order webhooks, each committed (WAL, synchronous=FULL) before its 2xx.
 * Then the feed: events/s reading the whole feed from the start with limit=500.
 *
 * BENCH_SECONDS (default 5) sets the duration of each concurrency level. The gateway logs at
 * `warn`, so per-request logging is not measured.
 */
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeedPageSchema } from '../src-shared/gateway';
import { createHmac } from 'node:crypto';
import { SIGNATURE_HEADER, signWebhook } from '../src-shared/webhooks/signature';
import { spawnGatewayChild } from '../src-gateway/testing/child';
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

async function runLevel(base: URL, concurrency: number, seconds: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const body = orderEventBody(nextEvent++);
      const signature = sign(body);
      const started = performance.now();
      const status = await post(agent, base, body, signature);
      latencies.push(performance.now() - started);
      if (status !== 200) errors++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
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

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'gw-bench-'));
  const dbPath = join(dir, 'gateway.db');
  const gateway = await spawnGatewayChild({
    dbPath,
    webhookSecrets: [SECRET],
    feedToken: FEED_TOKEN,
    logLevel: 'warn',
  });
  try {
    const base = new URL(gateway.url);
    const probe = orderEventBody(-1);
    if (sign(probe) !== (await signWebhook(probe, SECRET))) throw new Error('bench signer drifted');
    console.log(`gateway child at ${gateway.url}, db ${dbPath} (WAL, synchronous=FULL)`);
    await runLevel(base, 8, 0.5); // warm-up: JIT, connections, SQLite pages
    console.log(`\nwebhook intake, ${SECONDS}s per level, loopback, keep-alive:`);
    console.log('senders  requests  errors   webhooks/s   p50 ms   p99 ms');
    for (const level of LEVELS) {
      const r = await runLevel(base, level, SECONDS);
      console.log(
        `${String(r.concurrency).padStart(7)}  ${String(r.requests).padStart(8)}  ${String(r.errors).padStart(6)}  ${r.perSecond.toFixed(0).padStart(11)}  ${r.p50.toFixed(2).padStart(7)}  ${r.p99.toFixed(2).padStart(7)}`,
      );
    }

    console.log('\nfeed read (the whole feed from the start, limit=500, best of 3):');
    for (const validate of [false, true]) {
      let best = { events: 0, seconds: Infinity, bytes: 0 };
      for (let pass = 0; pass < 3; pass++) {
        const r = await readWholeFeed(gateway.url, validate);
        if (r.seconds < best.seconds) best = r;
      }
      const label = validate ? 'JSON.parse + FeedPageSchema (as the desk)' : 'JSON.parse only';
      console.log(
        `  ${label.padEnd(42)} ${best.events} events in ${best.seconds.toFixed(2)}s = ${(best.events / best.seconds).toFixed(0)} events/s (${(best.bytes / 1e6 / best.seconds).toFixed(1)} MB/s)`,
      );
    }
    console.log(`\ndatabase size: ${(statSync(dbPath).size / 1e6).toFixed(1)} MB`);
  } finally {
    gateway.kill('SIGTERM');
    await gateway.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
