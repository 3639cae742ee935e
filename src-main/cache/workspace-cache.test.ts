import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, MigrationError } from '../../src-shared/db/migrate';
import { openDatabase } from '../infra/db/open-database';
import { cacheMigrations } from './migrations';
import type { CandidateInput, OrderInput } from './types';
import { openWorkspaceCache, type WorkspaceCache } from './workspace-cache';

export function order(overrides: Partial<OrderInput> = {}): OrderInput {
  return {
    accountId: 'acct_1',
    id: 'ord_1',
    kind: 'assessment',
    receivedAt: '2026-05-01T10:00:00.000Z',
    eventId: 'evt_1',
    packageId: 'pkg_1',
    candidateId: 'cand_1',
    applicationId: 'app_1',
    jobId: 'job_1',
    rawEvent: { id: 'evt_1', event: 'ats_assessments.created', data: { id: 'ord_1' } },
    updatedAt: '2026-05-01T10:00:00.000Z',
    ...overrides,
  };
}

export function candidate(overrides: Partial<CandidateInput> = {}): CandidateInput {
  return {
    accountId: 'acct_1',
    id: 'cand_1',
    name: null,
    firstName: 'Anna',
    lastName: 'Åström',
    emails: ['anna@example.com'],
    updatedAt: '2026-05-01T00:00:00.000Z',
    raw: { id: 'cand_1', first_name: 'Anna', last_name: 'Åström' },
    ...overrides,
  };
}

describe('workspace cache', () => {
  let cache: WorkspaceCache;
  beforeEach(() => {
    cache = openWorkspaceCache(':memory:');
  });
  afterEach(() => cache.close());

  describe('migrations', () => {
    it('opens a file in WAL mode, and reopens it without reapplying', () => {
      const dir = mkdtempSync(join(tmpdir(), 'cache-test-'));
      try {
        const path = join(dir, 'ws', 'cache.sqlite');
        const first = openWorkspaceCache(path);
        expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
        first.orders.upsertOrders([order()]);
        first.close();
        const again = openWorkspaceCache(path);
        expect(again.getOrder('acct_1', 'ord_1')?.id).toBe('ord_1');
        again.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses a migration edited after it was applied', () => {
      const db = openDatabase(':memory:');
      expect(applyMigrations(db, cacheMigrations)).toEqual(cacheMigrations.map((m) => m.version));
      const edited = cacheMigrations.map((m) =>
        m.version === 1 ? { ...m, sql: `${m.sql}\n-- edited` } : m,
      );
      expect(() => applyMigrations(db, edited)).toThrow(MigrationError);
      db.close();
    });
  });

  describe('orders upsert', () => {
    it('is idempotent and skips unchanged rows without writing', () => {
      expect(
        cache.transaction(() => cache.orders.upsertOrders([order(), order({ id: 'ord_2' })])),
      ).toEqual({ received: 2, written: 2 });
      const historyBefore = cache.getOrder('acct_1', 'ord_1')!.history.length;
      expect(cache.orders.upsertOrders([order(), order({ id: 'ord_2' })])).toEqual({
        received: 2,
        written: 0,
      });
      expect(cache.db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 2 });
      expect(cache.getOrder('acct_1', 'ord_1')!.history).toHaveLength(historyBefore);
      const changed = order({
        rawEvent: { id: 'evt_1', changed: true },
        updatedAt: '2026-05-02T00:00:00.000Z',
      });
      expect(cache.orders.upsertOrders([changed])).toEqual({ received: 1, written: 1 });
      expect(cache.getOrder('acct_1', 'ord_1')!.rawEvent).toEqual({ id: 'evt_1', changed: true });
    });

    it('keys orders by account: the same id in two accounts is two orders', () => {
      cache.orders.upsertOrders([order(), order({ accountId: 'acct_2' })]);
      expect(cache.getOrder('acct_1', 'ord_1')).not.toBeNull();
      expect(cache.getOrder('acct_2', 'ord_1')).not.toBeNull();
    });

    it('keeps the local status and the received time when the event is redelivered', () => {
      cache.orders.upsertOrders([order()]);
      expect(cache.orders.setStatus('acct_1', 'ord_1', 'draft')).toBe(true);
      cache.orders.upsertOrders([
        order({ receivedAt: '2026-05-03T00:00:00.000Z', updatedAt: 'later' }),
      ]);
      const detail = cache.getOrder('acct_1', 'ord_1')!;
      expect(detail.status).toBe('draft');
      expect(detail.receivedAt).toBe('2026-05-01T10:00:00.000Z');
      expect(detail.history.map((h) => [h.event, h.detail])).toEqual([
        ['received', 'assessment'],
        ['status_changed', 'new -> draft'],
      ]);
    });

    it('rejects a bad timestamp or status with a clear error and writes nothing', () => {
      expect(() =>
        cache.transaction(() =>
          cache.orders.upsertOrders([order({ id: 'ok' }), order({ receivedAt: 'yesterday' })]),
        ),
      ).toThrow(/receivedAt is not a valid timestamp/);
      expect(cache.getOrder('acct_1', 'ok')).toBeNull();
      cache.orders.upsertOrders([order()]);
      expect(() => cache.orders.setStatus('acct_1', 'ord_1', 'bogus' as never)).toThrow();
    });
  });

  describe('denormalized order columns', () => {
    it('fills candidate, job, package and customer when they arrive after the order, and follows changes', () => {
      cache.orders.upsertOrders([order({ candidateName: 'From Event' })]);
      expect(cache.getOrder('acct_1', 'ord_1')).toMatchObject({
        candidateName: 'From Event',
        jobTitle: null,
        accountName: null,
      });
      expect(cache.orders.missingReferences()).toEqual({
        candidates: [{ accountId: 'acct_1', id: 'cand_1' }],
        applications: [{ accountId: 'acct_1', id: 'app_1' }],
        jobs: [{ accountId: 'acct_1', id: 'job_1' }],
      });
      cache.transaction(() => {
        cache.candidates.upsertCandidates([candidate()]);
        cache.jobs.upsertJobs([
          {
            accountId: 'acct_1',
            id: 'job_1',
            title: 'Nurse',
            code: null,
            status: 'open',
            updatedAt: '1',
            raw: {},
          },
        ]);
        cache.packages.upsertPackages('assessment', [
          {
            accountId: 'acct_1',
            id: 'pkg_1',
            name: 'Coding test',
            description: null,
            updatedAt: '1',
            raw: {},
          },
        ]);
        cache.accounts.upsertAccounts([{ id: 'acct_1', name: 'Acme', provider: 'Workday' }]);
        cache.applications.upsertApplications([
          {
            accountId: 'acct_1',
            id: 'app_1',
            candidateId: 'cand_1',
            jobId: 'job_1',
            status: 'active',
            stageName: null,
            updatedAt: '1',
            raw: {},
          },
        ]);
      });
      expect(cache.getOrder('acct_1', 'ord_1')).toMatchObject({
        candidateName: 'Anna Åström',
        candidateEmail: 'anna@example.com',
        jobTitle: 'Nurse',
        packageName: 'Coding test',
        accountName: 'Acme',
        accountProvider: 'Workday',
      });
      expect(cache.orders.missingReferences()).toEqual({
        candidates: [],
        applications: [],
        jobs: [],
      });
      cache.candidates.upsertCandidates([
        candidate({ firstName: 'Annie', updatedAt: '2026-06-01T00:00:00.000Z' }),
      ]);
      expect(cache.getOrder('acct_1', 'ord_1')!.candidateName).toBe('Annie Åström');
      // The same candidate id in another account is another person.
      cache.candidates.upsertCandidates([candidate({ accountId: 'acct_2', firstName: 'Zed' })]);
      expect(cache.getOrder('acct_1', 'ord_1')!.candidateName).toBe('Annie Åström');
    });

    it('fills them at insert time when the records are already cached', () => {
      cache.candidates.upsertCandidates([candidate()]);
      cache.orders.upsertOrders([order({ candidateName: 'From Event' })]);
      expect(cache.getOrder('acct_1', 'ord_1')!.candidateName).toBe('Anna Åström');
      expect(cache.orders.missingReferences().candidates).toEqual([]);
    });

    it('keeps the search index in step with the denormalized columns', () => {
      cache.orders.upsertOrders([order({ candidateName: 'Zachary' })]);
      const now = '2026-05-01T11:00:00.000Z';
      expect(cache.queue.queryOrders({ search: 'zach', now }).total).toBe(1);
      cache.candidates.upsertCandidates([candidate()]);
      expect(cache.queue.queryOrders({ search: 'zach', now }).total).toBe(0);
      expect(cache.queue.queryOrders({ search: 'astro', now }).total).toBe(1);
    });
  });

  describe('records', () => {
    it('skips unchanged records and reports what was written', () => {
      expect(cache.candidates.upsertCandidates([candidate()])).toEqual({ received: 1, written: 1 });
      expect(cache.candidates.upsertCandidates([candidate()])).toEqual({ received: 1, written: 0 });
      expect(cache.candidates.upsertCandidates([candidate({ updatedAt: 'newer' })])).toEqual({
        received: 1,
        written: 1,
      });
    });

    it('flags a record StackOne answered 404 for, keeps what was known, and clears the flag when it returns', () => {
      cache.orders.upsertOrders([order()]);
      cache.candidates.markMissing('acct_1', 'cand_1');
      expect(cache.candidates.get('acct_1', 'cand_1')).toMatchObject({
        missing: true,
        name: null,
        raw: null,
      });
      expect(cache.orders.missingReferences().candidates).toEqual([]);
      expect(cache.getOrder('acct_1', 'ord_1')!.candidate?.missing).toBe(true);
      cache.candidates.upsertCandidates([candidate()]);
      cache.candidates.markMissing('acct_1', 'cand_1');
      expect(cache.candidates.get('acct_1', 'cand_1')).toMatchObject({
        missing: true,
        name: 'Anna Åström',
      });
      // Same content as before, but it is back: the flag must clear even though nothing else changed.
      expect(cache.candidates.upsertCandidates([candidate()]).written).toBe(1);
      expect(cache.candidates.get('acct_1', 'cand_1')!.missing).toBe(false);
    });

    it('reads a candidate with their applications and orders, and jobs with postings per account', () => {
      cache.candidates.upsertCandidates([candidate()]);
      cache.applications.upsertApplications([
        {
          accountId: 'acct_1',
          id: 'app_1',
          candidateId: 'cand_1',
          jobId: 'job_1',
          status: 'active',
          stageName: 'Screen',
          updatedAt: '1',
          raw: { id: 'app_1' },
        },
      ]);
      cache.orders.upsertOrders([order(), order({ id: 'ord_2', accountId: 'acct_2' })]);
      const detail = cache.getCandidate('acct_1', 'cand_1')!;
      expect(detail.applications.map((a) => a.id)).toEqual(['app_1']);
      expect(detail.orders.map((o) => o.id)).toEqual(['ord_1']);
      cache.jobs.upsertJobs([
        {
          accountId: 'acct_1',
          id: 'job_b',
          title: 'Zoologist',
          code: null,
          status: 'open',
          updatedAt: '1',
          raw: {},
        },
        {
          accountId: 'acct_1',
          id: 'job_a',
          title: 'Éclair baker',
          code: null,
          status: 'open',
          updatedAt: '1',
          raw: {},
        },
        {
          accountId: 'acct_2',
          id: 'job_c',
          title: 'Other',
          code: null,
          status: 'open',
          updatedAt: '1',
          raw: {},
        },
      ]);
      cache.jobs.upsertJobPostings([
        {
          accountId: 'acct_1',
          id: 'post_1',
          jobId: 'job_a',
          title: 'Baker',
          status: 'live',
          internal: 'false',
          updatedAt: '1',
          raw: {},
        },
      ]);
      expect(cache.browse.jobs({ accountId: 'acct_1' }).rows.map((j) => j.id)).toEqual([
        'job_a',
        'job_b',
      ]);
      const postings = cache.browse.jobPostings({ accountId: 'acct_1', jobId: 'job_a' });
      expect(postings.rows.map((p) => p.id)).toEqual(['post_1']);
      expect(cache.browse.jobPostings({ accountId: 'acct_2' })).toEqual({ rows: [], total: 0 });
    });
  });

  describe('quarantine', () => {
    it('updates the entry when the same bad record is seen again, by id or by content', () => {
      cache.quarantine.put(
        {
          source: 'candidates',
          accountId: 'acct_1',
          recordId: 'c9',
          reason: 'no id',
          raw: { a: 1 },
        },
        '2026-01-01T00:00:00.000Z',
      );
      cache.quarantine.put(
        {
          source: 'candidates',
          accountId: 'acct_1',
          recordId: 'c9',
          reason: 'still bad',
          raw: { a: 2 },
        },
        '2026-01-02T00:00:00.000Z',
      );
      cache.quarantine.put({
        source: 'order_feed',
        accountId: null,
        recordId: null,
        reason: 'invalid',
        raw: { x: [1] },
      });
      cache.quarantine.put({
        source: 'order_feed',
        accountId: null,
        recordId: null,
        reason: 'invalid',
        raw: { x: [1] },
      });
      cache.quarantine.put({
        source: 'order_feed',
        accountId: null,
        recordId: null,
        reason: 'invalid',
        raw: { x: [2] },
      });
      expect(cache.quarantine.count()).toBe(3);
      const byId = cache.quarantine.list().find((q) => q.recordId === 'c9')!;
      expect(byId).toMatchObject({
        reason: 'still bad',
        raw: { a: 2 },
        seenCount: 2,
        firstSeenAt: '2026-01-01T00:00:00.000Z',
        lastSeenAt: '2026-01-02T00:00:00.000Z',
      });
      cache.quarantine.release('candidates', 'acct_1', 'c9');
      expect(cache.quarantine.count()).toBe(2);
    });
  });

  describe('sync state', () => {
    it('merges patches per source and account', () => {
      expect(cache.syncState.get('jobs', 'acct_1')).toBeNull();
      cache.syncState.set('jobs', 'acct_1', {
        updatedAfter: '2026-01-01T00:00:00Z',
        counts: { jobs: 3 },
      });
      cache.syncState.set('jobs', 'acct_1', {
        lastError: 'HTTP 429',
        lastErrorAt: '2026-01-01T00:01:00Z',
      });
      cache.syncState.set('order_feed', '', { cursor: 'c42' });
      expect(cache.syncState.get('jobs', 'acct_1')).toMatchObject({
        updatedAfter: '2026-01-01T00:00:00Z',
        lastError: 'HTTP 429',
        counts: { jobs: 3 },
      });
      expect(cache.syncState.get('order_feed')?.cursor).toBe('c42');
      expect(cache.syncState.list()).toHaveLength(2);
    });
  });

  it('rolls back a page that fails half way', () => {
    expect(() =>
      cache.transaction(() => {
        cache.orders.upsertOrders([order()]);
        cache.syncState.set('order_feed', '', { cursor: 'next' });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(cache.getOrder('acct_1', 'ord_1')).toBeNull();
    expect(cache.syncState.get('order_feed')).toBeNull();
  });
});
