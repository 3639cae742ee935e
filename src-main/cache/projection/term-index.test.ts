import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../infra/db/open-database';
import { ftsQueryWords, toFtsQuery } from '../fts-query';
import { generateWorkspace } from '../testing/test-data';
import { WorkspaceCache } from '../workspace-cache';
import { applyMigrations } from '../../../src-shared/db/migrate';
import { cacheMigrations } from '../migrations';
import { SeqPositions } from './projection-data';
import { attachTermVocabulary, readTermIndex, TermIndex } from './term-index';

const nowMs = Date.parse('2026-06-01T12:00:00.000Z');

/** Text that tokenizes in ways the generated data does not. */
const ODD_TEXT: { name: string; email: string }[] = [
  { name: "Zoë O'Brien-Smith", email: 'zoe.obrien@example.co.uk' },
  { name: 'ANNA anna Anna', email: 'anna+queue@example.com' },
  { name: 'x_y_z x y z', email: 'x.y@z.io' },
  { name: 'a1b2 c3 A1B2C3', email: 'a1b2@c3.example' },
  { name: 'Øystein Ångström', email: 'oystein@example.no' },
  { name: '李小龍 Bruce', email: 'bruce.lee@example.hk' },
  { name: 'Straße Weiß', email: 'strasse@example.de' },
  { name: 'smith smith-smith', email: 'smith.smith@example.com' },
  // A phrase's last token matching terms in an order other than the orders' ("cz" then "ca"),
  // at different offsets: its matches must not be written over the ones still being checked.
  { name: 'Alpha Beta Cz', email: 'ab1@example.com' },
  { name: 'Xx Alpha Beta Ca', email: 'ab2@example.com' },
];

describe('TermIndex', () => {
  const caches: WorkspaceCache[] = [];
  afterEach(() => {
    for (const c of caches.splice(0)) c.close();
  });

  function cacheWithOrders(count: number) {
    const db = openDatabase(':memory:');
    applyMigrations(db, cacheMigrations);
    const cache = new WorkspaceCache(db);
    caches.push(cache);
    const data = generateWorkspace({ orders: count, accounts: 3, now: nowMs, seed: 5 });
    // Every 37th order's candidate gets one of the odd texts (an order's candidate, when cached,
    // is where its searched name and email come from).
    const oddOf = (i: number) => ODD_TEXT[i % 37];
    const candidates = data.candidates.map((c, i) => {
      const odd = oddOf(i);
      return odd === undefined ? c : { ...c, name: odd.name, emails: [odd.email] };
    });
    const orders = data.orders.map((o, i) => {
      const odd = oddOf(i);
      return odd === undefined ? o : { ...o, candidateName: odd.name, candidateEmail: odd.email };
    });
    cache.transaction(() => {
      cache.jobs.upsertJobs(data.jobs);
      cache.candidates.upsertCandidates(candidates);
      cache.orders.upsertOrders(orders);
    });
    const indexed = db
      .prepare('SELECT count(*) FROM orders_fts WHERE orders_fts MATCH \'"alpha beta"\'')
      .pluck()
      .get();
    expect(indexed, 'the odd texts are what the index holds').toBeGreaterThan(0);
    return { cache, db, orders, candidates };
  }

  function termIndexOf(db: ReturnType<typeof openDatabase>) {
    attachTermVocabulary(db);
    return db.transaction(() => {
      const seqs = Int32Array.from(
        db.prepare('SELECT seq FROM orders ORDER BY seq').pluck().all() as number[],
      );
      const positions = new SeqPositions(seqs);
      return { index: new TermIndex(readTermIndex(db, positions), seqs.length), seqs };
    })();
  }

  /** What FTS5 finds for `search`, as order positions (ascending). */
  function ftsPositions(db: ReturnType<typeof openDatabase>, seqs: Int32Array, search: string) {
    const positions = new SeqPositions(seqs);
    const rowids = db
      .prepare('SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?')
      .pluck()
      .all(toFtsQuery(search)) as number[];
    return rowids.map((r) => positions.of(r)).sort((a, b) => a - b);
  }

  /** Searches a coordinator might type: starts of every word and of the whole text, at every length. */
  function searchesFrom(texts: string[]): string[] {
    const searches = new Set<string>();
    for (const text of texts) {
      const starts = [0, ...[...text.matchAll(/[\s._@'-]/gu)].map((m) => m.index + 1)];
      for (const start of starts) {
        for (let end = start + 1; end <= Math.min(text.length, start + 14); end++) {
          searches.add(text.slice(start, end));
        }
      }
    }
    return [...searches].filter((s) => toFtsQuery(s) !== null);
  }

  it('finds exactly what FTS5 finds, for every ASCII search (prefixes, phrases, several words)', () => {
    const { db, orders } = cacheWithOrders(600);
    const { index, seqs } = termIndexOf(db);
    const sample = orders.filter((_, i) => i % 23 === 0 || i % 37 === 0);
    const searches = [
      ...searchesFrom(sample.flatMap((o) => [o.id, o.candidateName!, o.candidateEmail!])),
      // Several words, case, punctuation that splits tokens, a phrase across columns (no match).
      'anna s',
      'alpha-beta-c',
      'xx-alpha-beta-c',
      'ANNA ANNA',
      'smith smith-sm',
      'ord 0',
      'ord-00',
      'ORD_00 ex',
      'x_y',
      'y_z x',
      'a1b2c',
      '"a1b2"',
      'obrien@exa',
      'zoe.obrien@example.co',
      'example.com ord',
      'com anna',
      'brien-smith',
      "o'b",
      'strasse',
      'weiss',
      'oystein',
      'angstr',
      'bruce 0',
      'nothing-like-this',
      'zzzz',
    ];
    let answered = 0;
    for (const search of searches) {
      const words = ftsQueryWords(toFtsQuery(search)!);
      const found = index.match(words);
      if (found === null) continue;
      answered++;
      expect([...found], search).toEqual(ftsPositions(db, seqs, search));
    }
    expect(answered).toBeGreaterThan(1000);
  });

  it('leaves a search with any non-ASCII word to FTS5', () => {
    const { db } = cacheWithOrders(100);
    const { index } = termIndexOf(db);
    expect(index.match(['Zoë'])).toBeNull();
    expect(index.match(['anna', 'Ångs'])).toBeNull();
    expect(index.match(['李'])).toBeNull();
    expect(index.match([])).toBeNull();
    expect(index.match(['anna'])).not.toBeNull();
  });

  it('does not find what was re-indexed or deleted (the index applies its own deletions)', () => {
    const { cache, db, orders, candidates } = cacheWithOrders(200);
    // A candidate's new name is re-indexed on their order (a delete and an insert in orders_fts).
    const candidate = candidates.find((c) => c.id === orders[1]!.candidateId)!;
    cache.candidates.upsertCandidates([
      {
        ...candidate,
        name: 'Quentin Zebedee',
        updatedAt: '2026-05-01T00:00:00.000Z',
        raw: { id: candidate.id, first_name: 'Quentin', last_name: 'Zebedee' },
      },
    ]);
    const deleted = orders[2]!;
    db.prepare('DELETE FROM orders WHERE account_id = ? AND id = ?').run(
      deleted.accountId,
      deleted.id,
    );
    const { index, seqs } = termIndexOf(db);
    for (const search of [
      orders[1]!.candidateName!,
      'quentin zeb',
      deleted.id,
      deleted.candidateName!,
      deleted.candidateEmail!,
    ]) {
      const found = index.match(ftsQueryWords(toFtsQuery(search)!));
      expect([...found!], search).toEqual(ftsPositions(db, seqs, search));
    }
    expect(index.match(['quentin'])).toHaveLength(1);
    expect(index.match([deleted.id])).toHaveLength(0);
  });
});

describe('ftsQueryWords', () => {
  it('gives back the words of the query toFtsQuery made', () => {
    for (const input of [
      'anna',
      ' anna  smith ',
      'say "hi"',
      '""',
      'a"b" c',
      'ord_001 *',
      'NEAR(a b)',
    ]) {
      const match = toFtsQuery(input);
      if (match === null) continue;
      expect(toFtsQuery(ftsQueryWords(match).join(' '))).toBe(match);
    }
    expect(ftsQueryWords(toFtsQuery('say "hi" x')!)).toEqual(['say', '"hi"', 'x']);
  });
});
