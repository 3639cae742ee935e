import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../src-shared/contract';
import { orderEventBody } from '../src-gateway/testing/webhooks';
import { createStackOneClient, RequestBudget } from '../src-main/stackone';
import type { SyncEngineOptions } from '../src-main/sync/sync-engine';
import { startWebhookDesk, type WebhookDesk } from './testing/webhook-desk';

/**
 * The order feed never waits on StackOne: with StackOne hanging or rate-limiting every request,
 * gateway orders still arrive on the feed's own interval, and the status says what StackOne does.
 */

const ACCOUNT = 'acct_sandbox_1';
let world: WebhookDesk | null = null;
let server: Server | null = null;

afterEach(async () => {
  await world?.close();
  world = null;
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
  server = null;
});

/** A StackOne that accepts every request and answers it with `answer`, or never. */
async function fakeStackOne(answer: ((res: ServerResponse) => void) | null): Promise<string> {
  server = createServer((_req, res) => answer?.(res));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

function stackone(
  baseUrl: string,
  timeoutMs: number,
  retry: { baseDelayMs: number; maxDelayMs: number },
): Partial<SyncEngineOptions> {
  return {
    stackoneProblem: null,
    stackone: (accountId, hooks) =>
      createStackOneClient({
        apiKey: 'test-key',
        accountId,
        baseUrl,
        timeoutMs,
        retry: { maxAttempts: 1_000, maxElapsedMs: 3_600_000, ...retry },
        budget: new RequestBudget({ limit: 100_000, windowMs: 60_000 }),
        ...hooks,
      }),
  };
}

/** Resolves with the first status (pushed by the engine) that satisfies `done`. */
function statusWhere(
  listeners: ((s: SyncStatus) => void)[],
  done: (s: SyncStatus) => boolean,
): Promise<SyncStatus> {
  return new Promise((resolve) => listeners.push((s) => done(s) && resolve(s)));
}

function onDataChanged(listeners: (() => void)[], done: () => boolean): Promise<void> {
  return new Promise((resolve) => listeners.push(() => done() && resolve()));
}

describe('sources are independent', () => {
  it('with StackOne hanging, gateway orders arrive on the feed interval and the status says StackOne is not answering', async () => {
    const url = await fakeStackOne(null);
    const statusListeners: ((s: SyncStatus) => void)[] = [];
    const dataListeners: (() => void)[] = [];
    world = await startWebhookDesk({
      engine: {
        ...stackone(url, 200, { baseDelayMs: 50, maxDelayMs: 100 }),
        intervalMs: 300,
        eventThrottleMs: 10,
        onStatus: (s) => statusListeners.forEach((l) => l(s)),
        onDataChanged: () => dataListeners.forEach((l) => l()),
      },
    });
    const notAnswering = statusWhere(statusListeners, (s) =>
      s.sources.some(
        (x) => x.state === 'waiting' && /StackOne is not answering/.test(x.waiting?.reason ?? ''),
      ),
    );
    const firstFeedPass = statusWhere(
      statusListeners,
      (s) => s.sources.find((x) => x.source === 'orders')?.lastSuccessAt != null,
    );
    world.engine.start();
    await firstFeedPass;

    // Orders delivered after the first feed pass, while every StackOne request still hangs.
    for (let n = 1; n <= 3; n++) expect(await world.send(orderEventBody(n))).toBe(200);
    const cache = world.cache;
    await onDataChanged(dataListeners, () =>
      [1, 2, 3].every((n) => cache.getOrder(ACCOUNT, `ord_asm_${n}`) !== null),
    );
    const status = await notAnswering;
    const waiting = status.sources.find((x) => x.state === 'waiting');
    expect(waiting?.source).not.toBe('orders');
    expect(waiting?.waiting?.since).toBeTruthy();
    expect(waiting?.waiting?.until).toBeTruthy();
    // StackOne's lists never finished: the orders did not wait for them.
    expect(world.engine.running).toBe(true);
  });

  it('StackOne stops answering after a good pass: orders still arrive, the status says since when it waits and keeps the last success', async () => {
    let hang = false;
    const url = await fakeStackOne((res) => {
      if (hang) return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [], next: null }));
    });
    const statusListeners: ((s: SyncStatus) => void)[] = [];
    const dataListeners: (() => void)[] = [];
    world = await startWebhookDesk({
      engine: {
        // No request times out during the test: only the slow-source threshold can tell.
        ...stackone(url, 600_000, { baseDelayMs: 50, maxDelayMs: 100 }),
        intervalMs: 300,
        slowSourceMs: 200,
        eventThrottleMs: 10,
        onStatus: (s) => statusListeners.forEach((l) => l(s)),
        onDataChanged: () => dataListeners.forEach((l) => l()),
      },
    });
    const stackoneSynced = statusWhere(statusListeners, (s) =>
      s.sources.every((x) => x.lastSuccessAt !== null),
    );
    world.engine.start();
    const good = await stackoneSynced;
    hang = true;

    const waiting = await statusWhere(statusListeners, (s) =>
      s.sources.some((x) => x.source !== 'orders' && x.waiting !== null),
    );
    const source = waiting.sources.find((x) => x.waiting !== null)!;
    expect(source.state).toBe('waiting');
    expect(source.waiting).toMatchObject({ until: null, reason: /StackOne has not answered/ });
    expect(Date.parse(source.waiting!.since)).toBeGreaterThanOrEqual(
      Date.parse(good.lastSuccessAt!),
    );
    // The last successful sync stays visible, per source and for the workspace.
    expect(source.lastSuccessAt).not.toBeNull();
    expect(waiting.lastSuccessAt).not.toBeNull();

    for (let n = 1; n <= 2; n++) expect(await world.send(orderEventBody(n))).toBe(200);
    const cache = world.cache;
    await onDataChanged(dataListeners, () =>
      [1, 2].every((n) => cache.getOrder(ACCOUNT, `ord_asm_${n}`) !== null),
    );
    const stillWaiting = world.engine.status().sources.filter((x) => x.waiting !== null);
    expect(stillWaiting.length).toBeGreaterThan(0);
    expect(stillWaiting.every((x) => x.source !== 'orders')).toBe(true);
  });

  it('every StackOne request answered 429 with Retry-After: the source waits, with the time', async () => {
    const url = await fakeStackOne((res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '30' });
      res.end(JSON.stringify({ statusCode: 429, message: 'Too many requests' }));
    });
    const statusListeners: ((s: SyncStatus) => void)[] = [];
    world = await startWebhookDesk({
      engine: {
        ...stackone(url, 5_000, { baseDelayMs: 10, maxDelayMs: 20 }),
        onStatus: (s) => statusListeners.forEach((l) => l(s)),
      },
    });
    const waiting = statusWhere(statusListeners, (s) =>
      s.sources.some((x) => x.state === 'waiting'),
    );
    world.engine.start();
    const source = (await waiting).sources.find((x) => x.state === 'waiting')!;
    const { since, until, reason } = source.waiting!;
    expect(Date.parse(until!) - Date.parse(since)).toBeGreaterThanOrEqual(29_000);
    expect(reason).toMatch(/429|wait 30 s/);
  });
});
