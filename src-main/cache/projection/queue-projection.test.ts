import { mkdirSync, mkdtempSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateWorkspace } from '../testing/test-data';
import { openWorkspaceCache, type WorkspaceCache } from '../workspace-cache';
import {
  inThreadProjectionBuilder,
  workerProjectionBuilder,
  type ProjectionBuilder,
} from './projection-builder';
import {
  buildProjectionData,
  type ProjectionData,
  type ProjectionRequest,
} from './projection-data';
import { pageOfRanks, QueueProjection } from './queue-projection';

const nowMs = Date.parse('2026-06-01T12:00:00.000Z');
const now = new Date(nowMs).toISOString();

describe('pageOfRanks', () => {
  const view = Int32Array.from([2, 5, 7, 11, 13]);
  it('pages either way, by offset and after a row in the view or not', () => {
    expect(pageOfRanks(view, 'asc', null, 0, 2)).toEqual([2, 5]);
    expect(pageOfRanks(view, 'asc', null, 3, 5)).toEqual([11, 13]);
    expect(pageOfRanks(view, 'desc', null, 0, 2)).toEqual([13, 11]);
    expect(pageOfRanks(view, 'desc', null, 4, 2)).toEqual([2]);
    expect(pageOfRanks(view, 'asc', 5, 0, 2)).toEqual([7, 11]);
    expect(pageOfRanks(view, 'asc', 6, 1, 9)).toEqual([11, 13]);
    expect(pageOfRanks(view, 'desc', 7, 0, 9)).toEqual([5, 2]);
    expect(pageOfRanks(view, 'desc', 8, 0, 1)).toEqual([7]);
    expect(pageOfRanks(view, 'asc', 13, 0, 5)).toEqual([]);
    expect(pageOfRanks(view, 'desc', 2, 0, 5)).toEqual([]);
  });
});

describe('QueueProjection.positionsOfJson', () => {
  it('reads a JSON array of seqs into positions, leaving out seqs it does not hold', () => {
    const seqs = Int32Array.from([3, 10, 11, 400]);
    const data = {
      seqs,
      groupOf: new Uint32Array(4),
      dueAt: new Float64Array(4),
      groups: [{ kind: 'assessment', status: 'new', account_id: 'a', package_id: '' }],
      orders: {} as ProjectionData['orders'],
      terms: {
        text: '',
        termStart: Int32Array.of(0),
        instanceStart: Int32Array.of(0),
        instancePosition: new Int32Array(0),
        instanceAt: new Int32Array(0),
      },
    };
    const projection = new QueueProjection('v', data);
    expect([...projection.positionsOfJson('[]')]).toEqual([]);
    expect([...projection.positionsOfJson('[10]')]).toEqual([1]);
    expect([...projection.positionsOfJson('[3,4,11,400,9999]')]).toEqual([0, 2, 3]);
    expect([...projection.positionsOfJson('[ 400 , 3 ]')]).toEqual([3, 0]);
  });
});

describe('the queue projection of a cache file', () => {
  const dirs: string[] = [];
  const caches: WorkspaceCache[] = [];
  afterEach(async () => {
    for (const c of caches.splice(0)) {
      await c.queue.close();
      c.close();
    }
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  /** Two connections to one new cache file with orders: the desk's and another writer's. */
  const open = () => {
    const dir = mkdtempSync(join(tmpdir(), 'queue-projection-'));
    dirs.push(dir);
    const path = join(dir, 'cache.sqlite');
    const desk = openWorkspaceCache(path);
    const other = openWorkspaceCache(path);
    caches.push(desk, other);
    const data = generateWorkspace({ orders: 400, accounts: 2, now: nowMs, seed: 5 });
    other.transaction(() => other.orders.upsertOrders(data.orders));
    return { path, desk, other };
  };
  /** The cancelled orders "an" finds, and one it finds that is not cancelled (to cancel). */
  const cancelled = { now, search: 'an', statuses: ['cancelled' as const], limit: 500 };
  const notCancelled = (cache: WorkspaceCache) =>
    cache.queue
      .queryOrders({ now, search: 'an', limit: 50 })
      .rows.find((r) => r.status !== 'cancelled')!;
  const usesProjection = (cache: WorkspaceCache, search: string) =>
    cache.queue.explainPage({ now, search }).plan.some((d) => d.startsWith('QUEUE PROJECTION'));

  it('is built by a worker thread and answers as SQL does', async () => {
    const { path, desk, other } = open();
    desk.queue.useProjection(workerProjectionBuilder(path));
    expect(await desk.queue.projectionReady()).toBe(true);
    expect(usesProjection(desk, 'an')).toBe(true);
    for (const search of ['an', 'ord_0', 'anna']) {
      for (const direction of ['asc', 'desc'] as const) {
        const query = {
          now,
          search,
          sort: { column: 'candidate' as const, direction },
          limit: 500,
        };
        // `other` has no projection: its searches run in SQL.
        expect(desk.queue.queryOrders(query)).toEqual(other.queue.queryOrders(query));
        expect(desk.queue.facetCounts(query)).toEqual(other.queue.facetCounts(query));
      }
    }
  });

  it("reads an ASCII search's hits from its term list, and any other search's from FTS5", async () => {
    const { path, desk, other } = open();
    desk.queue.useProjection(workerProjectionBuilder(path));
    expect(await desk.queue.projectionReady()).toBe(true);
    const head = (search: string) => desk.queue.explainPage({ now, search }).plan;
    expect(head('ord_0 an')[0]).toMatch(/term list/);
    expect(head('ord_0 an').some((d) => d.includes('orders_fts'))).toBe(false);
    expect(head('chloé')[0]).toMatch(/FTS5/);
    expect(head('chloé').some((d) => d.includes('orders_fts'))).toBe(true);
    // Either way, the same answers as FTS5 and SQL on a connection without a projection.
    for (const search of ['ord_0 an', 'chloé', 'Müll', 'emile ord']) {
      const query = { now, search, limit: 500 };
      expect(other.queue.queryOrders(query).total, search).toBeGreaterThan(0);
      expect(desk.queue.queryOrders(query), search).toEqual(other.queue.queryOrders(query));
      expect(desk.queue.facetCounts(query), search).toEqual(other.queue.facetCounts(query));
    }
  });

  it('is not used once another connection commits, and a new one is built', async () => {
    const { path, desk, other } = open();
    desk.queue.useProjection(workerProjectionBuilder(path));
    expect(await desk.queue.projectionReady()).toBe(true);
    const before = desk.queue.queryOrders(cancelled).total;
    const target = notCancelled(desk);
    other.orders.setStatus(target.accountId, target.id, 'cancelled');
    expect(usesProjection(desk, 'an')).toBe(false);
    expect(desk.queue.queryOrders(cancelled).total).toBe(before + 1);
    expect(await desk.queue.projectionReady()).toBe(true);
    expect(usesProjection(desk, 'an')).toBe(true);
    expect(desk.queue.queryOrders(cancelled)).toEqual(other.queue.queryOrders(cancelled));
  });

  it('drops a build that arrives after a commit it did not see', async () => {
    const { desk, other } = open();
    // A builder that reads at once (the snapshot of when it was asked) and hands over later.
    const handed: (() => void)[] = [];
    let requested = () => undefined as void;
    const slow: ProjectionBuilder = {
      build: (request: ProjectionRequest) =>
        new Promise<ProjectionData>((resolve) => {
          const data = buildProjectionData(desk.db, request);
          handed.push(() => resolve(data));
          requested();
        }),
      close: () => Promise.resolve(),
    };
    desk.queue.useProjection(slow);
    // The first search asks for a build and is answered in SQL.
    const before = desk.queue.queryOrders(cancelled).total;
    expect(handed).toHaveLength(1);
    const target = notCancelled(desk);
    other.orders.setStatus(target.accountId, target.id, 'cancelled');
    const secondRequest = new Promise<void>((resolve) => (requested = resolve));
    handed[0]!();
    // Waits for the first build, finds it older than the data, and asks for another.
    const ready = desk.queue.projectionReady();
    await secondRequest;
    expect(usesProjection(desk, 'an')).toBe(false);
    expect(desk.queue.queryOrders(cancelled).total).toBe(before + 1);
    handed[1]!();
    expect(await ready).toBe(true);
    expect(usesProjection(desk, 'an')).toBe(true);
    expect(desk.queue.queryOrders(cancelled).total).toBe(before + 1);
  });

  it('is asked for by searches and jumps, and then used by every page', async () => {
    const { desk } = open();
    let builds = 0;
    const inThread = inThreadProjectionBuilder(desk.db);
    desk.queue.useProjection({
      build: (request) => {
        builds++;
        return inThread.build(request);
      },
      close: () => Promise.resolve(),
    });
    const first = desk.queue.queryOrders({ now, limit: 10 });
    const last = first.rows[9]!;
    desk.queue.queryOrders({ now, limit: 10, after: { accountId: last.accountId, id: last.id } });
    desk.queue.facetCounts({ now });
    expect(builds).toBe(0);
    desk.queue.queryOrders({ now, offset: 100 });
    expect(builds).toBe(1);
    expect(await desk.queue.projectionReady()).toBe(true);
    expect(desk.queue.explainPage({ now }).plan[0]).toMatch(/^QUEUE PROJECTION/);
    expect(builds).toBe(1);
  });

  it('leaves queries in SQL when a build fails, and does not ask again at once', async () => {
    const { desk, other } = open();
    let builds = 0;
    desk.queue.useProjection({
      build: () => {
        builds++;
        return Promise.reject(new Error('no worker here'));
      },
      close: () => Promise.resolve(),
    });
    const query = { now, search: 'an', limit: 500 };
    expect(desk.queue.queryOrders(query)).toEqual(other.queue.queryOrders(query));
    expect(await desk.queue.projectionReady()).toBe(false);
    expect(desk.queue.projectionError?.message).toBe('no worker here');
    const asked = builds;
    expect(desk.queue.queryOrders({ ...query, search: 'anna' })).toEqual(
      other.queue.queryOrders({ ...query, search: 'anna' }),
    );
    expect(builds).toBe(asked);
  });

  it('reports a worker that dies, and starts a new one for the next build', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'queue-projection-'));
    dirs.push(dir);
    // A folder where the cache file should be: the worker cannot open it, and its thread ends.
    const path = join(dir, 'cache.sqlite');
    mkdirSync(path);
    const builder = workerProjectionBuilder(path);
    const failed = builder.build({} as ProjectionRequest);
    await expect(failed).rejects.toThrow(/unable to open|exited/i);
    rmdirSync(path);
    const cache = openWorkspaceCache(path);
    caches.push(cache);
    cache.orders.upsertOrders(
      generateWorkspace({ orders: 20, accounts: 1, now: nowMs, seed: 3 }).orders,
    );
    cache.queue.useProjection(builder);
    expect(await cache.queue.projectionReady()).toBe(true);
    expect(cache.queue.queryOrders({ now, search: 'ord' }).total).toBe(20);
  });

  it('is built of an empty cache too, and finds nothing there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'queue-projection-'));
    dirs.push(dir);
    const path = join(dir, 'cache.sqlite');
    const empty = openWorkspaceCache(path);
    caches.push(empty);
    empty.queue.useProjection(workerProjectionBuilder(path));
    expect(await empty.queue.projectionReady()).toBe(true);
    expect(usesProjection(empty, 'anna')).toBe(true);
    expect(empty.queue.queryOrders({ now, search: 'anna' })).toEqual({ rows: [], total: 0 });
    expect(empty.queue.queryOrders({ now, offset: 10 })).toEqual({ rows: [], total: 0 });
    expect(empty.queue.facetCounts({ now, search: 'anna' }).total).toBe(0);
  });

  it('is not used inside a transaction, whose writes it has not seen', async () => {
    const { desk } = open();
    desk.queue.useProjection(inThreadProjectionBuilder(desk.db));
    expect(await desk.queue.projectionReady()).toBe(true);
    const before = desk.queue.queryOrders(cancelled).total;
    const target = notCancelled(desk);
    expect(() =>
      desk.transaction(() => {
        desk.orders.setStatus(target.accountId, target.id, 'cancelled');
        expect(usesProjection(desk, 'an')).toBe(false);
        expect(desk.queue.queryOrders(cancelled).total).toBe(before + 1);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(desk.queue.queryOrders(cancelled).total).toBe(before);
  });
});
