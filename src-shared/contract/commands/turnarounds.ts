import { z } from 'zod';
import { command, input } from '../define';
import { OrderKindSchema } from '../records';

/**
 * Turnaround hours: an order is due at its received time plus its package's turnaround, or the
 * workspace default. Bounded like the cache's own check: more than a year is a typo, not an SLA.
 */
const hours = z
  .number()
  .positive('A turnaround is more than 0 hours')
  .max(24 * 365, 'A turnaround is at most 8,760 hours (a year)');

export const PackageTurnaroundSchema = z.object({
  kind: OrderKindSchema,
  packageId: z.string(),
  /** The package's name from the cache (the catalog or an order's event), if any is known. */
  name: z.string().nullable(),
  /** Orders in the cache for this package, over every customer. */
  orders: z.number().int(),
  /** The package's own turnaround for every customer; null = the workspace default applies. */
  hours: z.number().nullable(),
});
export type PackageTurnaround = z.infer<typeof PackageTurnaroundSchema>;

const changed = z.object({
  /** Orders whose due time moved because of the change. */
  ordersUpdated: z.number().int(),
});

export const turnaroundCommands = {
  'turnarounds:get': command({
    summary:
      "The active workspace's default turnaround and every known package's own turnaround (null = default).",
    input: input({}),
    output: z.object({ defaultHours: z.number(), packages: z.array(PackageTurnaroundSchema) }),
  }),
  'turnarounds:set-default': command({
    summary:
      'Set the workspace default turnaround; due times of orders without a package setting follow.',
    input: input({ hours }),
    output: changed,
  }),
  'turnarounds:set-package': command({
    summary:
      "Set (hours) or clear (null: back to the default) a package's turnaround for every customer.",
    input: input({
      kind: OrderKindSchema,
      packageId: z.string().trim().min(1).max(500),
      hours: hours.nullable(),
    }),
    output: changed,
  }),
};
