import {
  ClaimedPayloadSchema,
  MAX_WEBHOOK_JSON_DEPTH,
  nestsDeeperThan,
  ReleasedPayloadSchema,
  ResultReportedPayloadSchema,
  TEAM_EVENT_TYPES,
  type FeedEvent,
} from '../../src-shared/gateway';
import type { OrderInput, QuarantineInput, TeamFeedInput } from '../cache';

/**
 * Turns feed events into the cache's order rows. The gateway is the one place that decodes a
 * webhook: the order, its ids and the names it carries come from `event.order`; the payload is
 * kept as opaque data for the order page and never read here. Nothing here throws: an event that
 * is not a usable order is either quarantined with its reason (flagged by the gateway, no account,
 * a payload nested too deeply to store) or ignored (a well-formed non-order event such as
 * `ats_jobs.updated`).
 */

export type FeedEventOutcome =
  | { kind: 'order'; order: OrderInput }
  | { kind: 'quarantine'; entry: QuarantineInput }
  | { kind: 'team'; event: TeamFeedInput }
  | { kind: 'ignored' };

/**
 * A claim or result report the gateway itself appended (team mode). Only under a `team:` key,
 * which no webhook can have: a webhook that merely names a team event type is flagged
 * `unknown_event_type` by the gateway and quarantined above.
 */
function teamOutcome(event: FeedEvent, raw: unknown): FeedEventOutcome | null {
  if (!event.id.startsWith('team:')) return null;
  const bad = (what: string) =>
    quarantined(event, `The order gateway sent a ${what} this desk cannot read.`, raw);
  switch (event.eventType) {
    case TEAM_EVENT_TYPES.claimed: {
      const p = ClaimedPayloadSchema.safeParse(raw);
      return p.success
        ? { kind: 'team', event: { kind: 'claimed', claims: p.data.claims } }
        : bad('claim');
    }
    case TEAM_EVENT_TYPES.released: {
      const p = ReleasedPayloadSchema.safeParse(raw);
      return p.success
        ? { kind: 'team', event: { kind: 'released', orders: p.data.orders, by: p.data.by } }
        : bad('claim release');
    }
    case TEAM_EVENT_TYPES.resultReported: {
      const p = ResultReportedPayloadSchema.safeParse(raw);
      if (!p.success) return bad('result report');
      const { reportId, accountId, orderId, outcome, result, by, at } = p.data;
      return {
        kind: 'team',
        event: { kind: 'reported', reportId, accountId, orderId, outcome, result, by, at },
      };
    }
    default:
      return null;
  }
}

/** The payload as stored: the JSON value, or the `{format, text|data}` form of what was not JSON. */
function storedPayload(payload: FeedEvent['payload']): unknown {
  return payload.format === 'json' ? payload.value : payload;
}

function quarantined(event: FeedEvent, reason: string, raw: unknown): FeedEventOutcome {
  return {
    kind: 'quarantine',
    entry: { source: 'orders', accountId: event.accountId, recordId: event.id, reason, raw },
  };
}

const TOO_DEEP = `nested more than ${MAX_WEBHOOK_JSON_DEPTH} levels deep`;

/**
 * `raw` as it may be handed to the writer: serialising or cloning a deeper value would recurse
 * past the stack, so such a value is replaced by a note (the gateway keeps the original).
 */
export function boundedRaw(raw: unknown): unknown {
  return nestsDeeperThan(raw, MAX_WEBHOOK_JSON_DEPTH) ? { omitted: TOO_DEEP } : raw;
}

export function feedEventOutcome(event: FeedEvent): FeedEventOutcome {
  // The gateway flags such a body (too_deep) and serves it as text; this guards against a gateway
  // that did not.
  if (
    event.payload.format === 'json' &&
    nestsDeeperThan(event.payload.value, MAX_WEBHOOK_JSON_DEPTH)
  ) {
    return quarantined(
      event,
      `The webhook event is ${TOO_DEEP}; the order gateway keeps it as received.`,
      { omitted: TOO_DEEP },
    );
  }
  const raw = storedPayload(event.payload);
  if (event.flagged) {
    return quarantined(
      event,
      `The order gateway could not read this event (${event.flagged.reason}): ${event.flagged.detail}`,
      raw,
    );
  }
  if (!event.order) return teamOutcome(event, raw) ?? { kind: 'ignored' };
  if (!event.accountId) {
    return quarantined(
      event,
      'The order event names no linked account, so no result could be sent back.',
      raw,
    );
  }
  const o = event.order;
  return {
    kind: 'order',
    order: {
      accountId: event.accountId,
      id: o.id,
      kind: o.kind,
      remoteId: o.remoteId,
      receivedAt: receivedAtOf(o.orderedAt, event.receivedAt),
      eventId: event.eventId,
      packageId: o.packageId,
      candidateId: o.candidateId,
      applicationId: o.applicationId,
      jobId: o.jobId,
      resultsUpdateUrl: o.resultsUpdateUrl,
      packageName: o.packageName,
      candidateName: o.candidateName,
      candidateEmail: o.candidateEmail,
      jobTitle: o.jobTitle,
      rawEvent: raw,
      updatedAt: event.receivedAt,
      initialStatus: 'new',
    },
  };
}

/**
 * An order counts as received when the ATS placed it, if the event says so and that is not after
 * the gateway got it (a clock ahead would make an order younger than it is); else on arrival.
 */
function receivedAtOf(orderedAt: string | null, arrivedAt: string): string {
  const placed = orderedAt === null ? NaN : Date.parse(orderedAt);
  return Number.isFinite(placed) && placed < Date.parse(arrivedAt) ? orderedAt! : arrivedAt;
}
