/**
 * Webhook event types the gateway understands. StackOne publishes no example payload for order
 * events (API-NOTES §7), and `background_check_order.created` appears in no StackOne source: it is
 * the name our sandbox uses until StackOne confirms which event delivers background-check orders.
 * Any other type is still stored and served, flagged `unknown_event_type`.
 */
export const ORDER_EVENT_KINDS = {
  'ats_assessments.created': 'assessment',
  'background_check_order.created': 'background_check',
} as const;

export type OrderEventType = keyof typeof ORDER_EVENT_KINDS;
export type OrderKind = (typeof ORDER_EVENT_KINDS)[OrderEventType];

/** Known, not orders: static-package ATSs (Workday, SAP SF) announce job changes this way. */
export const NON_ORDER_EVENT_TYPES = ['ats_jobs.created', 'ats_jobs.updated'] as const;

export function orderKindOf(eventType: string | null): OrderKind | null {
  if (eventType === null || !Object.hasOwn(ORDER_EVENT_KINDS, eventType)) return null;
  return ORDER_EVENT_KINDS[eventType as OrderEventType];
}

export function isKnownEventType(eventType: string): boolean {
  return (
    orderKindOf(eventType) !== null ||
    (NON_ORDER_EVENT_TYPES as readonly string[]).includes(eventType)
  );
}
