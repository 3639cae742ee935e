import type { OrderTeam } from '../../../src-shared/contract/records';
import type { SqliteDatabase } from '../../infra/db/open-database';

/** A team event from the feed, as the writer applies it (plain data: it crosses to the worker). */
export type TeamFeedInput =
  | {
      kind: 'claimed';
      claims: {
        accountId: string;
        orderId: string;
        by: { id: string; name: string };
        claimedAt: string;
        expiresAt: string;
      }[];
    }
  | {
      kind: 'released';
      orders: { accountId: string; orderId: string }[];
      by: { id: string; name: string };
    }
  | {
      kind: 'reported';
      reportId: string;
      accountId: string;
      orderId: string;
      outcome: 'sent' | 'parked';
      result: string | null;
      by: { id: string; name: string } | null;
      at: string;
    };

type OrderKey = { accountId: string; id: string };

/**
 * Team mode in the cache: claims and result reports as the feed announced them (the gateway
 * decides; this table only mirrors it). Which of this desk's own outcomes are still to report is
 * the outbox's (ResultsRepository.unreported).
 */
export class TeamRepository {
  private readonly s;

  constructor(private readonly db: SqliteDatabase) {
    this.s = {
      claim: db.prepare(`INSERT INTO order_claims (account_id, order_id, coordinator_id,
          coordinator_name, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (account_id, order_id) DO UPDATE SET coordinator_id = excluded.coordinator_id,
          coordinator_name = excluded.coordinator_name, claimed_at = excluded.claimed_at,
          expires_at = excluded.expires_at`),
      release: db.prepare(
        'DELETE FROM order_claims WHERE account_id = ? AND order_id = ? AND coordinator_id = ?',
      ),
      report: db.prepare(`INSERT OR IGNORE INTO order_reports (report_id, account_id, order_id,
          outcome, result_value, coordinator_id, coordinator_name, reported_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      any: db
        .prepare(
          'SELECT EXISTS (SELECT 1 FROM order_claims) OR EXISTS (SELECT 1 FROM order_reports)',
        )
        .pluck(),
      claimOf: db.prepare(`SELECT coordinator_id, coordinator_name, expires_at FROM order_claims
        WHERE account_id = ? AND order_id = ? AND expires_at > ?`),
      reportsOf: db.prepare(`SELECT outcome, result_value, coordinator_id, coordinator_name,
          reported_at FROM order_reports WHERE account_id = ? AND order_id = ?
        ORDER BY reported_at, report_id`),
    };
  }

  /** Applies one feed event; answers how many rows changed. */
  apply(event: TeamFeedInput): number {
    switch (event.kind) {
      case 'claimed':
        for (const c of event.claims) {
          this.s.claim.run(c.accountId, c.orderId, c.by.id, c.by.name, c.claimedAt, c.expiresAt);
        }
        return event.claims.length;
      case 'released':
        return event.orders.reduce(
          (n, o) => n + this.s.release.run(o.accountId, o.orderId, event.by.id).changes,
          0,
        );
      case 'reported':
        return this.s.report.run(
          event.reportId,
          event.accountId,
          event.orderId,
          event.outcome,
          event.result,
          event.by?.id ?? null,
          event.by?.name ?? null,
          event.at,
        ).changes;
    }
  }

  /** What the team knows of each order (undefined: nothing), at `now` (epoch ms). */
  teamOf(order: OrderKey, now: number): OrderTeam | undefined {
    const claim = this.s.claimOf.get(order.accountId, order.id, new Date(now).toISOString()) as
      { coordinator_id: string; coordinator_name: string; expires_at: string } | undefined;
    const reports = this.s.reportsOf.all(order.accountId, order.id) as {
      outcome: 'sent' | 'parked';
      result_value: string | null;
      coordinator_id: string | null;
      coordinator_name: string | null;
      reported_at: string;
    }[];
    if (!claim && reports.length === 0) return undefined;
    const last = reports.at(-1);
    const senders = new Map<string, string>();
    for (const r of reports) {
      if (r.outcome === 'sent')
        senders.set(r.coordinator_id ?? '', r.coordinator_name ?? 'shared token');
    }
    return {
      claim: claim
        ? {
            by: { id: claim.coordinator_id, name: claim.coordinator_name },
            expiresAt: claim.expires_at,
          }
        : null,
      report: last
        ? {
            outcome: last.outcome,
            result: last.result_value,
            by: last.coordinator_name,
            at: last.reported_at,
          }
        : null,
      conflict: senders.size > 1 ? [...senders.values()] : [],
    };
  }

  /** Attaches `team` to the rows the team knows something of. */
  withTeam<R extends OrderKey>(rows: R[], now: number): (R & { team?: OrderTeam })[] {
    // A desk outside team mode has no claims or reports: no look-ups per row.
    if (this.s.any.get() === 0) return rows;
    return rows.map((row) => {
      const team = this.teamOf(row, now);
      return team ? { ...row, team } : row;
    });
  }
}
