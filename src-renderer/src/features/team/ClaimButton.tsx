import { useState } from 'react';
import type { OrderTeam } from '../../../../src-shared/contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { call } from '../../lib/desk';
import { toDeskCallError } from '../../lib/errors';
import { useTeamIdentity } from './use-team-identity';

type Ref = { accountId: string; orderId: string };

/**
 * Claim or release an order (team mode only). Claiming an order someone else holds asks first:
 * taking it over is logged at the gateway and their desk shows the new holder.
 */
export function ClaimButton({
  order,
  team,
  onChanged,
}: {
  order: Ref | null;
  team: OrderTeam | undefined;
  onChanged?: () => void;
}) {
  const identity = useTeamIdentity();
  const [holders, setHolders] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (identity?.state !== 'team') return null;
  const mine = team?.claim?.by.id === identity.coordinator.id;

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onChanged?.();
    } catch (e) {
      setError(toDeskCallError('orders:claim', e).message);
    } finally {
      setBusy(false);
    }
  };
  const claim = (takeover: boolean) =>
    run(async () => {
      if (!order) return;
      const answer = await call('orders:claim', { orders: [order], takeover });
      setHolders(answer.status === 'held' ? answer.holders.map((h) => h.name) : null);
    });
  const release = () =>
    run(async () => {
      if (order) await call('orders:release', { orders: [order] });
    });

  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        disabled={!order || busy}
        onClick={() => void (mine ? release() : claim(false))}
      >
        {mine ? 'Release claim' : 'Claim'}
      </button>
      {error ? (
        <span className="claim-error" role="alert">
          {error}
        </span>
      ) : null}
      {holders ? (
        <ConfirmDialog
          title="Take over this claim?"
          confirmLabel="Take over"
          busy={busy}
          onCancel={() => setHolders(null)}
          onConfirm={() => void claim(true)}
        >
          <p>
            {[...new Set(holders)].join(', ')} claimed this order. If you take it over, they see you
            as its holder and the takeover is logged.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
