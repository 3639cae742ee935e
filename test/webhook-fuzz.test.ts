import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEventBody } from '../src-gateway/testing/webhooks';
import { startWebhookDesk, type WebhookDesk } from './testing/webhook-desk';
import { createRng } from '../src-sandbox/data/random';

/**
 * Fuzz: 1,200 webhooks, most of them malformed (nesting, size, encodings, signatures, truncated
 * JSON, wrong types, huge strings, duplicates), mixed with valid orders, through a real gateway
 * into a desk's sync. In the end every valid order is in the cache, every bad event the gateway
 * accepted is stored there and quarantined by the desk with a reason, none is lost, and every
 * badly signed one was refused with 401. Seeded, so every run sends the same bytes.
 */

const ACCOUNT = 'acct_sandbox_1';
const OLD_SECRET = 'whsec-fuzz-old-0001';
const RETIRED_SECRET = 'whsec-fuzz-retired-0002';
const COUNT = 1_200;

type Expect = 'order' | 'quarantined' | 'refused_401' | 'refused_413' | 'duplicate';

interface Case {
  kind: string;
  body: Uint8Array;
  expect: Expect;
  /** The order id a valid case must leave in the cache. */
  orderId?: string;
  secret?: string;
  signature?: string | null;
  contentType?: string;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

function orderBody(n: number, patch: (o: Record<string, unknown>) => void = () => {}): string {
  const event = JSON.parse(orderEventBody(n)) as Record<string, unknown>;
  event.id = `evt_fuzz_${n}`;
  (event.data as Record<string, unknown>).id = `ord_fuzz_${n}`;
  patch(event);
  return JSON.stringify(event);
}

function generate(random: () => number): Case[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const cases: Case[] = [];
  const valid = (n: number, body: Uint8Array, extra: Partial<Case> = {}): Case => ({
    kind: 'valid',
    body,
    expect: 'order',
    orderId: `ord_fuzz_${n}`,
    ...extra,
  });
  const makers: ((n: number) => Case)[] = [
    (n) => valid(n, utf8(orderBody(n))),
    (n) => valid(n, utf8(orderBody(n)), { kind: 'valid, old secret', secret: OLD_SECRET }),
    (n) => valid(n, utf8(`\uFEFF${orderBody(n)}`), { kind: 'valid with BOM' }),
    (n) => valid(n, utf8(orderBody(n)), { kind: 'wrong content type', contentType: 'text/plain' }),
    (n) =>
      valid(
        n,
        utf8(
          orderBody(n, (e) => {
            (e.data as { candidate: { name: string } }).candidate.name = 'x'.repeat(100_000);
          }),
        ),
        { kind: 'huge string' },
      ),
    (n) => {
      const depth = 101 + Math.floor(random() * 10_000);
      const body = orderBody(n).replace(
        '"remote_id"',
        `"deep":${'['.repeat(depth)}${']'.repeat(depth)},"remote_id"`,
      );
      return { kind: 'deep nesting', body: utf8(body), expect: 'quarantined' };
    },
    (n) => {
      const body = orderBody(n);
      return {
        kind: 'truncated JSON',
        body: utf8(body.slice(0, 1 + Math.floor(random() * (body.length - 2)))),
        expect: 'quarantined',
      };
    },
    (n) => {
      const bytes = utf8(orderBody(n));
      bytes[Math.floor(random() * bytes.length)] = pick([0xff, 0xc3, 0x80, 0xfe]);
      return { kind: 'invalid UTF-8', body: bytes, expect: 'quarantined' };
    },
    (n) => {
      const text = orderBody(n);
      const bytes = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) bytes[i * 2] = text.charCodeAt(i);
      return { kind: 'UTF-16', body: bytes, expect: 'quarantined' };
    },
    (n) => ({
      kind: 'wrong types',
      body: utf8(
        orderBody(n, (e) => {
          const variant = Math.floor(random() * 3);
          if (variant === 0) e.event = 12;
          else if (variant === 1) (e.data as Record<string, unknown>).id = { nested: true };
          else e.account_id = [ACCOUNT];
        }),
      ),
      expect: 'quarantined',
    }),
    (n) => ({
      kind: 'unknown event type',
      body: utf8(orderBody(n, (e) => (e.event = 'ats_candidates.exploded'))),
      expect: 'quarantined',
    }),
    (n) => ({
      kind: 'not an object',
      body: utf8(JSON.stringify([n, 'fuzz', { id: `evt_${n}` }])),
      expect: 'quarantined',
    }),
    (n) => ({
      kind: 'bad signature',
      body: utf8(orderBody(n)),
      expect: 'refused_401',
      signature: pick(['sha256=00', 'not-a-signature', '', 'sha256=' + 'ab'.repeat(32)]),
    }),
    (n) => ({
      kind: 'missing signature',
      body: utf8(orderBody(n)),
      expect: 'refused_401',
      signature: null,
    }),
    (n) => ({
      kind: 'retired secret',
      body: utf8(orderBody(n)),
      expect: 'refused_401',
      secret: RETIRED_SECRET,
    }),
  ];
  for (let n = 1; cases.length < COUNT; n++) {
    const roll = random();
    if (roll < 0.06 && cases.length > 0) {
      const earlier = pick(cases);
      if (earlier.expect === 'order' || earlier.expect === 'quarantined') {
        cases.push({ ...earlier, kind: 'duplicate', expect: 'duplicate' });
        continue;
      }
    }
    cases.push(pick(makers)(n));
  }
  // A body above the gateway's size limit, refused before it is read.
  cases.push({
    kind: 'too large',
    body: utf8(orderBody(COUNT + 1, (e) => (e.pad = 'y'.repeat(1_100_000)))),
    expect: 'refused_413',
  });
  return cases;
}

describe('webhook fuzz: gateway into a desk sync', () => {
  let world: WebhookDesk;
  beforeAll(async () => {
    // A rotation in progress: the old secret is still accepted beside the new one.
    world = await startWebhookDesk({ oldSecrets: [OLD_SECRET] });
  });
  afterAll(async () => world?.close());

  it('stores and quarantines every bad event, caches every valid order, refuses bad signatures', async () => {
    const cases = generate(createRng(20_261_206));
    const statuses = new Array<number>(cases.length);
    let next = 0;
    const sender = async () => {
      for (let i = next++; i < cases.length; i = next++) {
        const c = cases[i] as Case;
        // Duplicates go after their originals: send them in a second round.
        if (c.expect === 'duplicate') continue;
        statuses[i] = await world.send(c.body, sendOptions(c));
      }
    };
    await Promise.all(Array.from({ length: 8 }, sender));
    for (const [i, c] of cases.entries()) {
      if (c.expect === 'duplicate') statuses[i] = await world.send(c.body, sendOptions(c));
    }

    const wanted: Record<Expect, number> = {
      order: 200,
      quarantined: 200,
      duplicate: 200,
      refused_401: 401,
      refused_413: 413,
    };
    const wrong = cases
      .map((c, i) => ({ kind: c.kind, status: statuses[i], want: wanted[c.expect] }))
      .filter((r) => r.status !== r.want);
    expect(wrong).toEqual([]);

    const result = await world.engine.sync();
    expect(result.failures.filter((f) => f.source === 'orders')).toEqual([]);

    // None lost: everything accepted once is one stored event, and each is an order or quarantined.
    const accepted = cases.filter((c) => c.expect === 'order' || c.expect === 'quarantined');
    const stored = await world.gateway.store.readEvents(0, 10_000);
    expect(stored).toHaveLength(accepted.length);
    for (const c of cases.filter((x) => x.expect === 'order')) {
      expect(world.cache.getOrder(ACCOUNT, c.orderId!), c.kind).not.toBeNull();
    }
    const quarantined = world.cache.quarantine.list({ limit: 10_000 });
    expect(quarantined).toHaveLength(accepted.filter((c) => c.expect === 'quarantined').length);
    expect(quarantined.every((q) => q.source === 'orders' && q.reason.length > 0)).toBe(true);
    const storedIds = new Set(stored.map((e) => e.dedupeKey));
    expect(quarantined.every((q) => q.recordId !== null && storedIds.has(q.recordId))).toBe(true);
    const orders = stored.filter((e) => e.order !== null && e.flag === null).length;
    expect(orders).toBe(accepted.filter((c) => c.expect === 'order').length);

    // The cursor moved past all of it: a second sync reads nothing new.
    const again = await world.engine.sync();
    expect(again.failures.filter((f) => f.source === 'orders')).toEqual([]);
    expect(world.engine.status().sources.find((s) => s.source === 'orders')?.counts.fetched).toBe(
      0,
    );
  });

  function sendOptions(c: Case) {
    return {
      ...(c.secret ? { secret: c.secret } : {}),
      ...(c.signature !== undefined ? { signature: c.signature } : {}),
      ...(c.contentType ? { contentType: c.contentType } : {}),
    };
  }
});
