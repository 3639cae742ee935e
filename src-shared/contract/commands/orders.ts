import { z } from 'zod';
import { command, input } from '../define';
import {
  QueueFacetCountsSchema,
  QueuePageSchema,
  queueFilterShape,
  queueQueryShape,
} from '../queue';
import { OrderDetailSchema } from '../records';

const accountId = z.string().trim().min(1).max(200);
const recordId = z.string().trim().min(1).max(500);

export const orderCommands = {
  'orders:list': command({
    summary: 'One window of the queue: filtered, searched, sorted and paged in SQL.',
    input: input(queueQueryShape),
    output: QueuePageSchema,
  }),
  'orders:get-facets': command({
    summary: 'Counts for the queue filter chips under the current filters.',
    input: input(queueFilterShape),
    output: QueueFacetCountsSchema,
  }),
  'orders:get': command({
    summary:
      'One order with its candidate, application, job, package, raw event and history, from the cache.',
    input: input({ accountId, id: recordId, now: z.iso.datetime({ offset: true }).optional() }),
    output: OrderDetailSchema.nullable(),
  }),
};
