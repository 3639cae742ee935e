import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src-gateway';
import type { LooseJson } from '../src-sandbox/testing/sandbox-client';
import { specValidator } from './testing/spec-schemas';

/**
 * The team's catalog entries and mappings on the gateway: versioned writes (a stale one gets 409
 * with the current record and changes nothing), incremental reads by revision, and publishing,
 * after which StackOne's `/ats/assessments/packages` serves the live entries in the spec's shape.
 */

const FEED_TOKEN = 'feed-token-0001';
const PKG_TOKEN = 'packages-token-1';
const paginated = specValidator('AssessmentPackagePaginated');
let gw: RunningGateway;

beforeAll(async () => {
  gw = await startGateway({
    port: 0,
    webhookSecrets: ['whsec-000001'],
    feedToken: FEED_TOKEN,
    packagesToken: PKG_TOKEN,
  });
});
afterAll(async () => gw.close());

async function call(method: string, path: string, body?: unknown, token = FEED_TOKEN) {
  const res = await fetch(`${gw.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as LooseJson };
}

const entry = (over: Record<string, unknown> = {}) => ({
  name: 'Coding test',
  description: 'Timed, proctored',
  type: 'Skills',
  turnaroundHours: 48,
  baseVersion: 0,
  ...over,
});

describe('catalog entries', () => {
  it('creates at version 1, edits on the current version, refuses a stale write with the current record', async () => {
    const created = await call('PUT', '/v1/catalog/entries/pkg-code', entry());
    expect(created.status).toBe(200);
    expect(created.body.record).toMatchObject({ id: 'pkg-code', version: 1, archived: false });

    const edited = await call(
      'PUT',
      '/v1/catalog/entries/pkg-code',
      entry({ name: 'Coding', baseVersion: 1 }),
    );
    expect(edited.status).toBe(200);
    expect(edited.body.record).toMatchObject({ name: 'Coding', version: 2 });

    const stale = await call(
      'PUT',
      '/v1/catalog/entries/pkg-code',
      entry({ name: 'Mine', baseVersion: 1 }),
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      status: 'conflict',
      current: { name: 'Coding', version: 2 },
    });

    // A second create of an existing id is stale too.
    expect((await call('PUT', '/v1/catalog/entries/pkg-code', entry())).status).toBe(409);
    const all = await call('GET', '/v1/catalog/entries');
    expect(all.body.entries.find((e: { id: string }) => e.id === 'pkg-code').name).toBe('Coding');
  });

  it('serves only what changed after a revision', async () => {
    const before = (await call('GET', '/v1/catalog/entries')).body.revision as number;
    await call('PUT', '/v1/catalog/entries/pkg-pers', entry({ name: 'Personality' }));
    const page = await call('GET', `/v1/catalog/entries?after=${before}`);
    expect(page.body.revision).toBe(before + 1);
    expect(page.body.entries.map((e: { id: string }) => e.id)).toEqual(['pkg-pers']);
  });

  it('refuses malformed writes with 400 and unknown fields', async () => {
    expect((await call('PUT', '/v1/catalog/entries/x', { name: '', baseVersion: 0 })).status).toBe(
      400,
    );
    expect((await call('PUT', '/v1/catalog/entries/x', entry({ extra: 1 }))).status).toBe(400);
    expect((await call('PUT', '/v1/catalog/entries/x', entry(), 'wrong-token-000')).status).toBe(
      401,
    );
  });

  it('publishes the live entries on the current revision only; StackOne then gets them in the spec shape', async () => {
    const { revision } = (await call('GET', '/v1/catalog/entries')).body as { revision: number };
    await call('PUT', '/v1/catalog/entries/pkg-old', entry({ name: 'Old' }));
    const stale = await call('POST', '/v1/catalog/publish', { baseRevision: revision });
    expect(stale.status).toBe(409);

    const archived = await call(
      'PUT',
      '/v1/catalog/entries/pkg-old',
      entry({ name: 'Old', archived: true, baseVersion: 1 }),
    );
    expect(archived.status).toBe(200);
    const now = (await call('GET', '/v1/catalog/entries')).body.revision as number;
    const published = await call('POST', '/v1/catalog/publish', { baseRevision: now });
    expect(published.status).toBe(200);

    const served = await call('GET', '/ats/assessments/packages', undefined, PKG_TOKEN);
    expect(served.status).toBe(200);
    expect(paginated(served.body)).toBe('valid');
    expect(served.body.data.map((p: { id: string }) => p.id)).toEqual(['pkg-code', 'pkg-pers']);
    expect(served.body.data[0]).toEqual({
      id: 'pkg-code',
      remote_id: 'pkg-code',
      name: 'Coding',
      description: 'Timed, proctored',
    });
  });
});

describe('mappings', () => {
  const write = (over: Record<string, unknown> = {}) => ({
    accountId: 'acc-wd',
    target: 'job_posting',
    targetId: 'post-1',
    packageId: 'pkg-code',
    baseVersion: 0,
    ...over,
  });

  it('applies each write on its own: fresh ones land, a stale one gets 409 with the current mapping', async () => {
    const first = await call('POST', '/v1/mappings', {
      writes: [
        write(),
        write({ target: 'ats_test_id', targetId: 'RECRUITING_ASSESSMENT_TEST-6-111' }),
      ],
    });
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual([
      'written',
      'written',
    ]);

    const mixed = await call('POST', '/v1/mappings', {
      writes: [write({ packageId: 'pkg-pers' }), write({ targetId: 'post-2' })],
    });
    expect(mixed.status).toBe(409);
    expect(mixed.body.results[0]).toMatchObject({
      status: 'conflict',
      current: { targetId: 'post-1', packageId: 'pkg-code', version: 1 },
    });
    expect(mixed.body.results[1]).toMatchObject({ status: 'written', record: { version: 1 } });

    const cleared = await call('POST', '/v1/mappings', {
      writes: [write({ packageId: null, baseVersion: 1 })],
    });
    expect(cleared.body.results[0].record).toMatchObject({ packageId: null, version: 2 });
    const page = await call('GET', '/v1/mappings?after=2');
    expect(page.body.mappings.map((m: { targetId: string }) => m.targetId)).toEqual([
      'post-2',
      'post-1',
    ]);
  });

  it('refuses a malformed batch as a whole with 400', async () => {
    const bad = await call('POST', '/v1/mappings', { writes: [write({ target: 'nope' })] });
    expect(bad.status).toBe(400);
    expect((await call('POST', '/v1/mappings', { writes: [] })).status).toBe(400);
  });
});
