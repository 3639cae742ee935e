export {
  connectWorkspaceCache,
  openWorkspaceCache,
  WorkspaceCache,
  type CandidateDetail,
} from './workspace-cache';
export * from './order-status';
export * from './queue-query';
export * from './types';
export { toFtsQuery } from './fts-query';
export { ALL_ACCOUNTS, DEFAULT_TURNAROUND_HOURS } from './due-time';
export type { QueueFacetCounts, QueuePage } from '../../src-shared/contract/queue';
export type { SyncState, SyncStatePatch } from '../sync/repositories/sync-state-repository';
export type {
  QuarantineInput,
  QuarantinedRecord,
} from '../sync/repositories/quarantine-repository';
export type { PackageTurnaround } from '../packages/turnarounds-repository';
export type { MissingReference } from './repositories/missing-references';
export type { TeamFeedInput } from '../sync/repositories/team-repository';
export * from './coordinator-input';
