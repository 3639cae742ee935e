import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src-gateway';
import { newGatewayDatabase } from '../src-gateway/testing/stores';
import type { TestDatabase } from '../src-gateway/testing/postgres';
import { specValidator as validator } from './testing/spec-schemas';

/**
 * The endpoint StackOne calls must answer in the spec's own shapes: every body here is validated
 * against `AssessmentPackagePaginated` / `AssessmentPackageResult` (and the error shape) from
 * resources/stackone/ats-openapi.json.
 */

const paginated = validator('AssessmentPackagePaginated');
const single = validator('AssessmentPackageResult');
const errorShape = (body: unknown) => {
  const b = body as Record<string, unknown>;
  return (
    typeof b.statusCode === 'number' &&
    typeof b.message === 'string' &&
    !Number.isNaN(Date.parse(String(b.timestamp)))
  );
};

const PKG_TOKEN = 'packages-token-1';
const FEED_TOKEN = 'feed-token-0001';
let gw: RunningGateway;
let db: TestDatabase;

beforeAll(async () => {
  db = await newGatewayDatabase();
  gw = await startGateway({
    port: 0,
    dbPath: db.url,
    webhookSecrets: ['whsec-000001'],
    feedToken: FEED_TOKEN,
    packagesToken: PKG_TOKEN,
  });
  const packages = Array.from({ length: 30 }, (_, i) => ({
    id: `pkg_${String(i).padStart(2, '0')}`,
    name: `Package ${i}`,
    description: i % 3 === 0 ? null : `Skills test ${i}, ünïcödé ✓`,
  }));
  const res = await fetch(`${gw.url}/v1/assessment-packages`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${FEED_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ packages }),
  });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await gw.close();
  await db.drop();
});

async function get(path: string, authorization: string | null = `Bearer ${PKG_TOKEN}`) {
  const res = await fetch(`${gw.url}${path}`, {
    headers: authorization ? { authorization } : {},
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('GET /ats/assessments/packages', () => {
  it('the validator itself rejects wrong shapes', () => {
    expect(paginated({ data: 'nope' })).not.toBe('valid');
    expect(paginated({ next: null })).not.toBe('valid');
    expect(single({ data: { id: 5 } })).not.toBe('valid');
  });

  it('pages through the whole catalog with next and page_size, every page valid', async () => {
    const seen: string[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const query: string = next ? `?page_size=7&next=${next}` : '?page_size=7';
      const { status, body } = await get(`/ats/assessments/packages${query}`);
      expect(status).toBe(200);
      expect(paginated(body)).toBe('valid');
      const data = body.data as { id: string; remote_id: string }[];
      expect(data.length).toBeLessThanOrEqual(7);
      seen.push(...data.map((p) => p.id));
      next = body.next as string | null;
      pages++;
    } while (next);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
  });

  it('defaults to 25 a page, caps page_size at 100, and honours fields and filter[updated_after]', async () => {
    const first = await get('/ats/assessments/packages');
    expect((first.body.data as unknown[]).length).toBe(25);
    expect(typeof first.body.next).toBe('string');
    const capped = await get('/ats/assessments/packages?page_size=1000');
    expect((capped.body.data as unknown[]).length).toBe(30);
    expect(capped.body.next).toBeNull();
    expect(paginated(capped.body)).toBe('valid');

    const sparse = await get('/ats/assessments/packages?fields=id,name&page_size=2');
    expect(paginated(sparse.body)).toBe('valid');
    expect(sparse.body.data).toEqual([
      { id: 'pkg_00', name: 'Package 0' },
      { id: 'pkg_01', name: 'Package 1' },
    ]);

    const future = await get(
      '/ats/assessments/packages?filter[updated_after]=2999-01-01T00:00:00Z',
    );
    expect(future.body).toEqual({ next: null, data: [] });
    const past = await get(
      '/ats/assessments/packages?filter[updated_after]=2000-01-01T00:00:00Z&page_size=100',
    );
    expect((past.body.data as unknown[]).length).toBe(30);
  });

  it('answers one package in AssessmentPackageResult, 404 in the error shape', async () => {
    const { status, body } = await get('/ats/assessments/packages/pkg_04');
    expect(status).toBe(200);
    expect(single(body)).toBe('valid');
    expect(body.data).toEqual({
      id: 'pkg_04',
      remote_id: 'pkg_04',
      name: 'Package 4',
      description: 'Skills test 4, ünïcödé ✓',
    });
    const missing = await get('/ats/assessments/packages/nope');
    expect(missing.status).toBe(404);
    expect(errorShape(missing.body)).toBe(true);
  });

  it('requires its own credential (bearer or Basic), in the spec error shape', async () => {
    const none = await get('/ats/assessments/packages', null);
    expect(none.status).toBe(401);
    expect(errorShape(none.body)).toBe(true);
    expect((await get('/ats/assessments/packages', `Bearer ${FEED_TOKEN}`)).status).toBe(401);
    const basic = `Basic ${Buffer.from(`${PKG_TOKEN}:`).toString('base64')}`;
    expect((await get('/ats/assessments/packages', basic)).status).toBe(200);
  });

  it('rejects bad paging input with 400', async () => {
    expect((await get('/ats/assessments/packages?page_size=0')).status).toBe(400);
    expect((await get('/ats/assessments/packages?next=garbage')).status).toBe(400);
    expect((await get('/ats/assessments/packages?filter[updated_after]=yesterday')).status).toBe(
      400,
    );
  });
});
