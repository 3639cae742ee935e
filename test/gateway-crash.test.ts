import { afterAll, describe, expect, it } from 'vitest';
import { FeedPageSchema, type FeedEvent } from '../src-shared/gateway';
import { spawnGatewayChild, type GatewayChild } from '../src-gateway/testing/child';
import { WebhookEmitter } from '../src-sandbox/webhooks/emitter';
import type { WebhookEvent } from '../src-sandbox/webhooks/payload';
import {
  fireBurst,
  orderEventBody,
  signAll,
  type DeliveryOutcome,
} from '../src-gateway/testing/webhooks';
import { newGatewayDatabase } from '../src-gateway/testing/stores';
import type { TestDatabase } from '../src-gateway/testing/postgres';

/**
 * Durability across a crash: a gateway child process is SIGKILLed in the middle of a burst of
 * 1,000 signed webhooks, restarted on the same database, and the sender redelivers what was not
 * acknowledged (plus some that were). Every webhook that got a 2xx must be in the feed, and no
 * event may appear twice.
 *
 * Two senders: `fireBurst` (src-gateway/testing), where the test redelivers explicitly, and the
 * sandbox's own `WebhookEmitter`, which retries with backoff to the same URL while the gateway is
 * down, as StackOne would. Bodies use the sandbox's payload format.
 */

const SECRET = 'crash-test-secret';
const FEED_TOKEN = 'crash-test-feed-token';
const TOTAL = 1000;
const KILL_AFTER_ACKS = 300;

const children: GatewayChild[] = [];
const databases: TestDatabase[] = [];

afterAll(async () => {
  for (const c of children) {
    c.kill();
    await c.exited;
  }
  for (const d of databases) await d.drop();
});

/** A database (SQLite file or PostgreSQL) that outlives the gateway process. */
async function newDatabase(): Promise<string> {
  const db = await newGatewayDatabase({ shared: true });
  databases.push(db);
  return db.url;
}

async function start(db: string, port = 0): Promise<GatewayChild> {
  const child = await spawnGatewayChild({
    dbPath: db,
    port,
    webhookSecrets: [SECRET],
    feedToken: FEED_TOKEN,
  });
  children.push(child);
  return child;
}

async function readWholeFeed(url: string): Promise<FeedEvent[]> {
  const events: FeedEvent[] = [];
  let after = '';
  for (;;) {
    const res = await fetch(`${url}/v1/order-events?limit=500${after}`, {
      headers: { authorization: `Bearer ${FEED_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const page = FeedPageSchema.parse(await res.json());
    events.push(...page.events);
    if (!page.hasMore) return events;
    after = `&after=${page.nextCursor}`;
  }
}

describe('gateway crash durability', () => {
  it('keeps every acknowledged webhook, once, across kill -9 and restart', async () => {
    const items = await signAll(
      Array.from({ length: TOTAL }, (_, i) =>
        orderEventBody(i, i % 4 === 0 ? 'background_check' : 'assessment'),
      ),
      SECRET,
    );
    const eventIdOf = (index: number) => (JSON.parse(items[index]!.body) as { id: string }).id;

    const db = await newDatabase();
    let gateway = await start(db);
    const acked = new Set<number>();
    let killedAt: number | null = null;
    const first = await fireBurst({
      url: () => gateway.url,
      items,
      concurrency: 16,
      onOutcome: (o: DeliveryOutcome) => {
        if (o.status !== null && o.status >= 200 && o.status < 300) acked.add(o.index);
        if (killedAt === null && acked.size >= KILL_AFTER_ACKS) {
          killedAt = acked.size;
          gateway.kill('SIGKILL');
        }
      },
    });
    await gateway.exited;
    expect(killedAt).not.toBeNull();
    // The whole process group died, including tsx's node grandchild that held the socket.
    const oldUrl = gateway.url;
    await expect(fetch(`${oldUrl}/healthz`)).rejects.toThrow();
    const failed = first.filter((o) => o.status === null).map((o) => o.index);
    // The kill really landed mid-burst: some deliveries got no answer.
    expect(failed.length).toBeGreaterThan(0);
    expect(first.every((o) => o.status === null || o.status === 200)).toBe(true);

    gateway = await start(db);
    // Redeliver what got no 2xx, as StackOne would, and some that did (must dedupe across restart).
    const redeliver = [...failed, ...[...acked].slice(0, 100)];
    const second = await fireBurst({
      url: () => gateway.url,
      items: redeliver.map((i) => items[i]!),
      concurrency: 16,
    });
    expect(second.map((o) => o.status)).toEqual(second.map(() => 200));

    const events = await readWholeFeed(gateway.url);
    console.log(
      `crash test: ${acked.size} acked before the kill, ${failed.length} unanswered, ${events.length} events after restart`,
    );
    const counts = new Map<string, number>();
    for (const e of events) counts.set(e.eventId ?? e.id, (counts.get(e.eventId ?? e.id) ?? 0) + 1);
    const missing = [...acked].map(eventIdOf).filter((id) => !counts.has(id));
    expect(missing).toEqual([]);
    expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
    expect(events).toHaveLength(TOTAL);
    expect(events.every((e) => e.flagged === null && e.order !== null)).toBe(true);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    gateway.kill('SIGTERM');
    await gateway.exited;
  }, 60_000);

  it('keeps every webhook the sandbox emitter saw acknowledged, once, when it retries through a crash', async () => {
    const db = await newDatabase();
    let gateway = await start(db);
    const port = Number(new URL(gateway.url).port);
    const emitter = new WebhookEmitter({
      urls: [`${gateway.url}/webhooks/stackone`],
      secret: SECRET,
      concurrency: 16,
      maxAttempts: 60,
      baseDelayMs: 20,
      maxDelayMs: 300,
      timeoutMs: 5_000,
    });
    const events = Array.from(
      { length: TOTAL },
      (_, i) =>
        JSON.parse(
          orderEventBody(i, i % 3 === 0 ? 'background_check' : 'assessment'),
        ) as WebhookEvent,
    );

    // Crash and restart on the same port once KILL_AFTER_ACKS deliveries were acknowledged; the
    // emitter's retries then reach the new process at the same URL.
    let ackedAtKill = 0;
    const restarted = new Promise<void>((resolve, reject) => {
      const watch = setInterval(() => {
        if (emitter.acknowledgedEventIds().length < KILL_AFTER_ACKS) return;
        clearInterval(watch);
        ackedAtKill = emitter.acknowledgedEventIds().length;
        gateway.kill('SIGKILL');
        gateway.exited
          .then(() => start(db, port))
          .then((next) => {
            gateway = next;
            resolve();
          }, reject);
      }, 2);
    });
    const records = (await Promise.all(events.map((e) => emitter.enqueue(e)))).flat();
    await restarted;
    expect(ackedAtKill).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(records.filter((r) => r.state !== 'delivered')).toEqual([]);
    // Some deliveries really did fail while the gateway was down and were retried.
    expect(emitter.deliveries().filter((a) => a.status === null).length).toBeGreaterThan(0);

    // Redeliver a hundred acknowledged events: the restarted gateway must dedupe them.
    await Promise.all(events.slice(0, 100).map((e) => emitter.enqueue(e)));
    emitter.close();

    const feed = await readWholeFeed(gateway.url);
    const ids = feed.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    const inFeed = new Set(ids);
    expect(emitter.acknowledgedEventIds().filter((id) => !inFeed.has(id))).toEqual([]);
    expect(feed).toHaveLength(TOTAL);
    console.log(
      `crash test (sandbox emitter): ${ackedAtKill} acked at the kill, ${emitter.deliveries().length} attempts, ${feed.length} events after restart`,
    );

    gateway.kill('SIGTERM');
    await gateway.exited;
  }, 60_000);
});
