import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../../src-shared/webhooks/signature';
import { startSandbox, type RunningSandbox } from '../index';

/** Webhook delivery against a real local HTTP receiver. */

interface Received {
  body: string;
  signature: string | undefined;
}

let receiver: Server;
let receiverUrl: string;
let received: Received[] = [];
/** Status to answer per request, in order; 200 once exhausted. */
let script: number[] = [];
let inFlight = 0;
let maxInFlight = 0;
let holdMs = 0;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => resolve(data));
  });
}

beforeAll(async () => {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const body = await readBody(req);
    if (holdMs) await new Promise((r) => setTimeout(r, holdMs));
    const status = script.shift() ?? 200;
    if (status === 200)
      received.push({ body, signature: req.headers[SIGNATURE_HEADER] as string | undefined });
    inFlight--;
    res.writeHead(status).end();
  };
  receiver = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/stackone`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
  received = [];
  script = [];
  maxInFlight = 0;
  holdMs = 0;
});

const fast = { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 4, timeoutMs: 2000 };

describe('webhooks', () => {
  it('sends a signed ats_assessments.created for a new order', async () => {
    sb = await startSandbox({
      orders: 5,
      webhookUrls: [receiverUrl],
      webhookSecret: 's3cret',
      webhook: fast,
    });
    const order = sb.inspect.createOrder({ kind: 'assessment' });
    await sb.inspect.webhooks.idle();
    expect(received).toHaveLength(1);
    const { body, signature } = received[0]!;
    expect(await verifyWebhookSignature({ rawBody: body, signature, secrets: ['s3cret'] })).toBe(
      true,
    );
    expect(await verifyWebhookSignature({ rawBody: body, signature, secrets: ['other'] })).toBe(
      false,
    );
    const tampered = body.replace(`"${order.id}"`, `"${order.id}x"`);
    expect(tampered).not.toBe(body);
    expect(
      await verifyWebhookSignature({ rawBody: tampered, signature, secrets: ['s3cret'] }),
    ).toBe(false);
    const event = JSON.parse(body);
    expect(event).toMatchObject({
      event: 'ats_assessments.created',
      account_id: order.account_id,
      data: { id: order.id, candidate: { id: order.candidate_id } },
    });
    expect(event.data.results_update_url).toBe(
      `${sb.url}/unified/ats/assessments/orders/${order.id}/result`,
    );
    expect(sb.inspect.webhooks.acknowledgedEventIds()).toEqual([event.id]);
  });

  it('retries non-2xx with backoff and records every attempt', async () => {
    sb = await startSandbox({ orders: 5, webhookUrls: [receiverUrl], webhook: fast });
    script = [500, 503];
    const order = sb.inspect.createOrder({ kind: 'background_check' });
    await sb.inspect.webhooks.idle();
    const attempts = sb.inspect.webhooks.deliveries();
    expect(attempts.map((a) => a.status)).toEqual([500, 503, 200]);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    const [state] = sb.inspect.webhooks.states();
    expect(state).toMatchObject({
      event: 'background_check_order.created',
      state: 'delivered',
      attempts: 3,
      acknowledged: true,
    });
    expect(JSON.parse(received[0]!.body).data.package.tests.length).toBeGreaterThan(0);
    expect(JSON.parse(received[0]!.body).data.id).toBe(order.id);
  });

  it('gives up after maxAttempts on an unreachable receiver, unacknowledged', async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}/`;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    sb = await startSandbox({ orders: 5, webhookUrls: [deadUrl], webhook: fast });
    const burst = sb.inspect.webhooks.fireBurst(2);
    expect(await burst.done).toEqual({ events: 2, delivered: 0, failed: 2 });
    const attempts = sb.inspect.webhooks.deliveries();
    expect(attempts).toHaveLength(8);
    expect(attempts.every((a) => a.status === null && a.error)).toBe(true);
    expect(sb.inspect.webhooks.acknowledgedEventIds()).toEqual([]);
  });

  it('delivers the backlog with bounded concurrency, and redelivers with the same event ids', async () => {
    sb = await startSandbox({ orders: 40, webhookUrls: [receiverUrl], webhook: fast });
    holdMs = 10;
    const summary = await sb.inspect.webhooks.deliverBacklog({ concurrency: 3 });
    expect(summary).toEqual({ events: 40, delivered: 40, failed: 0 });
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(maxInFlight).toBeGreaterThan(1);
    const ids = received.map((r) => JSON.parse(r.body).id as string);
    expect(new Set(ids).size).toBe(40);
    await sb.inspect.webhooks.deliverBacklog();
    expect(new Set(received.map((r) => JSON.parse(r.body).id)).size).toBe(40);
    expect(received).toHaveLength(80);
  });

  it('fires a burst of new orders and reports what was acknowledged', async () => {
    sb = await startSandbox({
      orders: 5,
      webhookUrls: [receiverUrl],
      webhook: { ...fast, concurrency: 16 },
    });
    const burst = sb.inspect.webhooks.fireBurst(100);
    expect(burst.orders).toHaveLength(100);
    expect(await burst.done).toEqual({ events: 100, delivered: 100, failed: 0 });
    expect(new Set(sb.inspect.webhooks.acknowledgedEventIds())).toEqual(new Set(burst.eventIds));
  });

  it('announces job changes as ats_jobs.created / ats_jobs.updated', async () => {
    sb = await startSandbox({ orders: 5, webhookUrls: [receiverUrl], webhook: fast });
    const accountId = sb.accounts[0]!.id;
    const job = sb.inspect.createJob(accountId);
    sb.inspect.updateJob(accountId, job.id, { title: 'Staff Engineer' });
    await sb.inspect.webhooks.idle();
    // Arrival order is not part of the contract: each event is signed asynchronously (Web Crypto)
    // and up to `concurrency` requests are in flight, so the update can reach the receiver first,
    // as with any webhook sender. The order a receiver can rely on is the events' stamps.
    const events = received.map((r) => JSON.parse(r.body));
    expect(events).toHaveLength(2);
    const created = events.find((e) => e.event === 'ats_jobs.created');
    const updated = events.find((e) => e.event === 'ats_jobs.updated');
    expect(created?.data).toMatchObject({ id: job.id, title: job.title });
    expect(updated?.data).toMatchObject({ id: job.id, title: 'Staff Engineer' });
    expect(updated.created_at > created.created_at).toBe(true);
    expect(updated.id).not.toBe(created.id);
  });

  it('creates orders on a timer', async () => {
    sb = await startSandbox({
      orders: 0,
      orderIntervalMs: 20,
      webhookUrls: [receiverUrl],
      webhook: fast,
    });
    await expect
      .poll(() => sb!.inspect.orders().length, { timeout: 5000 })
      .toBeGreaterThanOrEqual(2);
    await expect.poll(() => received.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
  });
});
