import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  openWorkspaceCache,
  type CandidateInput,
  type OrderInput,
  type WorkspaceCache,
} from '../../cache';
import { describeFailure } from '../failure';
import {
  createCacheWriter,
  DEFAULT_WRITER_LIMITS,
  type CacheWriter,
  type WriterLimits,
} from './cache-writer';
import { GroupCommitter } from './group-committer';
import { CacheWriteError, CacheWriterStoppedError, type FromWriter } from './protocol';
import { BUILT_WORKER, writerWorkerEntry } from './worker-entry';
import type { WriteBatch } from './write-batch';
import { WRITE_OPERATIONS, type WriteOperations } from './write-operations';

const ACCOUNT = 'acc-1';
const AT = '2025-10-01T00:00:00.000Z';

let dirs: string[] = [];
let open: { cache: WorkspaceCache; writer: CacheWriter }[] = [];
afterEach(async () => {
  for (const { cache, writer } of open) {
    await writer.close();
    cache.close();
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  open = [];
  dirs = [];
});

function setup(mode: 'worker' | 'in-thread', limits: Partial<WriterLimits> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sync-writer-'));
  dirs.push(dir);
  const cache = openWorkspaceCache(join(dir, 'cache.sqlite'));
  const writer = createCacheWriter(cache, { ...DEFAULT_WRITER_LIMITS, ...limits }, mode);
  open.push({ cache, writer });
  return { cache, writer, path: join(dir, 'cache.sqlite') };
}

function candidate(id: string): CandidateInput {
  return {
    accountId: ACCOUNT,
    id,
    updatedAt: AT,
    raw: { id, name: `Candidate ${id}` },
    name: `Candidate ${id}`,
    firstName: null,
    lastName: null,
    emails: [],
  };
}

/** A page of candidates with the list's cursor, as record-lists / order-feed send them. */
function page(ids: string[], cursor: string): WriteBatch {
  return {
    at: AT,
    upsert: { kind: 'candidate', rows: ids.map(candidate) },
    syncState: [{ source: 'candidates', accountId: ACCOUNT, patch: { cursor } }],
  };
}

/** A row the schema refuses (account_id NOT NULL): SQLite fails the batch, not the writer. */
const broken = (id: string): CandidateInput => ({ ...candidate(id), accountId: null as never });

const cursorOf = (cache: WorkspaceCache) => cache.syncState.get('candidates', ACCOUNT)?.cursor;

describe.each(['in-thread', 'worker'] as const)('CacheWriter (%s)', (mode) => {
  it('applies batches in order and reports each one only after its commit', async () => {
    const { cache, writer } = setup(mode);
    expect(writer.kind).toBe(mode);
    const stream = writer.stream();
    const seen: string[] = [];
    for (let n = 1; n <= 3; n++) {
      await stream.write(page([`c${n}a`, `c${n}b`], `p${n}`), (outcome) => {
        // Committed means visible to the main connection, with its cursor.
        seen.push(`${n}:${outcome.written}:${cache.candidates.get(ACCOUNT, `c${n}b`)?.name}`);
      });
    }
    await stream.flush();
    expect(seen).toEqual(['1:2:Candidate c1b', '2:2:Candidate c2b', '3:2:Candidate c3b']);
    expect(cursorOf(cache)).toBe('p3');

    // The same rows again: stored, nothing written.
    const again: number[] = [];
    await stream.write(page(['c1a'], 'p4'), ({ written }) => again.push(written));
    await stream.flush();
    expect(again).toEqual([0]);
    expect(cursorOf(cache)).toBe('p4');
  });

  it('fails the stream of a batch that cannot be stored; its cursor never passes the rows', async () => {
    const { cache, writer } = setup(mode);
    const list = writer.stream();
    const other = writer.stream();
    const committed: string[] = [];
    // Sent without waiting: the writer groups them, and the failure must stay in its stream.
    await list.write(page(['c1'], 'p1'), () => committed.push('list p1'));
    // Its first row is fine: nothing of the batch may be stored all the same.
    await list.write({
      ...page([], 'p2'),
      upsert: { kind: 'candidate', rows: [candidate('c2'), broken('c2b')] },
    });
    await other.write(
      {
        at: AT,
        upsert: {
          kind: 'job',
          rows: [
            {
              accountId: ACCOUNT,
              id: 'j1',
              updatedAt: AT,
              raw: {},
              title: 'Job',
              code: null,
              status: null,
            },
          ],
        },
        syncState: [{ source: 'jobs', accountId: ACCOUNT, patch: { updatedAfter: AT } }],
      },
      () => committed.push('jobs'),
    );
    await list.write(page(['c3'], 'p3')).catch(() => undefined);

    const failure = await list.flush().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(CacheWriteError);
    expect((failure as CacheWriteError).code).toMatch(/^SQLITE_CONSTRAINT/);
    expect(describeFailure(failure).message).toMatch(
      /could not store the data \(SQLITE_CONSTRAINT/,
    );
    await expect(list.write(page(['c4'], 'p4'))).rejects.toBe(failure);

    expect(committed.sort()).toEqual(['jobs', 'list p1']);
    expect(cursorOf(cache)).toBe('p1');
    expect(cache.candidates.get(ACCOUNT, 'c1')).not.toBeNull();
    expect(cache.candidates.get(ACCOUNT, 'c2')).toBeNull();
    expect(cache.candidates.get(ACCOUNT, 'c3')).toBeNull();
    expect(cache.jobs.getJob(ACCOUNT, 'j1')?.title).toBe('Job');
    expect(cache.syncState.get('jobs', ACCOUNT)?.updatedAfter).toBe(AT);
    // The writer itself goes on.
    await other.flush();
    expect(writer.failed).toBeNull();
  });

  it('finds an order by the new name of its candidate once the group with both committed', async () => {
    const { cache, writer } = setup(mode);
    const feed = writer.stream();
    const list = writer.stream();
    const order: OrderInput = {
      accountId: ACCOUNT,
      id: 'ord_1',
      kind: 'assessment',
      receivedAt: AT,
      eventId: 'evt_1',
      packageId: null,
      candidateId: 'c1',
      applicationId: null,
      jobId: null,
      candidateName: 'Old Name',
      candidateEmail: 'old.name@example.com',
      rawEvent: {},
      updatedAt: AT,
    };
    // Sent without waiting: the order, then its candidate renamed, in one group.
    await feed.write({ at: AT, upsert: { kind: 'order', rows: [order] } });
    await list.write({
      at: AT,
      upsert: {
        kind: 'candidate',
        rows: [{ ...candidate('c1'), name: 'Zelda Newname', emails: ['zelda@example.com'] }],
      },
    });
    await Promise.all([feed.flush(), list.flush()]);
    const found = (search: string) =>
      cache.queue.queryOrders({ search, now: AT }).rows.map((r) => r.candidateName);
    expect(found('Newname')).toEqual(['Zelda Newname']);
    expect(found('lda@exam')).toEqual(['Zelda Newname']);
    expect(found('Old Name')).toEqual([]);
  });

  it('holds a writer back while too many rows wait for the writer', async () => {
    const { cache, writer } = setup(mode, { queueMaxRows: 3 });
    const stream = writer.stream();
    // 2 rows + 1 cursor = 3 queued: the next write waits until the writer has taken them.
    await stream.write(page(['c1', 'c2'], 'p1'));
    let queued = false;
    const second = stream.write(page(['c3'], 'p2')).then(() => (queued = true));
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(queued).toBe(false);
    await second;
    await stream.flush();
    expect(cursorOf(cache)).toBe('p2');
  });

  it('answers a named operation once it committed; the batches around it keep their order', async () => {
    const { cache, writer } = setup(mode);
    const stream = writer.stream();
    await stream.write(page(['c1'], 'p1'));
    const stored = writer
      .run('setLinkedAccounts', [{ id: ACCOUNT, name: 'Acme', provider: 'greenhouse' }])
      // What the main connection sees when the answer arrives.
      .then((written) => ({ written, accounts: cache.accounts.list().map((a) => a.name) }));
    await stream.write(page(['c2'], 'p2'));
    expect(await stored).toEqual({ written: 1, accounts: ['Acme'] });
    await stream.flush();
    expect(cursorOf(cache)).toBe('p2');
    expect(cache.candidates.get(ACCOUNT, 'c1')).not.toBeNull();
  });

  it('rejects an operation that fails, with its reason, and goes on', async () => {
    const { cache, writer } = setup(mode);
    const failure = await writer.run('setDefaultTurnaround', { hours: -1 }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(CacheWriteError);
    expect((failure as Error).message).toMatch(/Turnaround must be between/);
    await writer.run('setDefaultTurnaround', { hours: 24 });
    expect(cache.turnarounds.defaultHours()).toBe(24);
  });

  it('close() stores what was written before it', async () => {
    const { cache, writer, path } = setup(mode);
    const stream = writer.stream();
    await stream.write(page(['c1'], 'p1'));
    await writer.close();
    await expect(stream.write(page(['c2'], 'p2'))).rejects.toBeInstanceOf(CacheWriterStoppedError);
    cache.close();
    const reopened = openWorkspaceCache(path);
    expect(cursorOf(reopened)).toBe('p1');
    reopened.close();
  });
});

describe('CacheWriter (in-thread) when the disk is full', () => {
  it('fails the batches SQLite rolled back and never stores a cursor past them', async () => {
    const { cache, writer } = setup('in-thread', { queueMaxRows: 100_000 });
    const pages = (cache.db.pragma('page_count', { simple: true }) as number) + 40;
    cache.db.pragma(`max_page_count = ${pages}`);
    const stream = writer.stream();
    const big = (from: number) =>
      Array.from({ length: 400 }, (_, i) => ({
        ...candidate(`c${from + i}`),
        raw: { padding: 'x'.repeat(2_000) },
      }));
    // Sent together, so they share a group: whatever SQLite rolls back on SQLITE_FULL (the
    // statement or the whole transaction), no cursor may outlive its rows.
    for (let n = 0; n < 6; n++) {
      await stream
        .write({ ...page([], `p${n + 1}`), upsert: { kind: 'candidate', rows: big(n * 400) } })
        .catch(() => undefined);
    }
    const failure = await stream.flush().then(
      () => null,
      (error: unknown) => error,
    );
    expect((failure as CacheWriteError | null)?.code).toBe('SQLITE_FULL');
    const stored = Number(cursorOf(cache)?.slice(1) ?? 0);
    for (let n = 0; n < stored * 400; n++) {
      expect(
        cache.candidates.get(ACCOUNT, `c${n}`),
        `row c${n} under cursor p${stored}`,
      ).not.toBeNull();
    }
    expect(stored).toBeLessThan(6);
  });
});

describe('CacheWriter (worker) when the worker dies', () => {
  it('fails every unsettled batch clearly and never leaves a cursor ahead of its rows', async () => {
    const { cache, writer } = setup('worker');
    const stream = writer.stream();
    let committed = 0;
    let firstCommit: () => void = () => undefined;
    const oneCommitted = new Promise<void>((resolve) => (firstCommit = resolve));
    for (let n = 1; n <= 200; n++) {
      await stream.write(page([`c${n}`], `${n}`), () => {
        committed++;
        firstCommit();
      });
      // Dies with batches committed and many still queued; wherever the cut falls, the invariant
      // below must hold.
      if (n === 20) await oneCommitted;
    }
    await writer.terminate();

    const failure = await stream.flush().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(CacheWriterStoppedError);
    expect(describeFailure(failure).message).toMatch(/cache writer stopped unexpectedly/);
    expect(writer.failed).toBeInstanceOf(CacheWriterStoppedError);

    const cursor = Number(cursorOf(cache) ?? 0);
    expect(cursor).toBeGreaterThanOrEqual(committed);
    for (let n = 1; n <= cursor; n++) expect(cache.candidates.get(ACCOUNT, `c${n}`)).not.toBeNull();
  });

  it('starts a new worker for the next write after one died', async () => {
    const { cache, writer } = setup('worker');
    await writer.run('setDefaultTurnaround', { hours: 12 });
    await writer.terminate();
    expect(writer.failed).toBeInstanceOf(CacheWriterStoppedError);
    await writer.run('setDefaultTurnaround', { hours: 36 });
    expect(writer.failed).toBeNull();
    expect(cache.turnarounds.defaultHours()).toBe(36);
  });

  it('reports a worker that cannot open the cache', async () => {
    const { cache } = setup('in-thread');
    // A schema this build does not know: the worker refuses the file instead of writing to it.
    cache.db
      .prepare(
        "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (99, 'future', '', '')",
      )
      .run();
    const writer = createCacheWriter(cache, DEFAULT_WRITER_LIMITS, 'worker');
    open.push({ cache, writer });
    const stream = writer.stream();
    const failure = await stream
      .write(page(['c1'], 'p1'))
      .then(() => stream.flush())
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(CacheWriterStoppedError);
    expect(String((failure as Error).message)).toMatch(/cache schema is 99/);
    expect(cursorOf(cache)).toBeUndefined();
  });
});

describe('GroupCommitter (the writer side)', () => {
  const level = (c: WorkspaceCache) => c.db.pragma('synchronous', { simple: true }) as number;
  const operations: WriteOperations = {
    // Each reports the level its own transaction commits with.
    typed: { durable: true, apply: level },
    synced: { durable: false, apply: level },
    sawC1: { durable: false, apply: (c) => c.candidates.get(ACCOUNT, 'c1') !== null },
  };
  const committer = (cache: WorkspaceCache) => {
    const sent: FromWriter[] = [];
    return { sent, committer: new GroupCommitter(cache, (m) => sent.push(m), operations) };
  };

  it('commits a durable operation with synchronous=FULL; other writes keep NORMAL', () => {
    const { cache } = setup('in-thread');
    const normal = level(cache);
    expect(normal).toBe(1);
    const { sent, committer: c } = committer(cache);
    c.enqueue({ type: 'run', seq: 1, name: 'typed', args: null });
    c.enqueue({ type: 'run', seq: 2, name: 'synced', args: null });
    c.drain();
    expect(sent).toEqual([
      {
        type: 'settled',
        committed: [
          { seq: 1, result: 2 },
          { seq: 2, result: normal },
        ],
        failed: [],
      },
    ]);
    expect(level(cache)).toBe(normal);
  });

  it('runs an operation ahead of the sync batches queued with it', () => {
    const { cache } = setup('in-thread');
    const { sent, committer: c } = committer(cache);
    c.enqueue({ type: 'batch', seq: 1, stream: 1, batch: page(['c1'], 'p1') });
    c.enqueue({ type: 'run', seq: 2, name: 'sawC1', args: null });
    c.drain();
    const settled = sent.flatMap((m) => (m.type === 'settled' ? m.committed : []));
    expect(settled.map((s) => s.seq)).toEqual([2, 1]);
    expect(settled[0]!.result).toBe(false);
    expect(cursorOf(cache)).toBe('p1');
  });

  it('is what every write of coordinator input is', () => {
    expect(WRITE_OPERATIONS.setDefaultTurnaround.durable).toBe(true);
    expect(WRITE_OPERATIONS.setPackageTurnaround.durable).toBe(true);
    expect(WRITE_OPERATIONS.setLinkedAccounts.durable).toBe(false);
  });
});

describe('writerWorkerEntry', () => {
  it('starts the TypeScript worker with tsx from source', () => {
    const entry = writerWorkerEntry(new URL('./worker-entry.ts', import.meta.url).href);
    expect(entry.url.pathname).toMatch(/\/writer-worker\.ts$/);
    // Under vitest the parent has no tsx loader: the worker gets one.
    expect(entry.execArgv?.at(-2)).toBe('--import');
    expect(entry.execArgv?.at(-1)).toMatch(/tsx/);
  });

  it('finds the built worker beside the main bundle or its chunk folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'writer-entry-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'chunks'));
    writeFileSync(join(dir, BUILT_WORKER), '');
    const worker = pathToFileURL(join(dir, BUILT_WORKER)).href;
    expect(writerWorkerEntry(pathToFileURL(join(dir, 'index.js')).href).url.href).toBe(worker);
    expect(writerWorkerEntry(pathToFileURL(join(dir, 'chunks', 'x.js')).href).url.href).toBe(
      worker,
    );
    expect(() => writerWorkerEntry(pathToFileURL(join(tmpdir(), 'nowhere.js')).href)).toThrow(
      /sync-writer-worker\.js/,
    );
  });
});
