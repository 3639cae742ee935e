/**
 * Order kinds and local statuses are defined once, in the IPC contract (src-shared/contract/
 * records.ts), which the renderer shares; the cache re-exports them. SQL does not constrain the
 * status column, so a later issue (result entry, outbox) can add states without a table rebuild.
 */
export {
  OPEN_STATUSES,
  ORDER_KINDS,
  ORDER_STATUSES,
  OrderKindSchema,
  OrderStatusSchema,
  type OrderKind,
  type OrderStatus,
} from '../../src-shared/contract/records';
export { isOpenStatus } from '../../src-shared/contract/queue-filter';
import type { OrderKind } from '../../src-shared/contract/records';

/** The cached StackOne packages of each order kind (packages-repository writes them). */
export const PACKAGE_TABLES: Record<OrderKind, string> = {
  assessment: 'assessment_packages',
  background_check: 'background_check_packages',
};
