import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src-gateway';
import { addCoordinator } from '../src-gateway/coordinators';
import { openWorkspaceCache, type WorkspaceCache } from '../src-main/cache';
import { generateWorkspace } from '../src-main/cache/testing/test-data';
import { silentLogger } from '../src-main/infra/logging/logger';
import { createGatewayClient } from '../src-main/sync/gateway-client';
import { TeamSession } from '../src-main/sync/team-session';
import { createCacheWriter, type CacheWriter } from '../src-main/sync/writer/cache-writer';
import { ResultReportedPayloadSchema, TEAM_EVENT_TYPES } from '../src-shared/gateway';
import type { TeamIdentity } from '../src-shared/contract';

/**
 * A desk's result reports reach the team through the gateway: durably (a gateway that is down
 * leaves the report waiting in the cache), once (a resend is deduplicated), and with nothing but
 * the order, the result value, the outcome and who (no body text). A revoked token signs the desk
 * out.
 */

const FEED_TOKEN = 'feed-token-reports-1';
let gw: RunningGateway;
let cache: WorkspaceCache;
let writer: CacheWriter;
let dana: string;
const SUMMARY = 'Private free text of the result body';

beforeAll(async () => {
  gw = await startGateway({
    port: 0,
    dbPath: ':memory:',
    webhookSecrets: ['whsec-reports-1'],
    feedToken: FEED_TOKEN,
  });
  dana = (await addCoordinator(gw.store, 'Dana')).token;
  cache = openWorkspaceCache(':memory:');
  writer = createCacheWriter(cache);
  const order = generateWorkspace({ orders: 1, accounts: 1 }).orders[0]!;
  cache.transaction(() => {
    cache.orders.upsertOrders([order]);
    cache.results.enqueue(
      {
        id: 'job-1',
        accountId: order.accountId,
        orderId: order.id,
        kind: order.kind,
        fieldSet: 'assessment',
        values: {} as never,
        body: JSON.stringify({ result: 'passed', summary: SUMMARY }),
        resultValue: 'passed',
      },
      '2026-06-01T10:00:00.000Z',
    );
  });
  // As the outbox leaves a delivered job.
  cache.db.prepare("UPDATE outbox_jobs SET state = 'sent' WHERE id = 'job-1'").run();
});
afterAll(async () => {
  await writer.close();
  cache.close();
  await gw.close();
});

function session(baseUrl: string, token: string, seen: TeamIdentity[] = []) {
  return new TeamSession({
    gateway: createGatewayClient({ baseUrl, token, retry: { maxAttempts: 1 } }),
    cache,
    writer,
    logger: silentLogger,
    intervalMs: 60_000,
    onIdentity: (identity) => void seen.push(identity),
  });
}

async function reportsInFeed() {
  const events = [];
  for (const e of (await gw.store.readEvents(0, 1000)).filter(
    (e) => e.eventType === TEAM_EVENT_TYPES.resultReported,
  )) {
    events.push({
      text: Buffer.from(e.rawBody).toString(),
      payload: ResultReportedPayloadSchema.parse(JSON.parse(Buffer.from(e.rawBody).toString())),
    });
  }
  return events;
}

describe('result reports', () => {
  it('wait in the cache while the gateway cannot be reached', async () => {
    const down = session('http://127.0.0.1:9', dana);
    await down.wake();
    down.stop();
    expect(down.identity.state).toBe('unknown');
    expect(cache.results.unreported(10).map((j) => j.jobId)).toEqual(['job-1']);
    expect(await reportsInFeed()).toEqual([]);
  });

  it('go out once the gateway answers, attributed, without the body’s text', async () => {
    const seen: TeamIdentity[] = [];
    const up = session(gw.url, dana, seen);
    await up.wake();
    expect(seen).toEqual([
      { state: 'team', coordinator: { id: expect.any(String), name: 'Dana' } },
    ]);
    expect(cache.results.unreported(10)).toEqual([]);
    const reports = await reportsInFeed();
    expect(reports).toHaveLength(1);
    expect(reports[0]!.payload).toMatchObject({
      reportId: 'job-1:sent',
      outcome: 'sent',
      result: 'passed',
      by: { name: 'Dana' },
    });
    expect(reports[0]!.text).not.toContain(SUMMARY);

    // A report whose answer was lost goes again: the gateway keeps it once.
    cache.db.prepare("UPDATE outbox_jobs SET reported_state = NULL WHERE id = 'job-1'").run();
    await up.wake();
    up.stop();
    expect(await reportsInFeed()).toHaveLength(1);
  });

  it('signs the desk out when its token is revoked', async () => {
    const seen: TeamIdentity[] = [];
    const s = session(gw.url, dana, seen);
    await s.wake();
    await gw.store.revokeCoordinator('Dana', new Date().toISOString());
    await s.wake();
    s.stop();
    expect(seen.map((i) => i.state)).toEqual(['team', 'signed_out']);
  });
});
