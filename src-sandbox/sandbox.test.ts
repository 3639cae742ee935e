import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index';
import { sandboxClient, type LooseJson } from './testing/sandbox-client';

/** Behaviour a sync engine relies on: incremental sync, faults, malformed records, accounts. */

let sb: RunningSandbox;
let call: ReturnType<typeof sandboxClient>;
let account: string;

beforeAll(async () => {
  sb = await startSandbox({ seed: 99, accounts: 2, orders: 260 });
  call = sandboxClient(sb);
  account = sb.accounts[0]!.id;
});
afterAll(() => sb.close());

async function listAll(path: string, query = '', acc = account): Promise<LooseJson[]> {
  const out: LooseJson[] = [];
  let next: string | null = null;
  do {
    const res: { status: number; body: LooseJson } = await call(
      `${path}?page_size=100${query}${next ? `&next=${next}` : ''}`,
      { account: acc },
    );
    expect(res.status).toBe(200);
    out.push(...res.body.data);
    next = res.body.next;
  } while (next);
  return out;
}

describe('incremental sync', () => {
  it('sees the candidate and application of a new order through filter[updated_after]', async () => {
    const highWater = async (path: string) =>
      (await listAll(path))
        .map((c) => c.updated_at as string)
        .sort()
        .at(-1)!;
    const candidatesMark = await highWater('/unified/ats/candidates');
    const applicationsMark = await highWater('/unified/ats/applications');
    expect(
      await listAll('/unified/ats/candidates', `&filter[updated_after]=${candidatesMark}`),
    ).toEqual([]);

    const order = sb.inspect.createOrder({ accountId: account, kind: 'assessment' });
    const newCandidates = await listAll(
      '/unified/ats/candidates',
      `&filter[updated_after]=${candidatesMark}`,
    );
    const newApps = await listAll(
      '/unified/ats/applications',
      `&filter[updated_after]=${applicationsMark}`,
    );
    expect(newCandidates.map((c) => c.id)).toEqual([order.candidate_id]);
    expect(newApps.map((a) => a.id)).toEqual([order.application_id]);
    expect(newApps[0].application_status.value).toBe('assessment');
    expect(newCandidates[0].application_ids).toContain(order.application_id);
  });

  it('filter[created_after] is strict and combines with other filters', async () => {
    const apps = await listAll('/unified/ats/applications');
    const pivot = apps.map((a) => a.created_at as string).sort()[Math.floor(apps.length / 2)]!;
    const after = await listAll('/unified/ats/applications', `&filter[created_after]=${pivot}`);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((a) => a.created_at > pivot)).toBe(true);
    const jobId = apps[0].job_id as string;
    const forJob = await listAll('/unified/ats/applications', `&filter[job_id]=${jobId}`);
    expect(forJob.length).toBe(apps.filter((a) => a.job_id === jobId).length);
  });

  it('early short pages still carry a cursor, and paging still gets everything', async () => {
    const all = await listAll('/unified/ats/candidates');
    sb.inspect.faults.set({ shortPageRate: 0.5 });
    try {
      const again = await listAll('/unified/ats/candidates');
      expect(again.map((c) => c.id)).toEqual(all.map((c) => c.id));
      const shortWithCursor = sb.inspect
        .requests({ path: '/unified/ats/candidates' })
        .filter((r) => r.status === 200);
      expect(shortWithCursor.length).toBeGreaterThan(Math.ceil(all.length / 100));
    } finally {
      sb.inspect.faults.set({ shortPageRate: 0 });
    }
  });

  it('clamps page_size to 100', async () => {
    const res = await call('/unified/ats/candidates?page_size=1000');
    expect(res.body.data).toHaveLength(100);
  });

  it('jobs can be filtered by job_status', async () => {
    const open = await listAll('/unified/ats/jobs', '&filter[job_status]=open');
    const all = await listAll('/unified/ats/jobs');
    expect(open.length).toBe(all.filter((j) => j.job_status.value === 'open').length);
    expect(open.every((j) => j.job_status.value === 'open')).toBe(true);
  });
});

describe('faults', () => {
  it('enforces a request budget per minute with 429 and Retry-After', async () => {
    sb.inspect.faults.set({ rateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 5; i++) {
        const res = await call('/unified/ats/jobs?page_size=1');
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get('retry-after');
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    } finally {
      sb.inspect.faults.reset();
    }
  });

  it('fails the next N requests with a given status, then recovers', async () => {
    sb.inspect.faults.failNext(2, 408, { retryAfterSeconds: 7 });
    const a = await call('/unified/ats/jobs');
    const b = await call('/unified/ats/jobs');
    const c = await call('/unified/ats/jobs');
    expect([a.status, b.status, c.status]).toEqual([408, 408, 200]);
    expect(a.headers.get('retry-after')).toBe('7');
  });

  it('injects random 5xx at the configured rate', async () => {
    sb.inspect.faults.set({ errorRates: { '503': 1 } });
    try {
      const res = await call('/unified/ats/jobs');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).not.toBeNull();
    } finally {
      sb.inspect.faults.reset();
    }
  });

  it('serves malformed records deterministically and lists them', async () => {
    sb.inspect.faults.set({ malformedRate: 0.2 });
    try {
      const malformed = sb.inspect
        .malformed()
        .filter((m) => m.accountId === account && m.resource === 'candidates');
      expect(malformed.length).toBeGreaterThan(0);
      const first = await listAll('/unified/ats/candidates');
      const second = await listAll('/unified/ats/candidates');
      expect(second).toEqual(first);
      const ids = new Set(malformed.map((m) => m.id));
      const ok = sb.inspect.recordIds(account, 'candidates').filter((id) => !ids.has(id));
      // Every malformed candidate differs from its stored form; every other one is served as is.
      const served = first.filter(
        (c) => typeof c.id !== 'string' || ids.has(c.id) || c.created_at === 'not a date',
      );
      expect(served.length).toBe(malformed.length);
      const one = await call(`/unified/ats/candidates/${ok[0]}?include=custom_fields`);
      expect(one.body.data).toEqual(sb.inspect.record(account, 'candidates', ok[0]!));
    } finally {
      sb.inspect.faults.reset();
    }
  });

  it('adds latency', async () => {
    sb.inspect.faults.set({ latencyMs: { min: 60, max: 60 } });
    try {
      const started = performance.now();
      await call('/unified/ats/jobs');
      expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    } finally {
      sb.inspect.faults.reset();
    }
  });

  it('rejects invalid fault settings', () => {
    expect(() => sb.inspect.faults.set({ malformedRate: 2 })).toThrow();
  });
});

describe('accounts and writes', () => {
  it('GET /accounts lists linked accounts; suspension gives 412 until lifted', async () => {
    const res = await call('/accounts', { account: null });
    expect(res.status).toBe(200);
    expect(res.body.map((a: { id: string }) => a.id)).toEqual(sb.accounts.map((a) => a.id));
    sb.inspect.setAccountSuspended(account, true);
    expect((await call('/unified/ats/jobs')).status).toBe(412);
    sb.inspect.setAccountSuspended(account, false);
    expect((await call('/unified/ats/jobs')).status).toBe(200);
  });

  it('records result PATCHes, including ones for unknown orders or the wrong account', async () => {
    const order = sb.inspect.orders({ kind: 'background_check' })[0]!;
    const other = sb.accounts.find((a) => a.id !== order.account_id)!.id;
    const body = {
      result: { value: 'completed' },
      summary: 'Clear',
      result_url: 'https://reports.example.com/r/1',
    };
    expect(
      (
        await call(`/unified/ats/background_checks/orders/${order.id}/result`, {
          method: 'PATCH',
          account: order.account_id,
          body,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(`/unified/ats/background_checks/orders/${order.id}/result`, {
          method: 'PATCH',
          account: other,
          body,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(`/unified/ats/assessments/orders/${order.id}/result`, {
          method: 'PATCH',
          account: order.account_id,
          body,
        })
      ).status,
    ).toBe(404);
    const writes = sb.inspect.results({ orderId: order.id });
    expect(writes.map((w) => [w.kind, w.status])).toEqual([
      ['background_check', 200],
      ['background_check', 404],
      ['assessment', 404],
    ]);
    expect(writes[0]!.body).toEqual(body);
  });

  it('logs every request with account and status, filterable by seq', async () => {
    const seq = sb.inspect.lastRequestSeq();
    await call('/unified/ats/job_postings?page_size=5');
    await call('/unified/ats/job_postings', { apiKey: 'bad' });
    const log = sb.inspect.requests({ afterSeq: seq });
    expect(log.map((r) => [r.method, r.path, r.status, r.accountId])).toEqual([
      ['GET', '/unified/ats/job_postings', 200, account],
      ['GET', '/unified/ats/job_postings', 401, account],
    ]);
    expect(log[0]!.query).toEqual({ page_size: '5' });
  });
});
