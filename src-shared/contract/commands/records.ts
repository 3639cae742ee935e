import { z } from 'zod';
import { command, input } from '../define';
import {
  ApplicationSchema,
  CandidateSchema,
  JobPostingSchema,
  JobSchema,
  OrderSummarySchema,
  QuarantinedRecordSchema,
} from '../records';

const accountId = z.string().trim().min(1).max(200);
const recordId = z.string().trim().min(1).max(500);
const paging = {
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
};

export const recordCommands = {
  'candidates:list': command({
    summary: 'Cached candidates for offline review, searched (name, email) and paged in SQL.',
    input: input({
      accountId: accountId.optional(),
      search: z.string().max(200).optional(),
      ...paging,
    }),
    output: z.object({ rows: z.array(CandidateSchema), total: z.number().int() }),
  }),
  'candidates:get': command({
    summary: 'One cached candidate with their applications and orders.',
    input: input({ accountId, id: recordId }),
    output: z
      .object({
        candidate: CandidateSchema,
        applications: z.array(ApplicationSchema),
        orders: z.array(OrderSummarySchema),
      })
      .nullable(),
  }),
  'jobs:list': command({
    summary: 'Cached jobs per account, searched by title and paged.',
    input: input({
      accountId: accountId.optional(),
      search: z.string().max(200).optional(),
      ...paging,
    }),
    output: z.object({ rows: z.array(JobSchema), total: z.number().int() }),
  }),
  'job-postings:list': command({
    summary: 'Cached job postings per account (or per job), paged.',
    input: input({ accountId: accountId.optional(), jobId: recordId.optional(), ...paging }),
    output: z.object({ rows: z.array(JobPostingSchema), total: z.number().int() }),
  }),
  'quarantine:list': command({
    summary: 'Records that failed validation during sync, with the reason.',
    input: input({ ...paging }),
    output: z.object({ rows: z.array(QuarantinedRecordSchema), total: z.number().int() }),
  }),
};
