import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src-gateway';
import { deliver, orderEventBody, signAll } from '../../src-gateway/testing/webhooks';
import { createGatewayClient, GatewayClientError, splitFeedEvents } from './gateway-client';
import { feedEventOutcome } from './feed-orders';

const SECRET = 'gateway-client-test-secret';
const TOKEN = 'gateway-client-test-token';

async function gatewayWith(events: string[]): Promise<RunningGateway> {
  const gw = await startGateway({ webhookSecrets: [SECRET], feedToken: [TOKEN] });
  for (const item of await signAll(events, SECRET)) expect(await deliver(gw.url, item)).toBe(200);
  return gw;
}

describe('gateway client against a real gateway', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await gatewayWith([orderEventBody(1), orderEventBody(2, 'background_check'), '{not json']);
  });
  afterAll(() => gw.close());

  it('reads the feed page by page and maps orders, flagging what is unreadable', async () => {
    const client = createGatewayClient({ baseUrl: gw.url, token: TOKEN });
    const first = await client.readFeed(null, { limit: 2 });
    expect(first.events).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    const order = feedEventOutcome(first.events[0]!);
    expect(order).toMatchObject({
      kind: 'order',
      order: {
        id: 'ord_asm_1',
        kind: 'assessment',
        candidateId: 'cand_1',
        candidateName: 'Ada Lovelace',
        candidateEmail: 'ada1@example.com',
        jobTitle: 'Engineer',
        packageName: 'JavaScript',
        initialStatus: 'new',
      },
    });
    const second = await client.readFeed(first.nextCursor, { limit: 2 });
    expect(second.hasMore).toBe(false);
    expect(feedEventOutcome(second.events[0]!)).toMatchObject({
      kind: 'quarantine',
      entry: { source: 'orders', reason: expect.stringContaining('invalid_json') },
    });
    const idle = await client.readFeed(second.nextCursor);
    expect(idle.events).toEqual([]);
    expect(idle.nextCursor).toBe(second.nextCursor);
  });

  it('reports a cursor from another inbox as cursor_reset', async () => {
    const other = await gatewayWith([orderEventBody(9)]);
    try {
      const foreign = await createGatewayClient({ baseUrl: other.url, token: TOKEN }).readFeed(
        null,
      );
      const error = await createGatewayClient({ baseUrl: gw.url, token: TOKEN })
        .readFeed(foreign.nextCursor)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GatewayClientError);
      expect((error as GatewayClientError).kind).toBe('cursor_reset');
    } finally {
      await other.close();
    }
  });

  it('refuses a wrong token in plain words, without retrying', async () => {
    const error = await createGatewayClient({ baseUrl: gw.url, token: 'wrong-token' })
      .readFeed(null)
      .catch((e: unknown) => e);
    expect((error as GatewayClientError).kind).toBe('unauthorized');
    expect((error as Error).message).toMatch(/gateway token/);
  });
});

describe('gateway client transport', () => {
  const page = { events: [], nextCursor: 'c1', hasMore: false };
  const ok = () => new Response(JSON.stringify(page), { status: 200 });

  it('retries 5xx and network failures, then succeeds', async () => {
    const answers: (() => Response)[] = [
      () => new Response('{}', { status: 503, headers: { 'retry-after': '0' } }),
      () => {
        throw new TypeError('fetch failed');
      },
      ok,
    ];
    let calls = 0;
    const client = createGatewayClient({
      baseUrl: 'http://gw.test',
      token: 't',
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      fetch: async () => answers[calls++]!(),
    });
    const retries: { delayMs: number; kind: string }[] = [];
    const read = await client.readFeed(null, {
      onRetry: ({ delayMs, error }) => retries.push({ delayMs, kind: error.kind }),
    });
    expect(read).toMatchObject({ nextCursor: 'c1' });
    expect(calls).toBe(3);
    // Told before each wait, so the sync can show that the feed is waiting and why.
    expect(retries.map((r) => r.kind)).toEqual(['server_error', 'unreachable']);
  });

  it('gives up as unreachable after its attempts, and honours abort', async () => {
    const client = createGatewayClient({
      baseUrl: 'http://gw.test',
      token: 't',
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(client.readFeed(null)).rejects.toMatchObject({ kind: 'unreachable' });

    const controller = new AbortController();
    const hanging = createGatewayClient({
      baseUrl: 'http://gw.test',
      token: 't',
      fetch: (_url, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted'))),
        ),
    });
    const read = hanging.readFeed(null, { signal: controller.signal });
    controller.abort();
    await expect(read).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('times out a gateway that does not answer', async () => {
    const client = createGatewayClient({
      baseUrl: 'http://gw.test',
      token: 't',
      timeoutMs: 20,
      retry: { maxAttempts: 1 },
      fetch: (_url, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('timeout'))),
        ),
    });
    await expect(client.readFeed(null)).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('keeps a page whose single event it cannot read, setting that event aside', () => {
    const split = splitFeedEvents([{ cursor: 'x' }, 'junk']);
    expect(split.events).toEqual([]);
    expect(split.invalid).toHaveLength(2);
    expect(split.invalid[0]!.reason).toMatch(/unreadable feed event/);
  });
});
