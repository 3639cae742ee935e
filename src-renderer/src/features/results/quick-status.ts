import type { OrderKind } from '../../../../src-shared/contract';
import { RESULT_LABELS, type QuickStatus } from '../../../../src-shared/results';

/** "Invited" for an assessment; a background check is "Initiated". */
export function quickStatusLabel(result: QuickStatus, kind: OrderKind): string {
  return result === 'initiated' && kind === 'background_check'
    ? 'Initiated'
    : RESULT_LABELS[result];
}
