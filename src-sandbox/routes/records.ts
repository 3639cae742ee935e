import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context';
import type { Application, Candidate, Job, ResourceName, ResourceRecordMap } from '../data/types';
import { SandboxHttpError } from '../errors';
import { canonicalInstant, paginate, parsePageSize } from '../pagination';
import { present, rawFor } from './present';
import { accountOf, state } from './types';

/**
 * The read endpoints: list (cursor pages, filters) and get-by-id for every resource the desk
 * reads. One generic pair of handlers; each resource adds only its own filters.
 */

type Query = Record<string, unknown>;
type Filter = Record<string, string | undefined>;
type Matcher<T> = (filter: Filter, query: Query) => ((record: T) => boolean) | undefined;

function filterOf(query: Query): Filter {
  return (typeof query.filter === 'object' && query.filter !== null ? query.filter : {}) as Filter;
}

const candidateMatch: Matcher<Candidate> = (f) => {
  const email = f.email?.toLowerCase();
  if (!email) return undefined;
  return (c) =>
    c.email?.toLowerCase() === email || c.emails.some((e) => e.value.toLowerCase() === email);
};

const applicationMatch: Matcher<Application> = (f, q) => {
  const jobId = f.job_id ?? (typeof q.job_id === 'string' ? q.job_id : undefined);
  const stage = f.application_stage_id ?? f.stage;
  if (!jobId && !stage) return undefined;
  return (a) => (!jobId || a.job_id === jobId) && (!stage || a.application_stage_id === stage);
};

const jobMatch: Matcher<Job> = (f) => {
  const status = f.job_status ?? f.status;
  if (!status) return undefined;
  return (j) => j.job_status.value === status;
};

export function registerReadRoutes<K extends ResourceName>(
  app: FastifyInstance,
  ctx: SandboxContext,
  resource: K,
  specPath: string,
  matcher?: Matcher<ResourceRecordMap[K]>,
): void {
  app.get(specPath, { config: { stackone: 'unified', specPath } }, async (request) => {
    const acc = accountOf(request);
    const { query } = state(request);
    const filter = filterOf(query);
    const pageSize = parsePageSize(
      typeof query.page_size === 'string' ? query.page_size : undefined,
    );
    const updatedRaw =
      filter.updated_after ??
      (typeof query.updated_after === 'string' ? query.updated_after : undefined);
    const createdRaw = filter.created_after;
    const createdAfter = createdRaw
      ? canonicalInstant(createdRaw, 'filter[created_after]')
      : undefined;
    const extra = matcher?.(filter, query);
    const match =
      createdAfter || extra
        ? (r: ResourceRecordMap[K]) =>
            (!createdAfter || ((r as { created_at?: string }).created_at ?? '') > createdAfter) &&
            (!extra || extra(r))
        : undefined;
    const page = paginate(acc.collections[resource] as never, {
      pageSize,
      next: typeof query.next === 'string' ? query.next : undefined,
      updatedAfter: updatedRaw ? canonicalInstant(updatedRaw, 'filter[updated_after]') : undefined,
      match: match as never,
      shortPageSize: ctx.faults.shortPageSize(pageSize),
    });
    return {
      next: page.next,
      data: page.records.map((r) => present(ctx, resource, r as object, query)),
      ...rawFor(acc, specPath, query),
    };
  });

  const byId = `${specPath}/{id}`;
  app.get(
    byId.replace('{id}', ':id'),
    { config: { stackone: 'unified', specPath: byId } },
    async (request) => {
      const acc = accountOf(request);
      const { query } = state(request);
      const { id } = request.params as { id: string };
      const record = acc.collections[resource].get(id);
      if (!record) throw new SandboxHttpError(404, `Record ${id} not found`);
      return { data: present(ctx, resource, record, query), ...rawFor(acc, byId, query) };
    },
  );
}

export function registerAllReadRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  registerReadRoutes(app, ctx, 'candidates', '/unified/ats/candidates', candidateMatch);
  registerReadRoutes(app, ctx, 'applications', '/unified/ats/applications', applicationMatch);
  registerReadRoutes(app, ctx, 'jobs', '/unified/ats/jobs', jobMatch);
  registerReadRoutes(app, ctx, 'job_postings', '/unified/ats/job_postings');
  registerReadRoutes(app, ctx, 'assessment_packages', '/unified/ats/assessments/packages');
  registerReadRoutes(
    app,
    ctx,
    'background_check_packages',
    '/unified/ats/background_checks/packages',
  );
}
