import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { startGateway, type RunningGateway } from '../src-gateway';
import { FeedPageSchema, GatewayErrorSchema, type FeedPage } from '../src-shared/gateway';
import { SIGNATURE_HEADER, signWebhook } from '../src-shared/webhooks/signature';
import { orderEventBody } from '../src-gateway/testing/webhooks';
import { newGatewayDatabase } from '../src-gateway/testing/stores';
import type { TestDatabase } from '../src-gateway/testing/postgres';

/**
 * The gateway's acceptance behaviour over real loopback HTTP: signatures and rotation, storage
 * before acknowledgement, dedupe, flagged events, the feed's auth and cursor contract, and logs
 * that never carry a secret.
 */

const NEW_SECRET = 'whsec-new-0001';
const OLD_SECRET = 'whsec-old-0002';
const QUERY_TOKEN = 'query-token-0003';
const FEED_TOKEN = 'feed-token-0004';

let gw: RunningGateway;
let db: TestDatabase;
const logLines: string[] = [];

beforeAll(async () => {
  db = await newGatewayDatabase();
  gw = await startGateway({
    port: 0,
    dbPath: db.url,
    webhookSecrets: [NEW_SECRET, OLD_SECRET],
    webhookQueryToken: QUERY_TOKEN,
    feedToken: FEED_TOKEN,
    webhookBodyLimit: 4096,
    logLevel: 'info',
    logStream: { write: (line) => void logLines.push(line) },
  });
});
afterAll(async () => {
  await gw.close();
  await db.drop();
});

async function post(body: string, headers: Record<string, string> = {}, query = '') {
  const res = await fetch(`${gw.url}/webhooks/stackone${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

async function postSigned(body: string, secret = NEW_SECRET) {
  return post(body, { [SIGNATURE_HEADER]: await signWebhook(body, secret) });
}

async function feed(query = '', token: string | null = FEED_TOKEN) {
  const res = await fetch(`${gw.url}/v1/order-events${query}`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

/** Everything in the feed from the start, following cursors, parsed with the shared schema. */
async function readAll(limit = 100): Promise<FeedPage['events']> {
  const events: FeedPage['events'] = [];
  let after = '';
  for (;;) {
    const { status, json } = await feed(`?limit=${limit}${after}`);
    expect(status).toBe(200);
    const page = FeedPageSchema.parse(json);
    events.push(...page.events);
    after = `&after=${page.nextCursor}`;
    if (!page.hasMore) return events;
  }
}

const findByEventId = async (eventId: string) =>
  (await readAll()).filter((e) => e.eventId === eventId);

describe('gateway over HTTP', () => {
  it('stores a signed webhook and serves it once in the feed', async () => {
    const body = orderEventBody(1);
    expect(await postSigned(body)).toEqual({
      status: 200,
      body: { received: true, duplicate: false },
    });
    const found = await findByEventId('evt_asm_1');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      eventType: 'ats_assessments.created',
      accountId: 'acct_sandbox_1',
      flagged: null,
      order: { id: 'ord_asm_1', kind: 'assessment', candidateId: 'cand_1', applicationId: 'app_1' },
      payload: { format: 'json', value: JSON.parse(body) },
    });
  });

  it('refuses a bad or missing signature with 401 and stores nothing', async () => {
    const body = orderEventBody(2);
    const wrong = await post(body, {
      [SIGNATURE_HEADER]: await signWebhook(body, 'not-the-secret'),
    });
    expect(wrong.status).toBe(401);
    expect(GatewayErrorSchema.parse(wrong.body).error).toBe('invalid_signature');
    const tampered = await post(body.replace('ord_asm_2', 'ord_asm_X'), {
      [SIGNATURE_HEADER]: await signWebhook(body, NEW_SECRET),
    });
    expect(tampered.status).toBe(401);
    expect((await post(body)).status).toBe(401);
    expect(await findByEventId('evt_asm_2')).toHaveLength(0);
  });

  it('stores one event for three deliveries of the same webhook', async () => {
    const body = orderEventBody(3);
    const replies = [await postSigned(body), await postSigned(body), await postSigned(body)];
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(replies.map((r) => (r.body as { duplicate: boolean }).duplicate)).toEqual([
      false,
      true,
      true,
    ]);
    const found = await findByEventId('evt_asm_3');
    expect(found).toHaveLength(1);
    expect(found[0]?.deliveries).toBe(3);
  });

  it('dedupes events without an id on the body hash', async () => {
    const body = JSON.stringify({
      event: 'ats_jobs.updated',
      account_id: 'a',
      data: { id: 'job_z' },
    });
    await postSigned(body);
    await postSigned(body);
    const jobs = (await readAll()).filter((e) => e.eventType === 'ats_jobs.updated');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.id).toMatch(/^sha256:/);
  });

  it('accepts both secrets of a rotation and other signature encodings', async () => {
    expect((await postSigned(orderEventBody(4), OLD_SECRET)).status).toBe(200);
    const body = orderEventBody(5, 'background_check');
    const hex = createHmac('sha256', NEW_SECRET).update(body).digest('hex');
    expect((await post(body, { [SIGNATURE_HEADER]: `sha256=${hex}` })).status).toBe(200);
    expect(await findByEventId('evt_asm_4')).toHaveLength(1);
    expect((await findByEventId('evt_bgc_5'))[0]?.order?.kind).toBe('background_check');
  });

  it('accepts the ?token= alternative when configured', async () => {
    const body = orderEventBody(6);
    expect((await post(body, {}, `?token=${QUERY_TOKEN}`)).status).toBe(200);
    expect((await post(orderEventBody(7), {}, '?token=wrong-token')).status).toBe(401);
    expect(await findByEventId('evt_asm_6')).toHaveLength(1);
    expect(await findByEventId('evt_asm_7')).toHaveLength(0);
  });

  it('stores malformed JSON with a valid signature, flagged, with its raw text in the feed', async () => {
    const body = '{"id": "evt_broken", "event": "ats_assessments.created", ';
    expect((await postSigned(body)).status).toBe(200);
    const flagged = (await readAll()).filter((e) => e.flagged?.reason === 'invalid_json');
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ order: null, payload: { format: 'text', text: body } });
  });

  it('stores a non-JSON content type byte for byte', async () => {
    const body = 'plain text, not json';
    const res = await post(body, {
      'content-type': 'text/plain',
      [SIGNATURE_HEADER]: await signWebhook(body, NEW_SECRET),
    });
    expect(res.status).toBe(200);
    const event = (await readAll()).find((e) => e.contentType === 'text/plain');
    expect(event?.payload).toEqual({ format: 'text', text: body });
  });

  it('stores an unknown event type, flagged', async () => {
    const body = JSON.stringify({
      id: 'evt_cand',
      event: 'ats_candidates.created',
      account_id: 'a',
      data: { id: 'c' },
    });
    expect((await postSigned(body)).status).toBe(200);
    const [event] = await findByEventId('evt_cand');
    expect(event?.flagged?.reason).toBe('unknown_event_type');
    expect(event?.eventType).toBe('ats_candidates.created');
  });

  it('answers 413 above the body limit and stores nothing', async () => {
    const body = JSON.stringify({
      id: 'evt_big',
      event: 'ats_jobs.created',
      pad: 'x'.repeat(5000),
    });
    const res = await postSigned(body);
    expect(res.status).toBe(413);
    expect(GatewayErrorSchema.parse(res.body).error).toBe('payload_too_large');
    expect(await findByEventId('evt_big')).toHaveLength(0);
  });

  it('refuses the feed without or with a wrong token', async () => {
    const missing = await feed('', null);
    expect(missing.status).toBe(401);
    expect(GatewayErrorSchema.parse(missing.json).error).toBe('unauthorized');
    expect((await feed('', 'wrong-token')).status).toBe(401);
  });

  it('pages with cursors so each event is seen exactly once, in arrival order', async () => {
    for (let i = 100; i < 110; i++) await postSigned(orderEventBody(i));
    const all = await readAll(3);
    const seqs = all.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(all.filter((e) => e.eventId?.startsWith('evt_asm_10')).length).toBe(10);

    const { json } = await feed('?limit=1000');
    const page = FeedPageSchema.parse(json);
    const tail = FeedPageSchema.parse((await feed(`?after=${page.nextCursor}`)).json);
    expect(tail).toEqual({ events: [], nextCursor: page.nextCursor, hasMore: false });
  });

  it('rejects bad feed queries with typed errors', async () => {
    expect((await feed('?limit=0')).status).toBe(400);
    expect((await feed('?limit=abc')).status).toBe(400);
    const bad = await feed('?after=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(GatewayErrorSchema.parse(bad.json).error).toBe('invalid_cursor');
    const foreign = Buffer.from('another-inbox:3').toString('base64url');
    const other = await feed(`?after=${foreign}`);
    expect(other.status).toBe(409);
    expect(GatewayErrorSchema.parse(other.json).error).toBe('cursor_from_other_inbox');
  });

  it('publishes and reads back the catalog behind the feed token', async () => {
    const put = (body: unknown, token = FEED_TOKEN) =>
      fetch(`${gw.url}/v1/assessment-packages`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put({ packages: [] }, 'wrong-token')).status).toBe(401);
    const dup = await put({
      packages: [
        { id: 'a', name: 'A' },
        { id: 'a', name: 'B' },
      ],
    });
    expect(dup.status).toBe(400);
    expect(JSON.stringify(await dup.json())).toContain('duplicate package id');
    expect((await put({ packages: [{ id: 'a', name: 'A', desc: 'typo' }] })).status).toBe(400);
    const ok = await put({
      packages: [{ id: 'js', name: 'JavaScript', description: 'Timed test' }],
    });
    expect(ok.status).toBe(200);
    const got = await fetch(`${gw.url}/v1/assessment-packages`, {
      headers: { authorization: `Bearer ${FEED_TOKEN}` },
    });
    expect(await got.json()).toMatchObject({
      version: 1,
      packages: [{ id: 'js', name: 'JavaScript', description: 'Timed test' }],
    });
  });

  it('answers /healthz without credentials', async () => {
    const res = await fetch(`${gw.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('never writes a secret to the log', async () => {
    await post(
      orderEventBody(200),
      { authorization: `Bearer ${FEED_TOKEN}` },
      `?token=${QUERY_TOKEN}`,
    );
    await feed('', FEED_TOKEN);
    const log = logLines.join('');
    expect(log).toContain('/webhooks/stackone?token=[redacted]');
    for (const secret of [NEW_SECRET, OLD_SECRET, QUERY_TOKEN, FEED_TOKEN]) {
      expect(log).not.toContain(secret);
    }
  });
});
