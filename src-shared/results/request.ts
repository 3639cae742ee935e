import type { OrderKind } from '../contract/records';

/** The PATCH path for an order's result, with the order id filled in (as the client encodes it). */
export function resultPath(kind: OrderKind, orderId: string): string {
  const base = kind === 'assessment' ? 'assessments' : 'background_checks';
  return `/unified/ats/${base}/orders/${encodeURIComponent(orderId)}/result`;
}

/** The spec's path template, as the sandbox and the log name it. */
export function resultPathTemplate(kind: OrderKind): string {
  return kind === 'assessment'
    ? '/unified/ats/assessments/orders/{id}/result'
    : '/unified/ats/background_checks/orders/{id}/result';
}
