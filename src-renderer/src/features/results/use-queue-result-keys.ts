import { useState } from 'react';
import type { QueueRow } from '../../../../src-shared/contract';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { quickStatusLabel } from './quick-status';
import { useResultShortcuts } from './use-result-shortcuts';

/**
 * The queue's result keys on the selected order: `i` / `p` queue a status-only result, `r` opens
 * the order at its result form. Returns what to announce (the queue shows it in a status line).
 */
export function useQueueResultKeys(
  selected: () => QueueRow | null,
  openResult: (row: QueueRow) => void,
): string | null {
  const [message, setMessage] = useState<string | null>(null);
  useResultShortcuts({
    focusForm: () => {
      const row = selected();
      if (row) openResult(row);
    },
    quickStatus: (result) => {
      const row = selected();
      if (!row) {
        setMessage('Select an order first (j / k).');
        return;
      }
      const who = row.candidateName ?? row.id;
      call('results:quick-status', { accountId: row.accountId, orderId: row.id, result }).then(
        () => setMessage(`${quickStatusLabel(result, row.kind)} queued for ${who}.`),
        (e: unknown) => setMessage(`Not queued for ${who}: ${errorMessage(e)}`),
      );
    },
  });
  return message;
}
