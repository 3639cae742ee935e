import { z } from 'zod';
import { OrderKindSchema, OrderStatusSchema } from './order-status';

export const QUEUE_SORT_COLUMNS = [
  'due_at',
  'received_at',
  'kind',
  'candidate',
  'job',
  'package',
  'customer',
  'status',
] as const;
export type QueueSortColumn = (typeof QUEUE_SORT_COLUMNS)[number];

/** An empty list means "no filter" (the chips' "all"), the same as leaving the field out. */
export const QueueFiltersSchema = z.object({
  kind: OrderKindSchema.optional(),
  statuses: z.array(OrderStatusSchema).max(20).optional(),
  accountIds: z.array(z.string().min(1)).max(500).optional(),
  packageIds: z.array(z.string().min(1)).max(500).optional(),
  /** true: only open orders past due; false: everything else. */
  overdue: z.boolean().optional(),
  search: z.string().max(200).optional(),
  /** The instant "overdue" is measured against (the caller's clock, so pages agree). */
  now: z.iso.datetime({ offset: true }),
});
export type QueueFilters = z.input<typeof QueueFiltersSchema>;

export const QueueQuerySchema = QueueFiltersSchema.extend({
  sort: z
    .object({ column: z.enum(QUEUE_SORT_COLUMNS), direction: z.enum(['asc', 'desc']) })
    .default({ column: 'due_at', direction: 'asc' }),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type QueueQuery = z.input<typeof QueueQuerySchema>;
export type ParsedQueueQuery = z.output<typeof QueueQuerySchema>;
