import type { SyncSource, SyncState } from '../../../../src-shared/contract';

export const SOURCE_LABELS: Record<SyncSource, string> = {
  orders: 'Orders (gateway)',
  jobs: 'Jobs',
  job_postings: 'Job postings',
  candidates: 'Candidates',
  applications: 'Applications',
  assessment_packages: 'Assessment packages',
  background_check_packages: 'Background-check packages',
};

export const STATE_LABELS: Record<SyncState, string> = {
  idle: 'Up to date',
  running: 'Syncing',
  waiting: 'Waiting',
  error: 'Failed',
  offline: 'Unreachable',
};
