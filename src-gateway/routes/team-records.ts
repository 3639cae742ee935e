import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CatalogEntryWriteSchema,
  MappingWritesRequestSchema,
  PublishEntriesRequestSchema,
} from '../../src-shared/gateway';
import { issuesOf, sendError } from '../errors';
import type { GatewayStore } from '../store/store';

const afterQuery = z.object({ after: z.coerce.number().int().min(0).default(0) });
const idParam = z.object({ id: z.string().trim().min(1).max(200) });

/**
 * The team's catalog entries and mappings (bearer-protected like the feed). Writes carry the
 * version they were based on; a stale one gets 409 with the current record, never an overwrite.
 * Publishing copies the live (non-archived) entries into the catalog StackOne reads from
 * `/ats/assessments/packages`, and only when the entries are still at the revision the
 * coordinator looked at.
 */
export async function teamRecordRoutes(
  app: FastifyInstance,
  opts: { store: GatewayStore },
): Promise<void> {
  const { store } = opts;

  app.get('/v1/catalog/entries', async (request, reply) => {
    const query = afterQuery.safeParse(request.query);
    if (!query.success) {
      return sendError(reply, 400, 'invalid_request', 'invalid query', issuesOf(query.error));
    }
    return store.readCatalogEntries(query.data.after);
  });

  app.put('/v1/catalog/entries/:id', async (request, reply) => {
    const params = idParam.safeParse(request.params);
    const body = CatalogEntryWriteSchema.safeParse(request.body);
    if (!params.success || !body.success) {
      const error = (params.error ?? body.error) as z.ZodError;
      return sendError(reply, 400, 'invalid_request', 'invalid catalog entry', issuesOf(error));
    }
    const outcome = await store.writeCatalogEntry(
      params.data.id,
      body.data,
      new Date().toISOString(),
      null,
    );
    return reply.code(outcome.status === 'written' ? 200 : 409).send(outcome);
  });

  app.post('/v1/catalog/publish', async (request, reply) => {
    const body = PublishEntriesRequestSchema.safeParse(request.body);
    if (!body.success) {
      return sendError(reply, 400, 'invalid_request', 'invalid publish', issuesOf(body.error));
    }
    const { revision, entries } = await store.readCatalogEntries(0);
    if (revision !== body.data.baseRevision) {
      return reply.code(409).send({ status: 'conflict', revision });
    }
    const live = entries
      .filter((e) => !e.archived)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(({ id, name, description }) => ({ id, name, description }));
    const catalog = await store.putCatalog(live, new Date().toISOString());
    request.log.info({ version: catalog.version, packages: live.length }, 'catalog published');
    return catalog;
  });

  app.get('/v1/mappings', async (request, reply) => {
    const query = afterQuery.safeParse(request.query);
    if (!query.success) {
      return sendError(reply, 400, 'invalid_request', 'invalid query', issuesOf(query.error));
    }
    return store.readMappings(query.data.after);
  });

  app.post('/v1/mappings', { bodyLimit: 8 * 1024 * 1024 }, async (request, reply) => {
    const body = MappingWritesRequestSchema.safeParse(request.body);
    if (!body.success) {
      return sendError(reply, 400, 'invalid_request', 'invalid mappings', issuesOf(body.error));
    }
    const results = await store.writeMappings(body.data.writes, new Date().toISOString(), null);
    const conflicted = results.some((r) => r.status === 'conflict');
    return reply.code(conflicted ? 409 : 200).send({ results });
  });
}
