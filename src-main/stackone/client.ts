import createClient from 'openapi-fetch';
import { StackOneError, StackOneUnexpectedResponseError, type RequestSummary } from './errors';
import type { components, paths } from './generated/ats';
import { budgetForApiKey, RequestBudget, type BudgetOptions } from './http/budget';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './http/retry';
import { DEFAULT_TIMEOUT_MS } from './http/timeout';
import { createTransport, type FetchFn, type TransportOptions } from './http/transport';
import { paginateCursor, type RawPage } from './paginate';
import {
  checkRecord,
  splitRecords,
  type CheckedRecord,
  type RecordKind,
  type RecordOf,
  type SplitRecords,
} from './records';

export const DEFAULT_BASE_URL = 'https://api.stackone.com';
/** StackOne's documented page-size ceiling (API-NOTES §2); the default is 25, which wastes calls. */
export const MAX_PAGE_SIZE = 100;

type Schemas = components['schemas'];
export type AssessmentResultBody = Schemas['AtsUpdateCandidatesAssessmentsResultsRequestDto'];
export type BackgroundCheckResultBody = Schemas['AtsUpdateBackgroundCheckResultRequestDto'];
export type CreateBackgroundCheckPackageBody =
  Schemas['AtsCreateBackgroundCheckPackagesRequestDto'];
export type UpdateBackgroundCheckPackageBody =
  Schemas['AtsUpdateBackgroundCheckPackagesRequestDto'];
export type UpdateResult = Schemas['UpdateResult'];
export type CreateResult = Schemas['CreateResult'];
export type DeleteResult = Schemas['DeleteResult'];

/** The list endpoints the desk pages through, by record kind. */
export const LIST_PATHS = {
  candidate: '/unified/ats/candidates',
  application: '/unified/ats/applications',
  job: '/unified/ats/jobs',
  job_posting: '/unified/ats/job_postings',
  assessment_package: '/unified/ats/assessments/packages',
  background_check_package: '/unified/ats/background_checks/packages',
} as const satisfies Record<RecordKind, keyof paths>;

const GET_PATHS = {
  candidate: '/unified/ats/candidates/{id}',
  application: '/unified/ats/applications/{id}',
  job: '/unified/ats/jobs/{id}',
  job_posting: '/unified/ats/job_postings/{id}',
  assessment_package: '/unified/ats/assessments/packages/{id}',
  background_check_package: '/unified/ats/background_checks/packages/{id}',
} as const satisfies Record<RecordKind, keyof paths>;

export type ListPath = (typeof LIST_PATHS)[RecordKind];

/** The query of a list path, minus what paging itself controls. */
export type ListQuery<P extends ListPath> = Omit<
  NonNullable<paths[P]['get']['parameters']['query']>,
  'next' | 'page' | 'page_size' | 'updated_after' | 'sync_token'
>;

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ListOptions<P extends ListPath> extends CallOptions {
  query?: ListQuery<P>;
  /** 1..100; the same size is sent on every page of the listing, as StackOne asks. */
  pageSize?: number;
  /** Shorthand for `query.filter.updated_after` (sent as `filter[updated_after]=…`). */
  updatedAfter?: string;
}

export type RecordPage<T> = RawPage & SplitRecords<T>;

export interface StackOneClientOptions {
  apiKey: string;
  /** The linked account every call of this client is for (sent as `x-account-id`). */
  accountId: string;
  baseUrl?: string;
  /** Per-attempt deadline; keep it above StackOne's 60 s request lifetime. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /**
   * A budget instance to share explicitly, or options for the process-wide budget of this API key
   * (first caller's options win). Default: 900 requests per minute per key.
   */
  budget?: RequestBudget | BudgetOptions;
  fetch?: FetchFn;
  random?: () => number;
  onRetry?: TransportOptions['onRetry'];
}

/** Minimal view of openapi-fetch used where the path is a type parameter (the typed overloads
 * do not resolve over a union of paths); the response body is treated as unknown there anyway. */
interface LooseGet {
  GET(
    path: string,
    init: {
      params: {
        path?: Record<string, string>;
        query?: Record<string, unknown>;
        header: Record<string, string>;
      };
      signal?: AbortSignal;
    },
  ): Promise<{ data?: unknown }>;
}

function pageSizeOf(requested: number | undefined): string {
  const size = requested ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new RangeError(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  return String(size);
}

export type StackOneClient = ReturnType<typeof createStackOneClient>;

/**
 * A typed StackOne client for ONE linked account. Build one per account; clients with the same
 * API key share one request budget. Methods resolve with data or throw a StackOneError subclass.
 */
export function createStackOneClient(options: StackOneClientOptions) {
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const budget =
    options.budget instanceof RequestBudget
      ? options.budget
      : budgetForApiKey(options.apiKey, options.budget);
  const transport = createTransport({
    apiKey: options.apiKey,
    budget,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    fetch: options.fetch,
    random: options.random,
    onRetry: options.onRetry,
  });
  const api = createClient<paths>({
    baseUrl,
    fetch: transport,
    // StackOne's `filter` and `proxy` are deepObject: `filter[updated_after]=…`. openapi-fetch's
    // default for objects is the same; it is spelled out because the package endpoints' spec
    // omits `style` and would otherwise suggest form style.
    querySerializer: { object: { style: 'deepObject', explode: true } },
  });
  const loose = api as unknown as LooseGet;
  const header = { 'x-account-id': options.accountId };

  /** Turns anything that is not already a StackOneError (e.g. a non-JSON 2xx) into one. */
  async function call<T>(
    summary: RequestSummary,
    run: () => Promise<{ data?: T }>,
  ): Promise<T | undefined> {
    try {
      return (await run()).data;
    } catch (error) {
      if (error instanceof StackOneError) throw error;
      throw new StackOneUnexpectedResponseError(summary, 'the body is not valid JSON.', error);
    }
  }

  function paginate<P extends ListPath>(
    path: P,
    list: ListOptions<P> = {},
  ): AsyncGenerator<RawPage, void, undefined> {
    const pageSize = pageSizeOf(list.pageSize);
    const query: Record<string, unknown> = { ...(list.query ?? {}) };
    if (list.updatedAfter !== undefined) {
      query.filter = {
        ...((query.filter as Record<string, unknown> | null | undefined) ?? {}),
        updated_after: list.updatedAfter,
      };
    }
    const summary = { method: 'GET', path };
    return paginateCursor(
      (cursor) =>
        call(summary, () =>
          loose.GET(path, {
            params: {
              query: { ...query, page_size: pageSize, ...(cursor ? { next: cursor } : {}) },
              header,
            },
            signal: list.signal,
          }),
        ),
      summary,
    );
  }

  async function* listRecords<K extends RecordKind>(
    kind: K,
    list: ListOptions<(typeof LIST_PATHS)[K]>,
  ): AsyncGenerator<RecordPage<RecordOf<K>>, void, undefined> {
    for await (const page of paginate(LIST_PATHS[kind], list)) {
      yield { ...page, ...splitRecords(kind, page.records) };
    }
  }

  async function getRecord<K extends RecordKind>(
    kind: K,
    id: string,
    opts: CallOptions = {},
  ): Promise<CheckedRecord<RecordOf<K>>> {
    const path = GET_PATHS[kind];
    const summary = { method: 'GET', path };
    const body = await call(summary, () =>
      loose.GET(path, { params: { path: { id }, header }, signal: opts.signal }),
    );
    if (typeof body !== 'object' || body === null || !('data' in body)) {
      throw new StackOneUnexpectedResponseError(summary, 'a record answer without `data`.');
    }
    return checkRecord(kind, body.data);
  }

  return {
    accountId: options.accountId,
    budget,
    /** Escape hatch: the typed openapi-fetch client (same transport, auth and budget). */
    api,
    paginate,

    listCandidates: (o: ListOptions<typeof LIST_PATHS.candidate> = {}) =>
      listRecords('candidate', o),
    getCandidate: (id: string, o?: CallOptions) => getRecord('candidate', id, o),
    listApplications: (o: ListOptions<typeof LIST_PATHS.application> = {}) =>
      listRecords('application', o),
    getApplication: (id: string, o?: CallOptions) => getRecord('application', id, o),
    listJobs: (o: ListOptions<typeof LIST_PATHS.job> = {}) => listRecords('job', o),
    getJob: (id: string, o?: CallOptions) => getRecord('job', id, o),
    listJobPostings: (o: ListOptions<typeof LIST_PATHS.job_posting> = {}) =>
      listRecords('job_posting', o),
    getJobPosting: (id: string, o?: CallOptions) => getRecord('job_posting', id, o),
    listAssessmentPackages: (o: ListOptions<typeof LIST_PATHS.assessment_package> = {}) =>
      listRecords('assessment_package', o),
    getAssessmentPackage: (id: string, o?: CallOptions) => getRecord('assessment_package', id, o),
    listBackgroundCheckPackages: (
      o: ListOptions<typeof LIST_PATHS.background_check_package> = {},
    ) => listRecords('background_check_package', o),
    getBackgroundCheckPackage: (id: string, o?: CallOptions) =>
      getRecord('background_check_package', id, o),

    /**
     * Not retried: a 408/5xx/network failure throws StackOneOutcomeUnknownError, and the caller
     * must list packages to find out whether it was created before sending it again.
     */
    createBackgroundCheckPackage: (body: CreateBackgroundCheckPackageBody, o: CallOptions = {}) =>
      call({ method: 'POST', path: '/unified/ats/background_checks/packages' }, () =>
        api.POST('/unified/ats/background_checks/packages', {
          params: { header },
          body,
          signal: o.signal,
        }),
      ),
    updateBackgroundCheckPackage: (
      id: string,
      body: UpdateBackgroundCheckPackageBody,
      o: CallOptions = {},
    ) =>
      call({ method: 'PATCH', path: '/unified/ats/background_checks/packages/{id}' }, () =>
        api.PATCH('/unified/ats/background_checks/packages/{id}', {
          params: { header, path: { id } },
          body,
          signal: o.signal,
        }),
      ),
    deleteBackgroundCheckPackage: (id: string, o: CallOptions = {}) =>
      call({ method: 'DELETE', path: '/unified/ats/background_checks/packages/{id}' }, () =>
        api.DELETE('/unified/ats/background_checks/packages/{id}', {
          params: { header, path: { id } },
          signal: o.signal,
        }),
      ),
    updateAssessmentResult: (orderId: string, body: AssessmentResultBody, o: CallOptions = {}) =>
      call({ method: 'PATCH', path: '/unified/ats/assessments/orders/{id}/result' }, () =>
        api.PATCH('/unified/ats/assessments/orders/{id}/result', {
          params: { header, path: { id: orderId } },
          body,
          signal: o.signal,
        }),
      ),
    updateBackgroundCheckResult: (
      orderId: string,
      body: BackgroundCheckResultBody,
      o: CallOptions = {},
    ) =>
      call({ method: 'PATCH', path: '/unified/ats/background_checks/orders/{id}/result' }, () =>
        api.PATCH('/unified/ats/background_checks/orders/{id}/result', {
          params: { header, path: { id: orderId } },
          body,
          signal: o.signal,
        }),
      ),
  };
}
