/**
 * Measures every queue query the UI sends, on an open workspace cache: for each filter the chips
 * offer (and a few searches) and each sort (every column, both directions), the p95 of
 *   - first: the first page,
 *   - next:  a keyset page after row N (how the table scrolls),
 *   - jump:  an offset page at row N (a scrollbar jump),
 * plus each filter's chip counts, and a new search per keystroke (page, then chips, and their sum:
 * the UI sends both per keystroke) while typing an order reference, a name, an email's middle, a
 * job code and an ATS reference. A search with more hits than SEARCH_COUNT_CAP is counted to the
 * cap ("1000+") and its jumps stay within the rows the queue lists for it. Each page plan
 * is checked with EXPLAIN QUERY PLAN: it must walk its sort's index, never sort the orders.
 * Prints one row per shape, flags p95 >= TARGET_MS, and ends with one SUMMARY line.
 *
 * Used by bench/cache-queries.ts (npm run bench:queries) on a generated cache; bench/sync.ts calls
 * it on the cache it just synced.
 */
import { searchToRun } from '../src-shared/contract/queue';
import {
  OPEN_STATUSES,
  QUEUE_SORT_COLUMNS,
  type QueueQuery,
  type WorkspaceCache,
} from '../src-main/cache';

export const TARGET_MS = 30;

export interface QueueBenchSearch {
  name: string;
  search: string;
  filters?: Partial<QueueQuery>;
}

export interface QueueBenchOptions {
  /** The clock the overdue filter is measured against (epoch ms). */
  now: number;
  /** Timed runs per shape (after one warm-up). Default 20. */
  runs?: number;
  /** Searches measured like filters; defaults come from the cache's own data. */
  searches?: QueueBenchSearch[];
  /** Texts typed keystroke by keystroke; defaults come from the cache's own data. */
  typed?: string[];
  /** Where lines go; console.log by default. */
  log?: (line: string) => void;
}

export interface QueueBenchSummary {
  shapes: number;
  overTarget: number;
  badPlans: number;
  worst: { label: string; p95: number; cpu: number };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Wall time and this process's CPU time of one call: on a loaded machine the wall time includes
 * waiting for a core, and the CPU time is what the query itself costs.
 */
interface Sample {
  wall: number;
  cpu: number;
}

function time(fn: () => void): Sample {
  const cpu = process.cpuUsage();
  const start = performance.now();
  fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

function p95Of(samples: Sample[]): Sample {
  const at = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      95,
    );
  return { wall: at(samples.map((s) => s.wall)), cpu: at(samples.map((s) => s.cpu)) };
}

/**
 * p95 of `fn` over `runs` runs after one warm-up. The heap is collected first (when the bench runs
 * with --expose-gc), so that a collection of the garbage earlier shapes left does not land in this
 * one's runs; its own garbage is still collected when it needs to be.
 */
function p95(fn: () => void, runs: number): Sample {
  globalThis.gc?.();
  fn();
  return p95Of(Array.from({ length: runs }, () => time(fn)));
}

const ms = (n: number) => n.toFixed(2).padStart(7);

/** One value of a column from an order in the middle of the cache (realistic, not the first). */
function sample(cache: WorkspaceCache, column: string): string | undefined {
  return cache.db
    .prepare(
      `SELECT ${column} FROM orders WHERE ${column} IS NOT NULL AND ${column} <> ''
        AND seq >= (SELECT max(seq) / 2 FROM orders) LIMIT 1`,
    )
    .pluck()
    .get() as string | undefined;
}

/** What a coordinator types, from the cache's data: each is measured keystroke by keystroke. */
function typedTexts(cache: WorkspaceCache): string[] {
  const email = sample(cache, 'candidate_email');
  const local = email?.split('@')[0];
  return [
    sample(cache, 'id'),
    sample(cache, 'candidate_name'),
    // The middle of an email, as a coordinator quotes it: "cia35" of zoe.garcia35@…
    local && local.length > 6 ? local.slice(-6) : local,
    sample(cache, 'job_code'),
    sample(cache, 'remote_id'),
  ].filter((t): t is string => t !== undefined);
}

/** The filters the queue's chips offer, with values taken from the cache's own data. */
function filters(cache: WorkspaceCache, searches: QueueBenchSearch[]) {
  const open = [...OPEN_STATUSES];
  const accounts = cache.db
    .prepare('SELECT account_id FROM order_counts GROUP BY 1 ORDER BY sum(n) DESC LIMIT 2')
    .pluck()
    .all() as string[];
  const top = accounts[0] ?? 'none';
  // The customer who joined last: their orders cluster at the recent end of the time indexes.
  const late = cache.db
    .prepare('SELECT account_id FROM orders GROUP BY 1 ORDER BY min(received_at) DESC LIMIT 1')
    .pluck()
    .get() as string | undefined;
  const pkg =
    (cache.db
      .prepare(
        "SELECT package_id FROM order_counts WHERE account_id = ? AND package_id <> '' GROUP BY 1 ORDER BY sum(n) DESC LIMIT 1",
      )
      .pluck()
      .get(top) as string | undefined) ?? 'none';
  return [
    { name: 'all', query: {} },
    { name: 'kind assessment', query: { kind: 'assessment' } },
    { name: 'open', query: { statuses: open } },
    { name: 'assessment+open', query: { kind: 'assessment', statuses: open } },
    { name: 'needs_attention', query: { statuses: ['needs_attention'] } },
    { name: 'sent', query: { statuses: ['sent'] } },
    { name: 'overdue', query: { overdue: true } },
    { name: 'not overdue+open', query: { overdue: false, statuses: open } },
    { name: `customer ${top}`, query: { accountIds: [top] } },
    { name: `customer+package ${pkg}`, query: { accountIds: [top], packageIds: [pkg] } },
    ...(late !== undefined && late !== top
      ? [{ name: `late customer ${late}`, query: { accountIds: [late] } }]
      : []),
    {
      name: 'bgc+2 customers+open',
      query: { kind: 'background_check', accountIds: accounts, statuses: open },
    },
    ...searches.map((s) => ({ name: s.name, query: { ...s.filters, search: s.search } })),
  ] as { name: string; query: Partial<QueueQuery> }[];
}

export function measureQueueQueries(
  cache: WorkspaceCache,
  options: QueueBenchOptions,
): QueueBenchSummary {
  const log = options.log ?? ((line: string) => console.log(line));
  const runs = options.runs ?? 20;
  const nowIso = new Date(options.now).toISOString();
  const typed = options.typed ?? typedTexts(cache);
  const searches = options.searches ?? [
    { name: 'search "anna smi"', search: 'anna smi' },
    { name: 'search "engineer"', search: 'engineer' },
    { name: 'search "an" + open', search: 'an', filters: { statuses: [...OPEN_STATUSES] } },
    ...typed.map((t) => ({ name: `search "${t}"`, search: t })),
  ];
  const shapes: { label: string; p95: number; cpu: number }[] = [];
  let badPlans = 0;
  const record = (label: string, sample: Sample) => {
    shapes.push({ label, p95: sample.wall, cpu: sample.cpu });
    return `${ms(sample.wall)}${sample.wall >= TARGET_MS ? '!' : ' '}`;
  };
  // A page's inner SELECT walks its sort's index; the only sort is the outer one over the page.
  const planOk = (query: QueueQuery) => {
    const plan = cache.queue.explainPage(query);
    const ok =
      plan.some((d) => /USING COVERING INDEX orders_sort_/.test(d)) &&
      plan.filter((d) => d.includes('TEMP B-TREE')).length <= 1 &&
      !plan.some((d) => /^SCAN orders$/.test(d));
    if (!ok) badPlans++;
    return ok ? '' : `  BAD PLAN: ${plan.join(' | ')}`;
  };

  log(
    `Queue queries: p95 ms over ${runs} runs ('!' = p95 >= ${TARGET_MS} ms). first = page 1; next = keyset page after row N; jump = offset N (scrollbar jump).`,
  );
  log(
    `${'filter'.padEnd(34)} ${'sort'.padEnd(17)} ${'first'.padStart(8)} ${'next'.padStart(8)} ${'jump'.padStart(8)}  N (of total)`,
  );
  for (const f of filters(cache, searches)) {
    const base: QueueQuery = { ...f.query, now: nowIso, limit: 50 };
    const chips = record(
      `${f.name} | chip counts`,
      p95(() => cache.queue.facetCounts(base), runs),
    );
    const { total, capped } = cache.queue.queryOrders({ ...base, limit: 1 });
    const shown = `${total}${capped ? '+' : ''}`;
    log(`${f.name.padEnd(34)} ${'chip counts'.padEnd(17)} ${chips}${' '.repeat(18)}(${shown})`);
    for (const column of QUEUE_SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort = { column, direction };
        const label = `${f.name} | ${column} ${direction}`;
        const deep = Math.min(10_000, Math.max(0, Math.floor(total / 2) - 50));
        const first = { ...base, sort };
        let notes = planOk(first);
        const cells = [
          record(
            `${label} | first page`,
            p95(() => cache.queue.queryOrders(first), runs),
          ),
        ];
        const at = cache.queue.queryOrders({ ...first, offset: deep, limit: 1 }).rows[0];
        if (deep > 0 && at) {
          const next = { ...first, after: { accountId: at.accountId, id: at.id } };
          const jump = { ...first, offset: deep };
          notes += planOk(next) + planOk(jump);
          cells.push(
            record(
              `${label} | next page after row ${deep}`,
              p95(() => cache.queue.queryOrders(next), runs),
            ),
            record(
              `${label} | jump to row ${deep}`,
              p95(() => cache.queue.queryOrders(jump), runs),
            ),
          );
        }
        log(
          `${''.padEnd(34)} ${`${column} ${direction}`.padEnd(17)} ${cells.join(' ').padEnd(26)}  ${String(deep).padStart(5)} (${shown})${notes}`,
        );
      }
    }
  }

  // A new search per keystroke, as the UI sends it: the first page, then the chip counts. Each
  // round gives every keystroke a new clock, as the UI does.
  const keystrokes = [
    ...new Set(typed.flatMap((text) => [...text].map((_, i) => text.slice(0, i + 1).trim()))),
  ].filter((s) => searchToRun(s) !== undefined);
  log(
    `\nNew search per keystroke (${runs} rounds): p95 of its first page, its chips and their sum`,
  );
  log(
    `${'typed'.padEnd(24)} ${'hits'.padStart(7)} ${'page'.padStart(8)} ${'chips'.padStart(8)} ${'sum'.padStart(8)}`,
  );
  const times = new Map(
    keystrokes.map((k) => [k, { page: [] as Sample[], chips: [] as Sample[] }]),
  );
  let tick = 0;
  for (let round = 0; round <= runs; round++) {
    globalThis.gc?.();
    for (const search of keystrokes) {
      const now = new Date(options.now + ++tick * 1000).toISOString();
      const page = time(() => cache.queue.queryOrders({ now, search, limit: 50 }));
      const chips = time(() => cache.queue.facetCounts({ now, search }));
      if (round === 0) continue; // warm-up
      times.get(search)!.page.push(page);
      times.get(search)!.chips.push(chips);
    }
  }
  for (const search of keystrokes) {
    const t = times.get(search)!;
    const counted = cache.queue.queryOrders({ now: nowIso, search, limit: 1 });
    const hits = `${counted.total}${counted.capped ? '+' : ''}`;
    const label = `keystroke "${search}" (${hits} hits)`;
    const page = record(`${label} | first page`, p95Of(t.page));
    const chips = record(`${label} | chip counts`, p95Of(t.chips));
    const sum = record(
      `${label} | page + chips`,
      p95Of(
        t.page.map((v, i) => ({ wall: v.wall + t.chips[i]!.wall, cpu: v.cpu + t.chips[i]!.cpu })),
      ),
    );
    log(`${JSON.stringify(search).padEnd(24)} ${String(hits).padStart(7)} ${page}${chips}${sum}`);
  }

  const over = shapes.filter((s) => s.p95 >= TARGET_MS);
  const overCpu = shapes.filter((s) => s.cpu >= TARGET_MS).length;
  const worst = shapes.reduce((a, b) => (b.p95 > a.p95 ? b : a), { label: '', p95: 0, cpu: 0 });
  const worstCpu = shapes.reduce((a, b) => (b.cpu > a.cpu ? b : a), worst);
  if (over.length > 0) {
    log(`\nover ${TARGET_MS} ms:`);
    for (const s of over.sort((a, b) => b.p95 - a.p95))
      log(`  ${ms(s.p95)} (CPU ${ms(s.cpu)})  ${s.label}`);
  }
  log(
    `\nSUMMARY bench:queries: ${shapes.length} shapes, ${over.length} over ${TARGET_MS} ms, ${badPlans} page plans not walking their sort index; worst p95 ${worst.p95.toFixed(1)} ms (${worst.label}); worst CPU-time p95 ${worstCpu.cpu.toFixed(1)} ms (${worstCpu.label}); ${overCpu} over ${TARGET_MS} ms CPU time`,
  );
  return { shapes: shapes.length, overTarget: over.length, badPlans, worst };
}
