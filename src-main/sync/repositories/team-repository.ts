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
      // The orders of a page, as a JSON array of [accountId, orderId]: one look-up per page,
      // each key through the table's primary key or its order index.
      claimsOf: db.prepare(`SELECT c.account_id, c.order_id, coordinator_id, coordinator_name,
          expires_at FROM json_each(?) k CROSS JOIN order_claims c
        ON c.account_id = k.value ->> 0 AND c.order_id = k.value ->> 1 WHERE expires_at > ?`),
      reportsOf: db.prepare(`SELECT r.account_id, r.order_id, outcome, result_value,
          coordinator_id, coordinator_name, reported_at FROM json_each(?) k CROSS JOIN order_reports r
        ON r.account_id = k.value ->> 0 AND r.order_id = k.value ->> 1
        ORDER BY r.account_id, r.order_id, reported_at, report_id`),
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

  /** What the team knows of an order (undefined: nothing), at `now` (epoch ms). */
  teamOf(order: OrderKey, now: number): OrderTeam | undefined {
    return this.withTeam([order], now)[0]!.team;
  }

  /** Attaches `team` to the rows the team knows something of, at `now` (epoch ms). */
  withTeam<R extends OrderKey>(rows: R[], now: number): (R & { team?: OrderTeam })[] {
    const keyOf = (accountId: string, orderId: string) => `${accountId}\u0000${orderId}`;
    const keys = JSON.stringify(rows.map((r) => [r.accountId, r.id]));
    const claims = new Map(
      (this.s.claimsOf.all(keys, new Date(now).toISOString()) as ClaimRow[]).map((c) => [
        keyOf(c.account_id, c.order_id),
        c,
      ]),
    );
    const reports = new Map<string, ReportRow[]>();
    for (const r of this.s.reportsOf.all(keys) as ReportRow[]) {
      const key = keyOf(r.account_id, r.order_id);
      const list = reports.get(key);
      if (list) list.push(r);
      else reports.set(key, [r]);
    }
    return rows.map((row) => {
      const key = keyOf(row.accountId, row.id);
      const team = toTeam(claims.get(key), reports.get(key) ?? []);
      return team ? { ...row, team } : row;
    });
  }
}

interface ClaimRow {
  account_id: string;
  order_id: string;
  coordinator_id: string;
  coordinator_name: string;
  expires_at: string;
}

interface ReportRow {
  account_id: string;
  order_id: string;
  outcome: 'sent' | 'parked';
  result_value: string | null;
  coordinator_id: string | null;
  coordinator_name: string | null;
  reported_at: string;
}

/** An order's claim and reports (oldest first) as the desk shows them; undefined: neither. */
function toTeam(claim: ClaimRow | undefined, reports: ReportRow[]): OrderTeam | undefined {
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
