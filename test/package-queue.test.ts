import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspaceCache, type WorkspaceCache } from '../src-main/cache';
import { silentLogger } from '../src-main/infra/logging/logger';
import { PackageQueue } from '../src-main/packages/package-queue';
import { createStackOneClient, NO_RETRY, type StackOneClient } from '../src-main/stackone';
import { createCacheWriter, type CacheWriter } from '../src-main/sync/writer/cache-writer';
import { startSandbox, type RunningSandbox } from '../src-sandbox';

/**
 * The background-check package queue against the sandbox (every request spec-validated there):
 * creates, updates and deletes land; an ambiguous create is found in the listing instead of being
 * sent twice, and sent again only when the listing does not have it; a refusal parks the job.
 */

let sb: RunningSandbox;
let account: string;
let cache: WorkspaceCache;
let writer: CacheWriter;
let queue: PackageQueue;
let seq = 0;

/** Create requests the sandbox received (and applied, or refused). */
const creates = () =>
  sb.inspect.packageWrites({ accountId: account }).filter((w) => w.op === 'create');

beforeAll(async () => {
  sb = await startSandbox({ seed: 21, accounts: [{ provider: 'workday' }], orders: 5 });
  account = sb.accounts[0]!.id;
  cache = openWorkspaceCache(':memory:');
  writer = createCacheWriter(cache);
});
afterEach(async () => {
  await queue?.stop();
  sb.inspect.faults.reset();
});
afterAll(async () => {
  await writer.close();
  cache.close();
  await sb.close();
});

async function run(
  op: 'create' | 'update' | 'delete',
  values: { name: string; description?: string | null; tests?: { name: string }[] } | null,
  packageId: string | null = null,
) {
  const id = `job-${++seq}`;
  await writer.run('enqueuePackageJob', {
    job: {
      id,
      accountId: account,
      op,
      packageId,
      values: values && {
        name: values.name,
        description: values.description ?? null,
        tests: (values.tests ?? []).map((t) => ({ name: t.name, description: null })),
      },
    },
    at: new Date().toISOString(),
  });
  queue = new PackageQueue({
    cache,
    writer,
    logger: silentLogger,
    // No wait between attempts: drained() then settles only once every job is finished.
    retry: { baseDelayMs: 0, maxDelayMs: 0 },
    onChange: () => undefined,
  });
  const client: (a: string) => StackOneClient = (a) =>
    createStackOneClient({ baseUrl: sb.url, apiKey: sb.apiKey, accountId: a, retry: NO_RETRY });
  await queue.start({ clients: client });
  await queue.drained();
  return cache.packageJobs.get(id)!;
}

const named = (name: string) =>
  sb.inspect
    .recordIds(account, 'background_check_packages')
    .map(
      (id) =>
        sb.inspect.record(account, 'background_check_packages', id) as { id: string; name: string },
    )
    .filter((p) => p.name === name);

describe('package queue', () => {
  it('creates, updates and deletes, keeping the cache in step', async () => {
    const created = await run('create', { name: 'Standard', tests: [{ name: 'Identity' }] });
    expect(created).toMatchObject({ state: 'done', lastStatus: 201 });
    expect(named('Standard').map((p) => p.id)).toEqual([created.packageId]);
    expect(cache.packages.get('background_check', account, created.packageId!)?.name).toBe(
      'Standard',
    );

    const updated = await run('update', { name: 'Standard v2' }, created.packageId);
    expect(updated.state).toBe('done');
    expect(named('Standard v2')).toHaveLength(1);

    const deleted = await run('delete', null, created.packageId);
    expect(deleted.state).toBe('done');
    expect(named('Standard v2')).toHaveLength(0);
    expect(cache.packages.get('background_check', account, created.packageId!)?.missing).toBe(true);
    // Deleting what is gone already is done, not an error.
    expect((await run('delete', null, created.packageId)).state).toBe('done');
  });

  it('finds an ambiguous create in the listing and never sends it twice', async () => {
    const posts = creates().length;
    sb.inspect.faults.set({ ambiguousCreates: { count: 1, mode: 'drop' } });
    const job = await run('create', { name: 'Lost answer', tests: [{ name: 'Credit' }] });
    expect(job.state).toBe('done');
    expect(creates().length).toBe(posts + 1);
    expect(named('Lost answer').map((p) => p.id)).toEqual([job.packageId]);
  });

  it('sends again only when the listing does not have the create', async () => {
    // The create fails before the sandbox applies it (an injected 503): the listing lacks it.
    sb.inspect.faults.set({ failNext: { count: 1, status: 503 } });
    const job = await run('create', { name: 'Never arrived' });
    expect(job.state).toBe('done');
    expect(named('Never arrived')).toHaveLength(1);
  });

  it('does not take a package another create already claimed', async () => {
    const first = await run('create', { name: 'Twin' });
    sb.inspect.faults.set({ ambiguousCreates: { count: 1, mode: 502 } });
    const second = await run('create', { name: 'Twin' });
    expect(second.state).toBe('done');
    expect(second.packageId).not.toBe(first.packageId);
    expect(named('Twin')).toHaveLength(2);
  });

  it('parks a create the ATS refuses', async () => {
    sb.inspect.faults.set({ failNext: { count: 1, status: 400, message: 'Name too long' } });
    const job = await run('create', { name: 'Refused' });
    expect(job).toMatchObject({ state: 'parked', lastStatus: 400 });
    expect(named('Refused')).toHaveLength(0);
    await writer.run('discardPackageJob', { id: job.id });
    expect(cache.packageJobs.get(job.id)).toBeNull();
  });
});
