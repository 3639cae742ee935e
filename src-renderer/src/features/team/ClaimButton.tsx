import { useState } from 'react';
import type { OrderTeam } from '../../../../src-shared/contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { call } from '../../lib/desk';
import { toDeskCallError } from '../../lib/errors';
import { formatTime } from '../../lib/time-format';
import { useTeamIdentity } from './use-team-identity';

export type OrderRef = { accountId: string; orderId: string };

const number = new Intl.NumberFormat();

/**
 * Claiming and releasing orders (one, or the queue's marked rows). Orders someone else holds are
 * refused as a whole: the coordinator is asked first, since taking them over is logged at the
 * gateway and their desks show the new holder.
 */
function useClaims(onChanged: ((message: string) => void) | undefined) {
  const [held, setHeld] = useState<{ orders: OrderRef[]; holders: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    try {
      const message = await action();
      if (message !== null) onChanged?.(message);
    } catch (e) {
      setError(toDeskCallError('orders:claim', e).message);
    } finally {
      setBusy(false);
    }
  };
  const plural = (n: number) => `${number.format(n)} ${n === 1 ? 'order' : 'orders'}`;
  return {
    busy,
    error,
    held,
    dismiss: () => setHeld(null),
    claim: (orders: OrderRef[], takeover = false) =>
      run(async () => {
        const answer = await call('orders:claim', { orders, takeover });
        if (answer.status === 'held') {
          setHeld({ orders, holders: [...new Set(answer.holders.map((h) => h.name))] });
          return null;
        }
        setHeld(null);
        return `Claimed ${plural(answer.count)}.`;
      }),
    release: (orders: OrderRef[]) =>
      run(async () => {
        const { released } = await call('orders:release', { orders });
        return released === orders.length
          ? `Released ${plural(released)}.`
          : `Released ${plural(released)}; the others were not claimed by you.`;
      }),
  };
}

function TakeoverDialog({
  claims,
  count,
}: {
  claims: ReturnType<typeof useClaims>;
  count: number;
}) {
  if (!claims.held) return null;
  const { orders, holders } = claims.held;
  return (
    <ConfirmDialog
      title={count === 1 ? 'Take over this claim?' : `Take over claims on ${count} orders?`}
      confirmLabel="Take over"
      busy={claims.busy}
      onCancel={claims.dismiss}
      onConfirm={() => void claims.claim(orders, true)}
    >
      <p>
        {holders.join(', ')} claimed {count === 1 ? 'this order' : 'some of these orders'}. If you
        take {count === 1 ? 'it' : 'them'} over, they see you as the holder and the takeover is
        logged.
      </p>
    </ConfirmDialog>
  );
}

function ClaimError({ error }: { error: string | null }) {
  return error ? (
    <span className="claim-error" role="alert">
      {error}
    </span>
  ) : null;
}

/** Claim or release one order (team mode only): the queue's selected row, or the order page's. */
export function ClaimButton({
  order,
  team,
  onChanged,
}: {
  order: OrderRef | null;
  team: OrderTeam | undefined;
  onChanged?: () => void;
}) {
  const identity = useTeamIdentity();
  const claims = useClaims(() => onChanged?.());
  if (identity?.state !== 'team') return null;
  const claim = team?.claim;
  const mine = claim?.by.id === identity.coordinator.id;
  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        disabled={!order || claims.busy}
        title={mine && claim ? `Your claim runs until ${formatTime(claim.expiresAt)}` : undefined}
        onClick={() => {
          if (order) void (mine ? claims.release([order]) : claims.claim([order]));
        }}
      >
        {mine ? 'Release claim' : 'Claim'}
      </button>
      <ClaimError error={claims.error} />
      <TakeoverDialog claims={claims} count={1} />
    </>
  );
}

/** Claim or release every marked row of the queue at once (team mode only). */
export function ClaimMarked({
  orders,
  onDone,
}: {
  orders: OrderRef[];
  /** After a claim or release went through: says what happened (for a status line). */
  onDone: (message: string) => void;
}) {
  const identity = useTeamIdentity();
  const claims = useClaims(onDone);
  if (identity?.state !== 'team' || orders.length === 0) return null;
  const n = number.format(orders.length);
  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        disabled={claims.busy}
        onClick={() => void claims.claim(orders)}
      >
        Claim {n}
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={claims.busy}
        onClick={() => void claims.release(orders)}
      >
        Release {n}
      </button>
      <ClaimError error={claims.error} />
      <TakeoverDialog claims={claims} count={orders.length} />
    </>
  );
}
