import './team.css';
import type { OrderTeam } from '../../../../src-shared/contract';
import { formatDateTime } from '../../lib/time-format';

/**
 * What the team knows of an order, in the queue and on the order page: who claimed it, who sent
 * it a result, and a conflict when two coordinators did.
 */
export function TeamBadge({ team }: { team: OrderTeam | undefined }) {
  if (!team) return null;
  const { claim, report, conflict } = team;
  return (
    <span className="team-badges">
      {conflict.length > 1 ? (
        <span className="badge badge-conflict" title={`Results sent by ${conflict.join(' and ')}`}>
          Conflict: {conflict.join(', ')}
        </span>
      ) : report ? (
        <span
          className="badge badge-team"
          title={report.result ? `Result: ${report.result}` : undefined}
        >
          {report.outcome === 'sent' ? 'Sent' : 'Refused for'} by {report.by ?? 'shared token'}
        </span>
      ) : null}
      {claim ? (
        <span className="badge badge-claim" title={`Until ${formatDateTime(claim.expiresAt)}`}>
          Claimed by {claim.by.name}
        </span>
      ) : null}
    </span>
  );
}
