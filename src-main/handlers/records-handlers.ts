import type { recordCommands } from '../../src-shared/contract/commands/records';
import type { HandlerContext } from './context';
import type { HandlerSet } from './types';

/** Cached candidates, jobs, job postings and quarantine of the active workspace (see orders-handlers). */
export function recordsHandlers(ctx: HandlerContext): HandlerSet<keyof typeof recordCommands> {
  return {
    'candidates:list': async (input) => (await ctx.cache()).browse.candidates(input),
    'candidates:get': async ({ accountId, id }) => (await ctx.cache()).getCandidate(accountId, id),
    'jobs:list': async (input) => (await ctx.cache()).browse.jobs(input),
    'job-postings:list': async (input) => (await ctx.cache()).browse.jobPostings(input),
    'quarantine:list': async ({ offset, limit }) => {
      const cache = await ctx.cache();
      return { rows: cache.quarantine.list({ offset, limit }), total: cache.quarantine.count() };
    },
  };
}
