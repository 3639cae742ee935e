import type { MappingTarget } from '../../../../src-shared/contract';

/** What a mapping ties to a package, in a coordinator's words. */
export const TARGET_LABELS: Record<MappingTarget, string> = {
  job_posting: 'Job posting',
  job: 'Job',
  ats_test_id: 'ATS test id',
};

export const TARGET_PLURALS: Record<'job_posting' | 'job', string> = {
  job_posting: 'Job postings',
  job: 'Jobs',
};
