import { afterAll, describe, expect, it } from 'vitest';
import type { FeedEvent } from '../src-shared/gateway';
import { createGatewayClient, GatewayClientError } from '../src-main/sync/gateway-client';
import { spawnGatewayChild, type GatewayChild } from '../src-gateway/testing/child';
import type { TestDatabase } from '../src-gateway/testing/postgres';
import { gatewayStoreKind, newGatewayDatabase } from '../src-gateway/testing/stores';
import { fireBurst, orderEventBody, signAll } from '../src-gateway/testing/webhooks';

/**
 * Several gateway instances on one PostgreSQL database, as behind a load balancer: 2,000 signed
 * webhooks spread over two gateway processes, one of them SIGKILLed mid-burst and restarted, what
 * got no answer redelivered (as StackOne would). Meanwhile three desks poll the feed with the
 * desk's own gateway client, each page from the other instance. Every desk must end with every
 * acknowledged webhook exactly once, in increasing seq; a catalog published through one instance
 * is served by the other. Several instances are a PostgreSQL
 * feature; the SQLite project skips this file's test.
 */

const SECRET = 'instances-test-secret';
const FEED_TOKEN = 'instances-test-feed-token';
const TOTAL = 2000;
const KILL_AFTER_ACKS = 600;
const DESKS = 3;

const children: GatewayChild[] = [];
let database: TestDatabase | null = null;

afterAll(async () => {
  for (const c of children) {
    c.kill();
    await c.exited;
  }
  await database?.drop();
});

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

/**
 * A desk behind a load balancer: it reads the next page from the other instance each time, and
 * when an instance is unreachable it tries the other one. Stops after a page read once `done()`
 * came back empty.
 */
async function pollingDesk(
  instances: readonly (() => string)[],
  done: () => boolean,
): Promise<FeedEvent[]> {
  const events: FeedEvent[] = [];
  let cursor: string | null = null;
  for (let turn = 0; ; turn++) {
    const finished = done();
    const client = createGatewayClient({
      baseUrl: instances[turn % instances.length]!(),
      token: FEED_TOKEN,
      retry: { maxAttempts: 1 },
    });
    try {
      const page = await client.readFeed(cursor, { limit: 200 });
      expect(page.invalid).toEqual([]);
      events.push(...page.events);
      cursor = page.nextCursor;
      if (finished && page.events.length === 0) return events;
      if (page.events.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    } catch (error) {
      if (!(error instanceof GatewayClientError && error.kind === 'unreachable')) throw error;
    }
  }
}

describe.runIf(gatewayStoreKind() === 'postgres')(
  'several gateway instances on one database',
  () => {
    it('keeps every acknowledged webhook exactly once for three desks, across a SIGKILL of one instance', async () => {
      database = await newGatewayDatabase({ shared: true });
      const db = database.url;
      const items = await signAll(
        Array.from({ length: TOTAL }, (_, i) =>
          orderEventBody(i, i % 4 === 0 ? 'background_check' : 'assessment'),
        ),
        SECRET,
      );
      const eventIdOf = (index: number) => (JSON.parse(items[index]!.body) as { id: string }).id;

      const a = await start(db);
      let b = await start(db);
      const bPort = Number(new URL(b.url).port);
      const urls = [() => a.url, () => b.url];

      let sending = true;
      const desks = Array.from({ length: DESKS }, (_, d) =>
        pollingDesk(d % 2 === 0 ? urls : [...urls].reverse(), () => !sending),
      );

      const acked = new Set<number>();
      let sent = 0;
      let restarted: Promise<void> | null = null;
      const first = await fireBurst({
        url: () => urls[sent++ % 2]!(),
        items,
        concurrency: 16,
        onOutcome: (o) => {
          if (o.status === 200) acked.add(o.index);
          if (restarted === null && acked.size >= KILL_AFTER_ACKS) {
            b.kill('SIGKILL');
            restarted = b.exited.then(async () => {
              b = await start(db, bPort);
            });
          }
        },
      });
      await restarted;
      expect(restarted).not.toBeNull();
      const unanswered = first.filter((o) => o.status !== 200).map((o) => o.index);
      // The kill landed mid-burst: some deliveries to the killed instance got no answer.
      expect(unanswered.length).toBeGreaterThan(0);
      expect(first.every((o) => o.status === null || o.status === 200)).toBe(true);

      // Redeliver what got no answer, and a hundred that did (both instances must dedupe them).
      const second = await fireBurst({
        url: () => urls[sent++ % 2]!(),
        items: [...unanswered, ...[...acked].slice(0, 100)].map((i) => items[i]!),
        concurrency: 16,
      });
      expect(second.map((o) => o.status)).toEqual(second.map(() => 200));
      sending = false;

      const expected = items.map((_, i) => eventIdOf(i));
      for (const [d, events] of (await Promise.all(desks)).entries()) {
        const counts = new Map<string, number>();
        for (const e of events) counts.set(e.eventId!, (counts.get(e.eventId!) ?? 0) + 1);
        const lost = expected.filter((id) => !counts.has(id)).length;
        const duplicated = [...counts.values()].filter((n) => n > 1).length;
        console.log(
          `instances test, desk ${d + 1}: ${events.length} events, lost ${lost}, duplicated ${duplicated} (${acked.size} acked in the first burst, ${unanswered.length} redelivered)`,
        );
        expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
        const seqs = events.map((e) => e.seq);
        expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      }

      // The catalog published through one instance is what the other serves.
      const published = await createGatewayClient({
        baseUrl: a.url,
        token: FEED_TOKEN,
      }).publishCatalog({
        packages: [{ id: 'pkg_js', name: 'JavaScript', description: null }],
      });
      const served = await createGatewayClient({ baseUrl: b.url, token: FEED_TOKEN }).getCatalog();
      expect(served).toEqual(published);
    }, 180_000);
  },
);
