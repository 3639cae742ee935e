import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../src-shared/contract';
import { openWorkspaceCache, type WorkspaceCache } from '../cache';
import { GatewayClientError } from './gateway-client';
import { SyncEngine, type SyncEngineOptions } from './sync-engine';
import { createCacheWriter, type CacheWriter } from './writer/cache-writer';
import { application, candidate, FakeFeed, FakeStackOne, job } from './testing/fakes';

const ACCOUNT = 'acc-1';

let open: { cache: WorkspaceCache; writer: CacheWriter; engine: SyncEngine }[] = [];
let dirs: string[] = [];
afterEach(async () => {
  for (const { cache, writer, engine } of open) {
    await engine.stop();
    await writer.close();
    cache.close();
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  open = [];
  dirs = [];
});

/** A file cache: the engine then writes through its worker thread, as the desk does. */
function fileCache(): WorkspaceCache {
  const dir = mkdtempSync(join(tmpdir(), 'sync-engine-'));
  dirs.push(dir);
  return openWorkspaceCache(join(dir, 'cache.sqlite'));
}

function setup(overrides: Partial<SyncEngineOptions> = {}) {
  const cache = overrides.cache ?? openWorkspaceCache(':memory:');
  const writer = createCacheWriter(cache);
  const stackone = new FakeStackOne();
  const feed = new FakeFeed();
  const statuses: SyncStatus[] = [];
  const engine = new SyncEngine({
    workspaceId: 'ws',
    cache,
    writer,
    accounts: [{ id: ACCOUNT, name: 'Acme', provider: 'greenhouse' }],
    gateway: feed.client(),
    stackone: (id) => stackone.client(id),
    intervalMs: 3_600_000,
    backoff: { baseMs: 1_000, maxMs: 8_000 },
    random: () => 1,
    onStatus: (s) => statuses.push(s),
    ...overrides,
  });
  open.push({ cache, writer, engine });
  return { cache, writer, stackone, feed, engine, statuses };
}

/** One order with its candidate, application and job in StackOne. */
function seedOrder(w: ReturnType<typeof setup>, n: number) {
  w.feed.addOrder(ACCOUNT, `o${n}`, { candidateId: `c${n}`, applicationId: `a${n}`, jobId: 'j1' });
}

describe('SyncEngine', () => {
  it('is single-flight: a second call joins the pass in flight', async () => {
    const w = setup();
    seedOrder(w, 1);
    w.stackone.set('candidates', [candidate('c1')]);
    w.stackone.set('applications', [application('a1', 'c1', 'j1')]);
    w.stackone.set('jobs', [job('j1')]);
    const first = w.engine.sync();
    const second = w.engine.sync();
    expect(await second).toEqual(await first);
    expect((await first).ok).toBe(true);
    expect(w.feed.reads).toBe(1);
    expect(w.stackone.count({ resource: 'candidates' })).toBe(1);
    expect(w.cache.getOrder(ACCOUNT, 'o1')?.candidate?.name).toBe('Candidate c1');
  });

  it('runs the StackOne lists once more when the feed carries ats_jobs events', async () => {
    const w = setup();
    seedOrder(w, 1);
    await w.engine.sync();
    const listings = w.stackone.count({ resource: 'job_postings' });
    // A job changed in the ATS: StackOne's webhook reaches the feed as an ats_jobs event.
    const event = w.feed.events[0]!;
    w.feed.events.push({
      ...event,
      seq: 2,
      cursor: 'c2',
      id: 'event:acc-1:evt_job',
      eventType: 'ats_jobs.updated',
      order: null,
    });
    await w.engine.sync();
    // The pass's own listing, then one more for the job event.
    await vi.waitFor(() =>
      expect(w.stackone.count({ resource: 'job_postings' })).toBe(listings + 2),
    );
  });

  it('does not move the feed cursor past a page that failed to store', async () => {
    const w = setup();
    for (let n = 1; n <= 4; n++) seedOrder(w, n);
    const real = w.cache.orders.upsertOrders.bind(w.cache.orders);
    let calls = 0;
    vi.spyOn(w.cache.orders, 'upsertOrders').mockImplementation((rows) => {
      // The second feed page (o3, o4) fails to store: disk full.
      if (rows.some((r) => r.id === 'o3') && calls++ === 0) throw new Error('SQLITE_FULL');
      return real(rows);
    });
    const failed = await w.engine.sync();
    expect(failed.ok).toBe(false);
    expect(w.cache.syncState.get('orders', '')?.cursor).toBe('c2');
    expect(w.cache.getOrder(ACCOUNT, 'o2')).not.toBeNull();
    expect(w.cache.getOrder(ACCOUNT, 'o3')).toBeNull();

    const retried = await w.engine.sync();
    expect(retried.failures.filter((f) => f.source === 'orders')).toEqual([]);
    expect(w.cache.syncState.get('orders', '')?.cursor).toBe('c4');
    expect(w.cache.getOrder(ACCOUNT, 'o4')).not.toBeNull();
  });

  it('keeps the high-water mark until a listing completes', async () => {
    const w = setup({ tuning: { listPageSize: 1 } });
    w.stackone.set('jobs', [
      { ...job('j1'), updated_at: '2025-10-01T00:00:00.000Z' },
      { ...job('j2'), updated_at: '2025-10-02T00:00:00.000Z' },
    ]);
    // The second page of jobs fails.
    let served = 0;
    const original = w.stackone.client.bind(w.stackone);
    w.stackone.client = (id) => {
      const client = original(id);
      const listJobs = client.listJobs;
      client.listJobs = (o) =>
        (async function* () {
          for await (const page of listJobs(o)) {
            if (served++ === 1) throw new Error('boom');
            yield page;
          }
        })();
      return client;
    };
    await w.engine.sync();
    expect(w.cache.jobs.getJob(ACCOUNT, 'j1')).not.toBeNull();
    expect(w.cache.syncState.get('jobs', ACCOUNT)?.updatedAfter ?? null).toBeNull();
    const status = w.engine.status().sources.find((s) => s.source === 'jobs');
    expect(status?.state).toBe('error');

    await w.engine.sync();
    expect(w.cache.syncState.get('jobs', ACCOUNT)?.updatedAfter).toBe('2025-10-02T00:00:00.000Z');
    // The next listing asks from the mark minus the overlap.
    await w.engine.sync();
    const last = w.stackone.calls.filter((c) => c.resource === 'jobs').at(-1);
    expect(last?.query.get('filter[updated_after]')).toBe('2025-10-01T23:58:00.000Z');
  });

  it('backs off after a failure, honouring Retry-After, and recovers', async () => {
    const w = setup();
    w.stackone.failures.push({ resource: 'jobs', status: 429, retryAfter: 600, times: 1 });
    w.engine.start();
    await vi.waitFor(() => expect(w.statuses.some((s) => s.state === 'error')).toBe(true));
    const status = w.engine.status();
    expect(status.state).toBe('error');
    const wait = Date.parse(status.nextRunAt!) - Date.now();
    expect(wait).toBeGreaterThan(590_000);
    expect(status.sources.find((s) => s.source === 'jobs')?.lastError).toMatch(/rate limit/i);

    // Without Retry-After the delay doubles per failure: base, 2·base, …
    const plain = setup();
    plain.stackone.failures.push({ resource: 'jobs', status: 500, times: 2 });
    plain.engine.start();
    await vi.waitFor(() => expect(plain.statuses.some((s) => s.state === 'error')).toBe(true));
    expect(Date.parse(plain.engine.status().nextRunAt!) - Date.now()).toBeLessThanOrEqual(1_000);
    await vi.waitFor(() => expect(plain.stackone.count({ resource: 'jobs' })).toBe(2), {
      timeout: 3_000,
    });
    await vi.waitFor(() =>
      expect(Date.parse(plain.engine.status().nextRunAt ?? '0') - Date.now()).toBeGreaterThan(
        1_000,
      ),
    );
  });

  it('shows a clear offline state when nothing is reachable; cached data stays readable', async () => {
    const w = setup();
    seedOrder(w, 1);
    w.stackone.set('candidates', [candidate('c1')]);
    expect((await w.engine.sync()).ok).toBe(true);

    w.stackone.offline = true;
    w.feed.fail = new GatewayClientError('unreachable', 'Could not reach the order gateway.');
    const result = await w.engine.sync();
    expect(result.offline).toBe(true);
    const status = w.engine.status();
    expect(status.state).toBe('offline');
    expect(status.offlineSince).not.toBeNull();
    expect(status.lastSuccessAt).not.toBeNull();
    expect(status.sources.find((s) => s.source === 'orders')?.lastError).toMatch(/reach/);
    expect(w.cache.getOrder(ACCOUNT, 'o1')?.candidate?.name).toBe('Candidate c1');

    w.stackone.offline = false;
    w.feed.fail = null;
    await w.engine.sync();
    expect(w.engine.status().state).toBe('idle');
    expect(w.engine.status().offlineSince).toBeNull();
  });

  it('marks a record missing on 404 without failing the sync', async () => {
    const w = setup();
    w.feed.addOrder(ACCOUNT, 'o1', { candidateId: 'gone', applicationId: 'a1', jobId: 'j1' });
    w.stackone.set('applications', [application('a1', 'gone', 'j1')]);
    w.stackone.set('jobs', [job('j1')]);
    const result = await w.engine.sync();
    expect(result.ok).toBe(true);
    expect(w.cache.candidates.get(ACCOUNT, 'gone')?.missing).toBe(true);
    expect(w.stackone.count({ resource: 'candidates', byId: true })).toBe(1);
    // Known missing: not asked again.
    await w.engine.sync();
    expect(w.stackone.count({ resource: 'candidates', byId: true })).toBe(1);
  });

  it('fetches a few missing references by id and many by one full listing', async () => {
    const w = setup({ tuning: { byIdLimit: 3 } });
    w.stackone.set('jobs', [job('j1')]);
    // First pass: nothing referenced yet; the lists set their high-water marks.
    w.stackone.set('candidates', [candidate('c0', '2025-10-05T00:00:00.000Z')]);
    await w.engine.sync();

    // Orders for old candidates, changed before the mark: the incremental list will not bring them.
    const old = (n: number) => candidate(`c${n}`, '2025-01-01T00:00:00.000Z');
    w.stackone.set('candidates', [candidate('c0', '2025-10-05T00:00:00.000Z'), old(1), old(2)]);
    seedOrder(w, 1);
    seedOrder(w, 2);
    const before = w.stackone.calls.length;
    await w.engine.sync();
    const fetched = w.stackone.calls.slice(before).filter((c) => c.resource === 'candidates');
    expect(fetched.filter((c) => c.id !== null).map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(fetched.filter((c) => c.id === null)).toHaveLength(1);

    // Five more: above the limit, so one listing without updated_after instead of five GETs.
    const more = [3, 4, 5, 6, 7];
    w.stackone.set('candidates', [
      candidate('c0', '2025-10-05T00:00:00.000Z'),
      old(1),
      old(2),
      ...more.map(old),
    ]);
    for (const n of more) seedOrder(w, n);
    const mark = w.stackone.calls.length;
    await w.engine.sync();
    const next = w.stackone.calls.slice(mark).filter((c) => c.resource === 'candidates');
    expect(next.filter((c) => c.id !== null)).toEqual([]);
    expect(next.map((c) => c.query.has('filter[updated_after]'))).toEqual([true, false]);
    for (const n of more) expect(w.cache.candidates.get(ACCOUNT, `c${n}`)).not.toBeNull();
  });

  it('quarantines malformed records with a reason and stores the rest of the page', async () => {
    const w = setup();
    w.stackone.set('candidates', [
      candidate('c1'),
      { ...candidate('c2'), emails: 'c2@x.test' },
      { ...candidate('c3'), id: 12345 },
      candidate('c4'),
    ]);
    const result = await w.engine.sync();
    expect(result.ok).toBe(true);
    expect(w.cache.candidates.get(ACCOUNT, 'c1')).not.toBeNull();
    expect(w.cache.candidates.get(ACCOUNT, 'c4')).not.toBeNull();
    expect(w.cache.candidates.get(ACCOUNT, 'c2')).toBeNull();
    const quarantined = w.cache.quarantine.list();
    expect(quarantined.map((q) => q.reason).sort()).toEqual([
      'emails: expected an array, got a string',
      'id: expected a string, got a number',
    ]);
    expect(w.engine.status().quarantined).toBe(2);

    // Fixed in the ATS: it leaves quarantine.
    w.stackone.set('candidates', [candidate('c1'), candidate('c2', '2025-10-09T00:00:00.000Z')]);
    await w.engine.sync();
    expect(w.cache.candidates.get(ACCOUNT, 'c2')).not.toBeNull();
    expect(w.cache.quarantine.list().map((q) => q.recordId)).toEqual([null]);
  });

  it('reports a setup problem on every source without running', () => {
    const w = setup({ gateway: null, stackone: null });
    w.engine.markSetupProblem({
      orders: 'No gateway token is stored for this workspace.',
      stackone: 'No StackOne API key is stored for this workspace.',
    });
    const status = w.engine.status();
    expect(status.state).toBe('error');
    const [orders, ...rest] = status.sources;
    expect(orders?.lastError).toMatch(/^No gateway token/);
    expect(rest.every((s) => s.lastError?.startsWith('No StackOne API key'))).toBe(true);
  });

  it('stop() aborts the pass in flight', async () => {
    const w = setup();
    let release: () => void = () => undefined;
    w.feed.client = () =>
      ({
        readFeed: (_after: unknown, o: { signal: AbortSignal }) =>
          new Promise((_resolve, reject) => {
            release = () => reject(new Error('released'));
            if (o.signal.aborted) reject(new GatewayClientError('aborted', 'cancelled'));
            o.signal.addEventListener('abort', () =>
              reject(new GatewayClientError('aborted', 'cancelled')),
            );
          }),
      }) as never;
    const engine = new SyncEngine({
      workspaceId: 'ws2',
      cache: w.cache,
      writer: w.writer,
      accounts: [],
      gateway: w.feed.client(),
      stackone: null,
    });
    const pass = engine.sync();
    // Let the pass reach the feed request before stopping.
    await vi.waitFor(() => expect(engine.running).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await engine.stop();
    const result = await pass;
    expect(result.aborted).toBe(true);
    release();
  });

  describe('with the writer worker (a file cache)', () => {
    it('stores a pass through the worker and reports only committed data', async () => {
      const tables: string[][] = [];
      const w = setup({ cache: fileCache(), onDataChanged: (t) => tables.push(t) });
      for (let n = 1; n <= 5; n++) seedOrder(w, n);
      w.stackone.set(
        'candidates',
        [1, 2, 3, 4, 5].map((n) => candidate(`c${n}`)),
      );
      w.stackone.set('jobs', [job('j1')]);
      const result = await w.engine.sync();
      expect(result.ok).toBe(true);
      expect(w.cache.syncState.get('orders', '')?.cursor).toBe('c5');
      expect(w.cache.getOrder(ACCOUNT, 'o5')?.candidate?.name).toBe('Candidate c5');
      const orders = w.engine.status().sources.find((s) => s.source === 'orders');
      expect(orders?.counts).toEqual({ fetched: 5, written: 5, quarantined: 0 });
      await vi.waitFor(() => expect(tables.flat()).toContain('orders'));
    });

    it('fails the pass cleanly when the worker cannot write, and the next pass starts a new one', async () => {
      // No backoff pass may start by itself (before the schema is repaired) and be joined below.
      const w = setup({ cache: fileCache(), backoff: { baseMs: 3_600_000, maxMs: 3_600_000 } });
      seedOrder(w, 1);
      w.stackone.set('candidates', [candidate('c1')]);
      // A schema this build does not know: the worker refuses the file and its thread ends.
      const future = w.cache.db.prepare(
        "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (99, 'future', '', '')",
      );
      future.run();
      const failed = await w.engine.sync();
      expect(failed.ok).toBe(false);
      const orders = w.engine.status().sources.find((s) => s.source === 'orders');
      expect(orders?.state).toBe('error');
      expect(orders?.lastError).toMatch(/cache writer stopped unexpectedly/);
      expect(w.cache.syncState.get('orders', '')?.cursor ?? null).toBeNull();
      expect(w.cache.getOrder(ACCOUNT, 'o1')).toBeNull();

      w.cache.db.prepare('DELETE FROM schema_migrations WHERE version = 99').run();
      const retried = await w.engine.sync();
      expect(retried.ok).toBe(true);
      expect(w.cache.syncState.get('orders', '')?.cursor).toBe('c1');
      expect(w.cache.getOrder(ACCOUNT, 'o1')?.candidate?.name).toBe('Candidate c1');
    });
  });
});

describe('high-water marks and the desk clock', () => {
  const base: Record<string, (id: string, updatedAt: string) => Record<string, unknown>> = {
    candidates: (id, updatedAt) => candidate(id, updatedAt),
    applications: (id, updatedAt) => ({ ...application(id, 'c1', 'j1'), updated_at: updatedAt }),
    jobs: (id, updatedAt) => ({ ...job(id), updated_at: updatedAt }),
    job_postings: (id, updatedAt) => ({ id, title: `Posting ${id}`, updated_at: updatedAt }),
  };

  for (const resource of ['candidates', 'applications', 'jobs', 'job_postings'] as const) {
    it(`a ${resource} record stamped in the future does not hide a later change`, async () => {
      const w = setup();
      const make = base[resource]!;
      w.stackone.set(resource, [
        make('future', '9999-12-31T00:00:00.000Z'),
        { ...make('n1', '2025-10-01T00:00:00.000Z'), marker: 'v1' },
      ]);
      expect((await w.engine.sync()).ok).toBe(true);
      const source = w.engine.status().sources.find((s) => s.source === resource);
      expect(source?.notice).toContain('future');
      const mark = w.cache.syncState.get(resource, ACCOUNT)?.updatedAfter ?? '';
      expect(mark < new Date().toISOString()).toBe(true);

      w.stackone.set(resource, [
        make('future', '9999-12-31T00:00:00.000Z'),
        { ...make('n1', new Date().toISOString()), marker: 'v2' },
      ]);
      expect((await w.engine.sync()).ok).toBe(true);
      const last = w.stackone.calls.filter((c) => c.resource === resource && c.id === null).at(-1);
      expect(last?.query.get('filter[updated_after]')).not.toBeNull();
      const row = w.cache.db
        .prepare(`SELECT raw_json FROM ${resource} WHERE account_id = ? AND id = 'n1'`)
        .get(ACCOUNT) as { raw_json: string };
      expect(JSON.parse(row.raw_json)).toMatchObject({ marker: 'v2' });
    });
  }

  it('lists in full again once the full-listing interval has passed', async () => {
    let now = Date.parse('2026-01-01T00:00:00.000Z');
    const w = setup({ now: () => new Date(now), tuning: { fullListEveryMs: 3_600_000 } });
    w.stackone.set('jobs', [job('j1')]);
    await w.engine.sync();
    await w.engine.sync();
    const queries = () =>
      w.stackone.calls
        .filter((c) => c.resource === 'jobs' && c.id === null)
        .map((c) => c.query.get('filter[updated_after]'));
    expect(queries()).toEqual([null, expect.any(String)]);
    now += 3_600_000;
    await w.engine.sync();
    expect(queries().at(-1)).toBeNull();
  });
});
