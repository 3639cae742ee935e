import { z } from 'zod';
import { faultPatchSchema } from './faults';
import { PROVIDERS } from './data/vocab';
import type { Provider } from './data/types';
import type { SandboxSnapshot } from './data/snapshot';

/** What `startSandbox` accepts; checked with zod so that a bad option fails at once, by name. */

const accountSeed = z
  .object({
    id: z.string().min(1).optional(),
    provider: z.enum(PROVIDERS as readonly [Provider, ...Provider[]]).optional(),
    name: z.string().min(1).optional(),
    suspended: z.boolean().optional(),
  })
  .strict();

export const sandboxOptionsSchema = z
  .object({
    /** 0 picks a free port. */
    port: z.number().int().min(0).max(65535).default(0),
    host: z.string().default('127.0.0.1'),
    apiKey: z.string().min(1).default('sandbox-api-key'),
    seed: z.union([z.number().int(), z.string()]).default(1),
    /** A count, or one entry per linked account. */
    accounts: z.union([z.number().int().min(1).max(1000), z.array(accountSeed).min(1)]).default(3),
    /** Totals across all accounts; defaults scale with `orders`. */
    jobs: z.number().int().min(1).optional(),
    candidates: z.number().int().min(1).optional(),
    orders: z.number().int().min(0).default(200),
    /** End of the generated history (ms since epoch); fixed by default so data never depends on now. */
    baseTime: z.number().int().optional(),
    /** When set, a new order (with its candidate and application) is created this often. */
    orderIntervalMs: z.number().int().positive().nullable().default(null),
    webhookUrls: z.array(z.url()).default([]),
    webhookSecret: z.string().min(1).default('sandbox-webhook-secret'),
    webhook: z
      .object({
        concurrency: z.number().int().min(1).optional(),
        maxAttempts: z.number().int().min(1).optional(),
        baseDelayMs: z.number().int().min(0).optional(),
        maxDelayMs: z.number().int().min(0).optional(),
        timeoutMs: z.number().int().min(1).optional(),
      })
      .strict()
      .default({}),
    faults: faultPatchSchema.default({}),
    /** Request log entries kept (oldest dropped first). */
    requestLogLimit: z.number().int().min(1).default(200_000),
    /** Fastify's logger (off by default: tests and the desk have their own). */
    logger: z.boolean().default(false),
  })
  .strict();

export type SandboxOptionsInput = z.input<typeof sandboxOptionsSchema> & {
  /** The clock for change stamps and the rate-limit window (tests may pass a fake). */
  clock?: () => number;
  /** The StackOne spec file, when this module cannot find resources/ next to itself (a bundle). */
  specPath?: string;
  /**
   * Continue from a snapshot (`RunningSandbox.snapshot()`) instead of generating: the same
   * records, orders and writes. Generation options (seed aside) are then ignored.
   */
  restore?: SandboxSnapshot;
};
export type SandboxOptions = z.output<typeof sandboxOptionsSchema>;
