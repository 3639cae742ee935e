import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src-gateway';
import { addCoordinator } from '../src-gateway/coordinators';
import { runCoordinatorCommand } from '../src-gateway/coordinator-cli';
import { newGatewayDatabase } from '../src-gateway/testing/stores';
import type { TestDatabase } from '../src-gateway/testing/postgres';
import {
  ClaimedPayloadSchema,
  FeedPageSchema,
  ReleasedPayloadSchema,
  ResultReportedPayloadSchema,
  TEAM_EVENT_TYPES,
  type FeedEvent,
} from '../src-shared/gateway';

/**
 * Team mode over HTTP: coordinator tokens (and the shared feed token beside them), revocation,
 * claims with takeover, and result reports, each announced in the feed.
 */

const FEED_TOKEN = 'feed-token-team-1';
let db: TestDatabase;
let gw: RunningGateway;
let dana: string;
let eli: string;
const logLines: string[] = [];

beforeAll(async () => {
  db = await newGatewayDatabase();
  gw = await startGateway({
    port: 0,
    dbPath: db.url,
    webhookSecrets: ['whsec-team-0001'],
    feedToken: FEED_TOKEN,
    logLevel: 'info',
    logStream: { write: (line) => void logLines.push(line) },
  });
  dana = (await addCoordinator(gw.store, 'Dana')).token;
  eli = (await addCoordinator(gw.store, 'Eli')).token;
});
afterAll(async () => {
  await gw.close();
  await db.drop();
});

async function call(method: string, path: string, token: string | null, body?: unknown) {
  const res = await fetch(`${gw.url}${path}`, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function teamEvents(type: string): Promise<FeedEvent[]> {
  const page = FeedPageSchema.parse(
    (await call('GET', '/v1/order-events?limit=1000', FEED_TOKEN)).json,
  );
  return page.events.filter((e) => e.eventType === type);
}

const payloadOf = (e: FeedEvent) => (e.payload.format === 'json' ? e.payload.value : null);
const order = (orderId: string) => ({ accountId: 'acc-1', orderId });

describe('named coordinators', () => {
  it('answers who a token belongs to; the shared feed token is no one', async () => {
    expect((await call('GET', '/v1/me', dana)).json).toEqual({
      coordinator: { id: expect.any(String), name: 'Dana' },
    });
    expect((await call('GET', '/v1/me', FEED_TOKEN)).json).toEqual({ coordinator: null });
    expect((await call('GET', '/v1/me', 'sdc_not-a-token')).status).toBe(401);
    expect((await call('GET', '/v1/order-events', dana)).status).toBe(200);
  });

  it('stores only a hash of the token', async () => {
    const list = await gw.store.listCoordinators();
    expect(list.map((c) => c.name)).toEqual(expect.arrayContaining(['Dana', 'Eli']));
    expect(JSON.stringify(list)).not.toContain(dana);
  });

  it('refuses a token revoked by the CLI at once, on every desk route', async () => {
    const shared = await newGatewayDatabase({ shared: true });
    const dbPath = shared.url;
    const out: string[] = [];
    const log = { log: (line: string) => void out.push(line) };
    try {
      await runCoordinatorCommand(['add', 'Fay', '--db', dbPath], {}, log);
      const token = out.at(-1)!;
      expect(token).toMatch(/^sdc_[\w-]{43}$/);
      const other = await startGateway({
        port: 0,
        dbPath,
        webhookSecrets: ['whsec-team-0001'],
        feedToken: FEED_TOKEN,
      });
      const me = (t: string, path = '/v1/me') =>
        fetch(`${other.url}${path}`, { headers: { authorization: `Bearer ${t}` } });
      try {
        expect((await me(token)).status).toBe(200);
        // Revoked through its own connection while the gateway runs: the next request is refused.
        await runCoordinatorCommand(['revoke', 'Fay'], { GATEWAY_DB: dbPath }, log);
        expect((await me(token)).status).toBe(401);
        expect((await me(token, '/v1/order-events')).status).toBe(401);
        expect((await me(FEED_TOKEN)).status).toBe(200);
        await runCoordinatorCommand(['list', '--db', dbPath], {}, log);
        expect(out.at(-1)).toMatch(/^Fay\tadded .*\trevoked /);
        expect(out.join('\n').split(token).length).toBe(2); // printed once, by add
      } finally {
        await other.close();
      }
    } finally {
      await shared.drop();
    }
  });

  it('refuses a second active coordinator with the same name', async () => {
    await expect(addCoordinator(gw.store, 'Dana')).rejects.toThrow(/already exists/);
  });
});

describe('claims', () => {
  it('claims orders, announces them in the feed, and refuses them to another without takeover', async () => {
    const claimed = await call('POST', '/v1/claims', dana, {
      orders: [order('o-1'), order('o-2')],
    });
    expect(claimed.status).toBe(200);
    const claims = claimed.json.claims as {
      by: { name: string };
      expiresAt: string;
      claimedAt: string;
    }[];
    expect(claims.map((c) => c.by.name)).toEqual(['Dana', 'Dana']);
    // The default lasts 8 hours.
    expect(Date.parse(claims[0]!.expiresAt) - Date.parse(claims[0]!.claimedAt)).toBe(8 * 3_600_000);

    const refused = await call('POST', '/v1/claims', eli, { orders: [order('o-2'), order('o-3')] });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toBe('claimed');
    expect((refused.json.claims as { orderId: string }[]).map((c) => c.orderId)).toEqual(['o-2']);

    const events = (await teamEvents(TEAM_EVENT_TYPES.claimed)).map((e) =>
      ClaimedPayloadSchema.parse(payloadOf(e)),
    );
    // The refused claim changed nothing and announced nothing.
    expect(events.flatMap((p) => p.claims.map((c) => `${c.orderId}:${c.by.name}`))).toEqual([
      'o-1:Dana',
      'o-2:Dana',
    ]);
  });

  it('takes a claim over when asked to, names who lost it, and logs it', async () => {
    const taken = await call('POST', '/v1/claims', eli, { orders: [order('o-2')], takeover: true });
    expect(taken.status).toBe(200);
    const last = (await teamEvents(TEAM_EVENT_TYPES.claimed)).at(-1)!;
    const payload = ClaimedPayloadSchema.parse(payloadOf(last));
    expect(payload.claims.map((c) => c.by.name)).toEqual(['Eli']);
    expect(payload.takenFrom.map((c) => c.name)).toEqual(['Dana']);
    expect(
      logLines.some((l) => l.includes('claim taken over') && l.includes('"from":"Dana"')),
    ).toBe(true);
  });

  it('releases only the caller’s own claims', async () => {
    const released = await call('POST', '/v1/claims/release', dana, {
      orders: [order('o-1'), order('o-2')],
    });
    expect(released.json.released).toEqual([order('o-1')]);
    const last = (await teamEvents(TEAM_EVENT_TYPES.released)).at(-1)!;
    expect(ReleasedPayloadSchema.parse(payloadOf(last)).by.name).toBe('Dana');
    // o-1 is free again: Eli claims it without takeover.
    expect((await call('POST', '/v1/claims', eli, { orders: [order('o-1')] })).status).toBe(200);
  });

  it('needs a named coordinator, and a valid body', async () => {
    expect((await call('POST', '/v1/claims', FEED_TOKEN, { orders: [order('o-9')] })).status).toBe(
      403,
    );
    expect((await call('POST', '/v1/claims', dana, { orders: [] })).status).toBe(400);
  });
});

describe('result reports', () => {
  const report = {
    reportId: 'job-1:sent',
    accountId: 'acc-1',
    orderId: 'o-1',
    outcome: 'sent',
    result: 'pass',
    at: '2026-01-01T10:00:00.000Z',
  };

  it('announces who sent which result, once per report id', async () => {
    expect((await call('POST', '/v1/result-reports', eli, report)).json).toEqual({
      duplicate: false,
    });
    expect((await call('POST', '/v1/result-reports', eli, report)).json).toEqual({
      duplicate: true,
    });
    const events = await teamEvents(TEAM_EVENT_TYPES.resultReported);
    expect(events).toHaveLength(1);
    expect(ResultReportedPayloadSchema.parse(payloadOf(events[0]!))).toEqual({
      ...report,
      by: { id: expect.any(String), name: 'Eli' },
    });
  });

  it('refuses a report with unknown fields (no free text rides along)', async () => {
    const bad = await call('POST', '/v1/result-reports', eli, {
      ...report,
      reportId: 'x',
      comment: 'hi',
    });
    expect(bad.status).toBe(400);
  });

  it('attributes every write in the log', () => {
    expect(
      logLines.some((l) => l.includes('desk write') && l.includes('"coordinator":"Eli"')),
    ).toBe(true);
  });
});
