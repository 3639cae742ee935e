/**
 * The StackOne Unified ATS client of the desk core. See README.md in this folder for the decisions
 * (generated types, retries, budget, lenient validation).
 */
export {
  createStackOneClient,
  DEFAULT_BASE_URL,
  LIST_PATHS,
  MAX_PAGE_SIZE,
  type AssessmentResultBody,
  type BackgroundCheckResultBody,
  type CallOptions,
  type CreateBackgroundCheckPackageBody,
  type CreateResult,
  type DeleteResult,
  type ListOptions,
  type ListPath,
  type ListQuery,
  type RecordPage,
  type StackOneClient,
  type StackOneClientOptions,
  type UpdateBackgroundCheckPackageBody,
  type UpdateResult,
} from './client';
export * from './errors';
export { parseLenientDate, parseLenientDateMs } from './dates';
export { RequestBudget, budgetForApiKey, DEFAULT_BUDGET, type BudgetOptions } from './http/budget';
export { DEFAULT_RETRY_POLICY, NO_RETRY, type RetryPolicy } from './http/retry';
export { DEFAULT_TIMEOUT_MS } from './http/timeout';
export type { FetchFn } from './http/transport';
export { MAX_STALLED_PAGES, type RawPage } from './paginate';
export * from './records';
export {
  testConnection,
  type ConnectionCheck,
  type ConnectionReason,
  type TestConnectionOptions,
} from './test-connection';
