import type { FeedEvent } from '../../src-shared/gateway';
import type { OrderInput, QuarantineInput } from '../cache';

/**
 * Turns feed events into the cache's order rows. The gateway already extracted the ids it could
 * read (`event.order`); the names shown before the candidate / job / package records arrive are
 * read here, leniently, from the payload (legacy AssessmentOrder shape: `data.candidate`,
 * `data.job`, `data.package`). Nothing here throws: an event that is not a usable order is
 * either quarantined (flagged by the gateway) or ignored (a well-formed non-order event such as
 * `ats_jobs.updated`).
 */

export type FeedEventOutcome =
  | { kind: 'order'; order: OrderInput }
  | { kind: 'quarantine'; entry: QuarantineInput }
  | { kind: 'ignored' };

function obj(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The order object inside a webhook body, whichever wrapper the sender used. */
function orderData(payload: FeedEvent['payload']): Record<string, unknown> | null {
  if (payload.format !== 'json') return null;
  const body = obj(payload.value);
  if (!body) return null;
  return obj(body.data) ?? obj(body.event_data) ?? obj(body.raw_event) ?? body;
}

function candidateNames(data: Record<string, unknown> | null): {
  name: string | null;
  email: string | null;
} {
  const c = obj(data?.candidate);
  if (!c) return { name: null, email: null };
  const joined = [text(c.first_name), text(c.last_name)].filter(Boolean).join(' ');
  const name = text(c.name) ?? (joined === '' ? null : joined);
  const emails = Array.isArray(c.emails) ? c.emails : [];
  const first = emails.map((e) => text(obj(e)?.value)).find((e) => e !== null) ?? null;
  return { name, email: text(c.email) ?? first };
}

export function feedEventOutcome(event: FeedEvent): FeedEventOutcome {
  if (event.flagged) {
    return {
      kind: 'quarantine',
      entry: {
        source: 'orders',
        accountId: event.accountId,
        recordId: event.id,
        reason: `The order gateway could not read this event (${event.flagged.reason}): ${event.flagged.detail}`,
        raw: event.payload.format === 'json' ? event.payload.value : event.payload,
      },
    };
  }
  if (!event.order) return { kind: 'ignored' };
  if (!event.accountId) {
    return {
      kind: 'quarantine',
      entry: {
        source: 'orders',
        accountId: null,
        recordId: event.id,
        reason: 'The order event names no linked account, so no result could be sent back.',
        raw: event.payload.format === 'json' ? event.payload.value : event.payload,
      },
    };
  }
  const data = orderData(event.payload);
  const candidate = candidateNames(data);
  const o = event.order;
  return {
    kind: 'order',
    order: {
      accountId: event.accountId,
      id: o.id,
      kind: o.kind,
      remoteId: o.remoteId,
      receivedAt: event.receivedAt,
      eventId: event.eventId,
      packageId: o.packageId,
      candidateId: o.candidateId,
      applicationId: o.applicationId,
      jobId: o.jobId,
      resultsUpdateUrl: o.resultsUpdateUrl,
      packageName: text(obj(data?.package)?.name),
      candidateName: candidate.name,
      candidateEmail: candidate.email,
      jobTitle: text(obj(data?.job)?.title),
      rawEvent: event.payload.format === 'json' ? event.payload.value : event.payload,
      updatedAt: event.receivedAt,
      initialStatus: 'new',
    },
  };
}
