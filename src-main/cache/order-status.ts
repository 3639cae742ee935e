import { z } from 'zod';

/**
 * Where an order stands locally. The list is TypeScript-only (SQL does not constrain it) so that a
 * later issue (result entry, outbox) can add states without a table rebuild.
 * - new: received, nobody has touched it; in_progress: a coordinator is working on it;
 * - draft: a result is saved but not sent; queued / sending: the result is in the outbox;
 * - sent: the ATS accepted the result; needs_attention: a send was refused and needs a fix;
 * - cancelled: withdrawn, nothing more to do.
 */
export const ORDER_STATUSES = [
  'new',
  'in_progress',
  'draft',
  'queued',
  'sending',
  'needs_attention',
  'sent',
  'cancelled',
] as const;
export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/** Statuses that still need work: only these can be overdue. */
export const OPEN_STATUSES: readonly OrderStatus[] = [
  'new',
  'in_progress',
  'draft',
  'queued',
  'sending',
  'needs_attention',
];

export function isOpenStatus(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

export const OrderKindSchema = z.enum(['assessment', 'background_check']);
export type OrderKind = z.infer<typeof OrderKindSchema>;
