import type { FeedEvent } from '../../../src-shared/gateway';
import { createStackOneClient, type StackOneClient } from '../../stackone';
import type { FeedRead, GatewayClient } from '../gateway-client';

/**
 * Test doubles for the sync engine's unit tests: a scriptable StackOne (behind the real client, via
 * its `fetch` option) and a scriptable order feed (in place of the gateway client).
 */

export type Resource =
  | 'candidates'
  | 'applications'
  | 'jobs'
  | 'job_postings'
  | 'assessments/packages'
  | 'background_checks/packages';

export interface FakeCall {
  method: string;
  resource: Resource;
  id: string | null;
  query: URLSearchParams;
}

export class FakeStackOne {
  readonly records = new Map<Resource, Record<string, unknown>[]>();
  readonly calls: FakeCall[] = [];
  /** Fails the next matching calls with this status (and Retry-After seconds). */
  failures: { resource?: Resource; status: number; retryAfter?: number; times: number }[] = [];
  /** Network failure for every call while true. */
  offline = false;

  set(resource: Resource, records: Record<string, unknown>[]): void {
    this.records.set(resource, records);
  }

  client(accountId: string): StackOneClient {
    return createStackOneClient({
      apiKey: 'test-key',
      accountId,
      baseUrl: 'http://stackone.test',
      retry: { maxAttempts: 1 },
      budget: { limit: 100_000, windowMs: 60_000 },
      fetch: async (request) => this.handle(request),
    });
  }

  count(filter: Partial<Pick<FakeCall, 'resource' | 'method'>> & { byId?: boolean } = {}): number {
    return this.calls.filter(
      (c) =>
        (filter.resource === undefined || c.resource === filter.resource) &&
        (filter.byId === undefined || (c.id !== null) === filter.byId),
    ).length;
  }

  private async handle(request: Request): Promise<Response> {
    if (this.offline) throw new TypeError('fetch failed: connect ECONNREFUSED');
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/unified\/ats\//, '');
    const known: Resource[] = [
      'candidates',
      'applications',
      'jobs',
      'job_postings',
      'assessments/packages',
      'background_checks/packages',
    ];
    let id: string | null = null;
    let resource = known.find((r) => r === path);
    if (!resource) {
      resource = known.find((r) => path.startsWith(`${r}/`));
      if (resource) id = decodeURIComponent(path.slice(resource.length + 1));
    }
    if (!resource) return json(404, { statusCode: 404, message: 'no route' });
    this.calls.push({ method: request.method, resource, id, query: url.searchParams });
    const failure = this.failures.find(
      (f) => f.times > 0 && (!f.resource || f.resource === resource),
    );
    if (failure) {
      failure.times--;
      return json(
        failure.status,
        { statusCode: failure.status, message: 'injected', timestamp: new Date().toISOString() },
        failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) },
      );
    }
    const all = this.records.get(resource) ?? [];
    if (id !== null) {
      const record = all.find((r) => r.id === id);
      return record
        ? json(200, { data: record })
        : json(404, { statusCode: 404, message: 'not found', timestamp: new Date().toISOString() });
    }
    const after = url.searchParams.get('filter[updated_after]');
    const matching = after
      ? all.filter((r) => typeof r.updated_at === 'string' && r.updated_at > after)
      : all;
    const size = Number(url.searchParams.get('page_size') ?? 25);
    const start = Number(url.searchParams.get('next') ?? 0);
    const page = matching.slice(start, start + size);
    const next = start + size < matching.length ? String(start + size) : null;
    return json(200, { data: page, next });
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** An order feed served from a list of events; `fail` makes the next reads throw. */
export class FakeFeed {
  readonly events: FeedEvent[] = [];
  reads = 0;
  fail: Error | null = null;
  pageSize = 2;

  addOrder(
    accountId: string,
    id: string,
    refs: { candidateId?: string; applicationId?: string; jobId?: string } = {},
  ): void {
    const seq = this.events.length + 1;
    this.events.push({
      cursor: `c${seq}`,
      seq,
      id: `event:${accountId}:evt_${id}`,
      eventId: `evt_${id}`,
      receivedAt: new Date(Date.UTC(2025, 10, 1, 9, seq)).toISOString(),
      deliveries: 1,
      eventType: 'ats_assessments.created',
      accountId,
      flagged: null,
      order: {
        id,
        kind: 'assessment',
        remoteId: null,
        candidateId: refs.candidateId ?? null,
        applicationId: refs.applicationId ?? null,
        jobId: refs.jobId ?? null,
        packageId: null,
        resultsUpdateUrl: null,
        candidateName: null,
        candidateEmail: null,
        jobTitle: null,
        packageName: null,
        orderedAt: null,
      },
      contentType: 'application/json',
      payload: { format: 'json', value: { id: `evt_${id}`, data: { id } } },
    });
  }

  client(): GatewayClient {
    const read = async (after: string | null | undefined): Promise<FeedRead> => {
      this.reads++;
      if (this.fail) throw this.fail;
      const from = after ? Number(after.slice(1)) : 0;
      const events = this.events.filter((e) => e.seq > from).slice(0, this.pageSize);
      const last = events.at(-1);
      return {
        events,
        invalid: [],
        nextCursor: last ? last.cursor : (after ?? 'c0'),
        hasMore: last !== undefined && last.seq < this.events.length,
      };
    };
    return {
      baseUrl: 'http://gateway.test',
      readFeed: read,
      publishCatalog: () => Promise.reject(new Error('not faked')),
      getCatalog: () => Promise.reject(new Error('not faked')),
    } as unknown as GatewayClient;
  }
}

export function candidate(id: string, updatedAt = '2025-10-01T00:00:00.000Z') {
  return {
    id,
    name: `Candidate ${id}`,
    emails: [{ type: 'personal', value: `${id}@x.test` }],
    updated_at: updatedAt,
  };
}

export function application(id: string, candidateId: string, jobId: string) {
  return { id, candidate_id: candidateId, job_id: jobId, updated_at: '2025-10-01T00:00:00.000Z' };
}

export function job(id: string) {
  return { id, title: `Job ${id}`, updated_at: '2025-10-01T00:00:00.000Z' };
}
