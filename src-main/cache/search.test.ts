import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIN_SEARCH_LENGTH } from '../../src-shared/contract/queue';
import { toFtsQuery, toOrderSearchMatch } from './fts-query';
import type { OrderInput } from './types';
import { openWorkspaceCache, type WorkspaceCache } from './workspace-cache';

const now = '2026-05-02T00:00:00.000Z';

function order(id: string, candidateName: string, extra: Partial<OrderInput> = {}): OrderInput {
  return {
    accountId: 'acct_1',
    id,
    kind: 'assessment',
    receivedAt: '2026-05-01T10:00:00.000Z',
    eventId: id,
    packageId: 'pkg_1',
    candidateId: `c_${id}`,
    applicationId: null,
    jobId: null,
    candidateName,
    rawEvent: {},
    updatedAt: '1',
    ...extra,
  };
}

describe('FTS query texts', () => {
  it('quotes every word: a prefix for the word index, as typed for the trigram index', () => {
    expect(toFtsQuery('  ann  smi ')).toBe('"ann"* "smi"*');
    expect(toOrderSearchMatch('  anna  sm ')).toEqual([
      ['orders_trigram', '"anna"'],
      ['orders_fts', '"sm"*'],
    ]);
    expect(toOrderSearchMatch('cia35')).toEqual([['orders_trigram', '"cia35"']]);
  });

  it('turns FTS syntax into plain text', () => {
    expect(toFtsQuery('a" OR "b')).toBe('"a"""* "OR"* """b"*');
    expect(toFtsQuery('NEAR(x y) col:z -w ^v')).toBe('"NEAR(x"* "y)"* "col:z"* "-w"* "^v"*');
    expect(toOrderSearchMatch('NEAR(ann AND "zo')).toEqual([
      ['orders_trigram', '"NEAR(ann" "AND" """zo"'],
    ]);
  });

  it('splits at NUL and other control characters instead of putting them in a string', () => {
    expect(toFtsQuery('ann\u0000smi')).toBe('"ann"* "smi"*');
    expect(toOrderSearchMatch('zo\u0000\u001f\u007fe')).toEqual([['orders_fts', '"zo"* "e"*']]);
    expect(toOrderSearchMatch('\u0000')).toBeNull();
  });

  it('returns null when nothing searchable is left', () => {
    expect(toFtsQuery('')).toBeNull();
    expect(toFtsQuery(' " * ( ) ')).toBeNull();
    expect(toOrderSearchMatch(' " * ( ) ')).toBeNull();
  });
});

describe('search', () => {
  let cache: WorkspaceCache;
  beforeEach(() => {
    cache = openWorkspaceCache(':memory:');
    cache.orders.upsertOrders([
      order('ord_a1', 'Anna Smith', {
        candidateEmail: 'anna.smith@example.com',
        jobTitle: 'Software Engineer',
      }),
      order('ord_b2', 'Émile Zola', { packageName: 'Coding Test' }),
      order('ord_c3', 'Zoë Ørsted'),
      order('ord_d4', 'Hannah Ng'),
    ]);
    cache.candidates.upsertCandidates([
      {
        accountId: 'acct_1',
        id: 'c1',
        name: 'Åsa Lindqvist',
        firstName: null,
        lastName: null,
        emails: ['asa@example.se'],
        updatedAt: '1',
        raw: {},
      },
      {
        accountId: 'acct_1',
        id: 'c2',
        name: 'Bob "Bobby" Tables',
        firstName: null,
        lastName: null,
        emails: [],
        updatedAt: '1',
        raw: {},
      },
    ]);
    cache.jobs.upsertJobs([
      {
        accountId: 'acct_1',
        id: 'j1',
        title: 'Pâtissier (Night shift)',
        code: null,
        status: 'open',
        updatedAt: '1',
        raw: {},
      },
    ]);
  });
  afterEach(() => cache.close());

  const ids = (search: string) =>
    cache.queue
      .queryOrders({ search, now, sort: { column: 'candidate', direction: 'asc' } })
      .rows.map((r) => r.id);

  it('finds three or more characters anywhere in a field, fewer at the start of a word', () => {
    expect(ids('ann')).toEqual(['ord_a1', 'ord_d4']);
    expect(ids('smi ann')).toEqual(['ord_a1']);
    expect(ids('gineer')).toEqual(['ord_a1']);
    expect(ids('coding')).toEqual(['ord_b2']);
    expect(ids('an')).toEqual(['ord_a1']);
    expect(ids('an ng')).toEqual([]);
    expect(ids('ha ng')).toEqual(['ord_d4']);
  });

  it('ignores diacritics both ways', () => {
    expect(ids('emile')).toEqual(['ord_b2']);
    expect(ids('ÉMILE')).toEqual(['ord_b2']);
    expect(ids('zoe')).toEqual(['ord_c3']);
    expect(ids('oë')).toEqual([]);
    expect(ids('zoë ørs')).toEqual(['ord_c3']);
    expect(cache.browse.candidates({ search: 'asa' }).rows.map((c) => c.id)).toEqual(['c1']);
    expect(cache.browse.jobs({ search: 'patis' }).rows.map((j) => j.id)).toEqual(['j1']);
  });

  it('finds orders by order id and email', () => {
    expect(ids('ord_c3')).toEqual(['ord_c3']);
    // As the reference is typed: its prefix, and its part after the underscore (a separate word).
    expect(ids('ord_c')).toEqual(['ord_c3']);
    expect(ids('ord')).toHaveLength(4);
    expect(ids('c3')).toEqual(['ord_c3']);
    expect(ids('ORD_B2')).toEqual(['ord_b2']);
    expect(ids('anna.smith@example')).toEqual(['ord_a1']);
  });

  it('finds the middle of an email, an ATS reference and a job code, as the sandbox writes them', () => {
    cache.jobs.upsertJobs([
      {
        accountId: 'acct_1',
        id: 'j2',
        title: 'Data Analyst',
        code: 'REQ-1003',
        status: 'open',
        updatedAt: '1',
        raw: {},
      },
    ]);
    cache.orders.upsertOrders([
      order('ord_g7', 'Zoe Garcia', {
        candidateEmail: 'zoe.garcia35@example.com',
        remoteId: 'ORDER-000123',
      }),
      order('ord_h8', 'Tom Lee', { jobId: 'j2', remoteId: '4012000457' }),
    ]);
    expect(ids('cia35')).toEqual(['ord_g7']);
    expect(ids('garcia35@exa')).toEqual(['ord_g7']);
    expect(ids('ORDER-000123')).toEqual(['ord_g7']);
    expect(ids('der-0001')).toEqual(['ord_g7']);
    expect(ids('2000457')).toEqual(['ord_h8']);
    expect(ids('REQ-1003')).toEqual(['ord_h8']);
    expect(ids('q-100')).toEqual(['ord_h8']);
    // A job whose code changes later re-indexes its orders.
    cache.jobs.upsertJobs([
      {
        accountId: 'acct_1',
        id: 'j2',
        title: 'Data Analyst',
        code: 'REQ-2044',
        status: 'open',
        updatedAt: '2',
        raw: {},
      },
    ]);
    expect(ids('REQ-1003')).toEqual([]);
    expect(ids('req-2044')).toEqual(['ord_h8']);
    expect(cache.queue.facetCounts({ now, search: 'cia35' }).total).toBe(1);
  });

  it('treats FTS syntax as text instead of failing or widening the search', () => {
    for (const hostile of [
      '"',
      'ann"',
      'ann OR zola',
      'NEAR(ann zola)',
      'candidate_name:zola',
      '*',
      'ann*',
      '(',
      'AND',
      '-ann',
      'ann\u0000',
      '\u0000zo',
      'zo\u0000la',
      'a"b" OR (c',
      '))',
      'NOT ann',
      'ann NEAR/2 zola',
      '\\',
      "o'brien",
    ]) {
      expect(() => cache.queue.facetCounts({ search: hostile, now }), hostile).not.toThrow();
      expect(() => cache.browse.candidates({ search: hostile }), hostile).not.toThrow();
      expect(() => ids(hostile), hostile).not.toThrow();
    }
    expect(ids('ann\u0000smi')).toEqual(['ord_a1']);
    expect(ids('ann OR zola')).toEqual([]);
    expect(ids('candidate_name:zola')).toEqual([]);
    expect(cache.browse.candidates({ search: '"Bobby"' }).rows.map((c) => c.id)).toEqual(['c2']);
  });

  it('matches nothing for input with nothing searchable', () => {
    expect(cache.queue.queryOrders({ search: ' "" ', now })).toEqual({ rows: [], total: 0 });
    expect(cache.queue.facetCounts({ search: '" -', now }).total).toBe(0);
  });

  it('does not search yet while fewer than MIN_SEARCH_LENGTH characters are typed', () => {
    expect(MIN_SEARCH_LENGTH).toBe(2);
    const all = cache.queue.queryOrders({ now }).rows.map((r) => r.id);
    expect(all).toHaveLength(4);
    for (const typed of ['z', ' z ', 'É', '"', '']) {
      expect(
        cache.queue.queryOrders({ search: typed, now }).rows.map((r) => r.id),
        typed,
      ).toEqual(all);
      expect(cache.queue.facetCounts({ search: typed, now }).total, typed).toBe(4);
    }
    // From two characters on, it searches.
    expect(ids('zo')).toEqual(['ord_b2', 'ord_c3']);
  });

  it('searches one character of a script where one character is a name (Chinese, Korean)', () => {
    cache.orders.upsertOrders([order('ord_e5', '陈 伟'), order('ord_f6', '김 민준')]);
    expect(ids('陈')).toEqual(['ord_e5']);
    expect(ids('김')).toEqual(['ord_f6']);
  });
});
