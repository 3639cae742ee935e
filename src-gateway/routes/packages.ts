import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CatalogPackage } from '../../src-shared/gateway';
import { packagesCredentialOk } from '../auth';
import type { GatewayStore } from '../store/store';

/**
 * The provider endpoint StackOne calls ("conforming to GET /ats/assessments/packages", API-NOTES
 * §4.6), answering from the published catalog in the spec's `AssessmentPackagePaginated` /
 * `AssessmentPackageResult` shapes and its error shape. Paging is keyset over package id (stable
 * when the catalog is republished between pages); `next` is opaque.
 */

const DEFAULT_PAGE_SIZE = 25;
/** StackOne documents no maximum; its older docs name 100 (API-NOTES §2). */
const MAX_PAGE_SIZE = 100;
const FIELDS = ['id', 'remote_id', 'name', 'description'] as const;

type SpecPackage = Partial<Record<(typeof FIELDS)[number], string | null>>;

function stackOneError(reply: FastifyReply, statusCode: number, message: string): FastifyReply {
  return reply.code(statusCode).send({ statusCode, message, timestamp: new Date().toISOString() });
}

function toSpec(pkg: CatalogPackage, fields: readonly string[] | null): SpecPackage {
  const full: Required<SpecPackage> = {
    id: pkg.id,
    remote_id: pkg.id,
    name: pkg.name,
    description: pkg.description,
  };
  if (fields === null) return full;
  return Object.fromEntries(FIELDS.filter((f) => fields.includes(f)).map((f) => [f, full[f]]));
}

/** `filter[updated_after]` arrives flat (`filter[updated_after]=`) or as an object, depending on the parser. */
function filterValue(query: Record<string, unknown>, key: string): unknown {
  const filter = query.filter;
  if (typeof filter === 'object' && filter !== null)
    return (filter as Record<string, unknown>)[key];
  return query[`filter[${key}]`] ?? query.updated_after;
}

function fieldsOf(value: unknown): string[] | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  return value.split(',').map((f) => f.trim());
}

export async function packagesRoutes(
  app: FastifyInstance,
  opts: { store: GatewayStore; tokens: readonly string[] },
): Promise<void> {
  const { store, tokens } = opts;

  app.addHook('onRequest', async (request, reply) => {
    if (tokens.length === 0) {
      return stackOneError(reply, 401, 'The packages endpoint has no credential configured.');
    }
    if (!packagesCredentialOk(request.headers.authorization, tokens)) {
      return stackOneError(reply, 401, 'Invalid or missing credentials.');
    }
  });

  app.get('/ats/assessments/packages', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    let pageSize = DEFAULT_PAGE_SIZE;
    if (query.page_size !== undefined && query.page_size !== '') {
      const n = Number(query.page_size);
      if (!Number.isInteger(n) || n < 1) {
        return stackOneError(reply, 400, 'page_size must be a positive integer.');
      }
      pageSize = Math.min(n, MAX_PAGE_SIZE);
    }
    let afterId: string | null = null;
    if (typeof query.next === 'string' && query.next !== '') {
      const decoded = Buffer.from(query.next, 'base64url').toString('utf8');
      if (!decoded.startsWith('id:')) return stackOneError(reply, 400, 'Invalid next cursor.');
      afterId = decoded.slice(3);
    }
    let updatedAfter: number | null = null;
    const filter = filterValue(query, 'updated_after');
    if (typeof filter === 'string' && filter !== '') {
      updatedAfter = Date.parse(filter);
      if (Number.isNaN(updatedAfter)) {
        return stackOneError(reply, 400, 'filter[updated_after] must be a date-time.');
      }
    }

    const { packages } = await store.getCatalog();
    const candidates = packages
      .filter((p) => afterId === null || p.id > afterId)
      .filter((p) => updatedAfter === null || Date.parse(p.updatedAt) > updatedAfter)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const page = candidates.slice(0, pageSize);
    const last = page.at(-1);
    const next =
      candidates.length > pageSize && last
        ? Buffer.from(`id:${last.id}`, 'utf8').toString('base64url')
        : null;
    const fields = fieldsOf(query.fields);
    return { next, data: page.map((p) => toSpec(p, fields)) };
  });

  app.get<{ Params: { id: string } }>('/ats/assessments/packages/:id', async (request, reply) => {
    const { packages } = await store.getCatalog();
    const pkg = packages.find((p) => p.id === request.params.id);
    if (!pkg) return stackOneError(reply, 404, 'Record not found.');
    return { data: toSpec(pkg, fieldsOf((request.query as Record<string, unknown>).fields)) };
  });
}
