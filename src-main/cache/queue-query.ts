import { z } from 'zod';
import { queueFilterShape, queueQueryShape } from '../../src-shared/contract/queue';

/**
 * The queue's filters, sort and paging are defined once, in the IPC contract
 * (src-shared/contract/queue.ts); the cache parses with the same shapes. The one difference is
 * the page size: the contract caps what the renderer may ask for, while code inside main (exports,
 * tests, the bench) may read larger windows.
 */
export { QUEUE_SORT_COLUMNS, type QueueSortColumn } from '../../src-shared/contract/queue';

/** The coordinator "mine" means: filled in by main from the gateway's answer, never by the renderer. */
const MeShape = z.string().optional();

/** An empty list means "no filter" (the chips' "all"), the same as leaving the field out. */
export const QueueFiltersSchema = z.object({ ...queueFilterShape, me: MeShape });
export type QueueFilters = z.input<typeof QueueFiltersSchema>;

export const QueueQuerySchema = z.object({
  ...queueQueryShape,
  me: MeShape,
  limit: z.number().int().min(1).max(1000).default(100),
});
export type QueueQuery = z.input<typeof QueueQuerySchema>;
export type ParsedQueueQuery = z.output<typeof QueueQuerySchema>;
