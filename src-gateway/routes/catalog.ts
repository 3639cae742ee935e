import type { FastifyInstance } from 'fastify';
import { PublishCatalogRequestSchema, type Catalog } from '../../src-shared/gateway';
import { issuesOf, sendError } from '../errors';
import type { GatewayStore } from '../store/store';

/** Up to 10,000 packages with long descriptions. */
const CATALOG_BODY_LIMIT = 16 * 1024 * 1024;

/** `PUT|GET /v1/assessment-packages`: the desk publishes the provider's catalog (bearer-protected). */
export async function catalogRoutes(
  app: FastifyInstance,
  opts: { store: GatewayStore },
): Promise<void> {
  const { store } = opts;
  app.get('/v1/assessment-packages', async (): Promise<Catalog> => store.getCatalog());
  app.put('/v1/assessment-packages', { bodyLimit: CATALOG_BODY_LIMIT }, async (request, reply) => {
    const body = PublishCatalogRequestSchema.safeParse(request.body);
    if (!body.success) {
      return sendError(reply, 400, 'invalid_request', 'invalid catalog', issuesOf(body.error));
    }
    const catalog = await store.putCatalog(body.data.packages, new Date().toISOString());
    request.log.info(
      { version: catalog.version, packages: catalog.packages.length },
      'catalog published',
    );
    return catalog;
  });
}
