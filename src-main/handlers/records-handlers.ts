import type { recordCommands } from '../../src-shared/contract/commands/records';
import type { WorkspaceRuntime } from '../composition/workspace-runtime';
import type { HandlerSet } from './types';

/** Cached candidates, jobs, job postings and quarantine of the active workspace (see orders-handlers). */
export function recordsHandlers(
  runtime: WorkspaceRuntime,
): HandlerSet<keyof typeof recordCommands> {
  return {
    'candidates:list': async (input) => (await runtime.cache()).browse.candidates(input),
    'candidates:get': async ({ accountId, id }) =>
      (await runtime.cache()).getCandidate(accountId, id),
    'jobs:list': async (input) => (await runtime.cache()).browse.jobs(input),
    'job-postings:list': async (input) => (await runtime.cache()).browse.jobPostings(input),
    'quarantine:list': async ({ offset, limit }) => {
      const cache = await runtime.cache();
      return { rows: cache.quarantine.list({ offset, limit }), total: cache.quarantine.count() };
    },
  };
}
