import { createHash } from 'node:crypto';
import {
  isKnownEventType,
  jsonTextDepth,
  MAX_WEBHOOK_JSON_DEPTH,
  orderKindOf,
  type EventFlag,
  type FeedOrder,
} from '../src-shared/gateway';

/**
 * Lenient reading of a webhook body: the one place that decodes a StackOne webhook. The desk
 * builds its order from the `order` read here and keeps the payload only to show it. StackOne
 * publishes no example of an order event (API-NOTES §7), so nothing here is strict:
 *
 * - Envelope: `{ id, event, account_id, created_at, data }` is what the sandbox sends; `type` /
 *   `event_type` may stand for `event`, `event_id` for `id`, and the record may sit in `data`,
 *   `event_data` / `eventData` or `raw_event` / `rawEvent` (the "legacy unified" wrappers
 *   third-party handlers read), possibly
 *   one level deeper under `order` or `data`.
 * - Order: the legacy `AssessmentOrder` / `BackgroundCheckOrder` shape (nested `candidate.id`,
 *   `application.id`, `job.id`, `package.id`) or flat `candidate_id`-style fields, camelCase too.
 *   A top-level `record_id` is accepted as the order id when the record carries none. Names shown
 *   before the desk has the records: `candidate.name` (or first + last) and `candidate.email` (or
 *   the first of `emails[].value`), `job.title`, `package.name`.
 * - Bounds: a body nested deeper than MAX_WEBHOOK_JSON_DEPTH is not parsed (flag `too_deep`), so
 *   no later step that recurses (serialising, cloning) can overflow the stack on it.
 *
 * Nothing is ever rejected: what cannot be read is reported as a flag, and the event is stored.
 */

export interface ParsedEvent {
  eventId: string | null;
  eventType: string | null;
  accountId: string | null;
  order: FeedOrder | null;
  flag: EventFlag | null;
}

type Obj = Record<string, unknown>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Ids arrive as strings, sometimes as numbers; anything else is treated as absent. */
function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function firstId(...values: unknown[]): string | null {
  for (const v of values) {
    const id = idOf(v);
    if (id !== null) return id;
  }
  return null;
}

function firstString(...values: unknown[]): string | null {
  for (const v of values) if (typeof v === 'string' && v.trim() !== '') return v;
  return null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function candidateNames(record: Obj): { name: string | null; email: string | null } {
  const c = record.candidate;
  if (!isObj(c)) return { name: null, email: null };
  const joined = [text(c.first_name), text(c.last_name)].filter(Boolean).join(' ');
  const emails = Array.isArray(c.emails) ? c.emails : [];
  const first = emails.map((e) => (isObj(e) ? text(e.value) : null)).find((e) => e !== null);
  return {
    name: text(c.name) ?? (joined === '' ? null : joined),
    email: text(c.email) ?? first ?? null,
  };
}

/** A date-time the event carries, as ISO; null when absent or not a date. */
function isoTime(value: string | null): string | null {
  const ms = value === null ? NaN : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function nameOf(record: Obj, entity: string, field: string): string | null {
  const nested = record[entity];
  return isObj(nested) ? text(nested[field]) : null;
}

/** `entity.id`, `entity_id` or `entityId` (in that order) on the record. */
function refId(record: Obj, entity: string): string | null {
  const nested = record[entity];
  const camel = entity.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
  return firstId(isObj(nested) ? nested.id : nested, record[`${entity}_id`], record[`${camel}Id`]);
}

function orderRecord(root: Obj): Obj | null {
  for (const key of ['data', 'event_data', 'eventData', 'raw_event', 'rawEvent']) {
    const wrapper = root[key];
    if (!isObj(wrapper)) continue;
    if (isObj(wrapper.order)) return wrapper.order;
    if (isObj(wrapper.data) && idOf(wrapper.id) === null) return wrapper.data;
    return wrapper;
  }
  return null;
}

function unparsed(flag: EventFlag): ParsedEvent {
  return { eventId: null, eventType: null, accountId: null, order: null, flag };
}

export function parseEvent(rawBody: Uint8Array): ParsedEvent {
  let root: unknown;
  try {
    const body = utf8.decode(rawBody);
    const depth = jsonTextDepth(body);
    if (depth > MAX_WEBHOOK_JSON_DEPTH) {
      return unparsed({
        reason: 'too_deep',
        detail: `JSON nested ${depth} levels deep; at most ${MAX_WEBHOOK_JSON_DEPTH} are read`,
      });
    }
    root = JSON.parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return unparsed({ reason: 'invalid_json', detail: detail.slice(0, 500) });
  }
  if (!isObj(root)) {
    return unparsed({
      reason: 'not_an_object',
      detail: `body is JSON ${Array.isArray(root) ? 'array' : typeof root}`,
    });
  }

  const record = orderRecord(root);
  const eventId = firstId(root.id, root.event_id, root.eventId);
  const eventType = firstString(root.event, root.type, root.event_type, root.eventType);
  const accountId = firstId(
    root.account_id,
    root.accountId,
    isObj(root.account) ? root.account.id : null,
    record?.account_id,
  );
  const base = { eventId, eventType, accountId };

  if (eventType === null) {
    return {
      ...base,
      order: null,
      flag: { reason: 'missing_event_type', detail: 'no event or type field' },
    };
  }
  if (!isKnownEventType(eventType)) {
    return {
      ...base,
      order: null,
      flag: { reason: 'unknown_event_type', detail: `event type "${eventType}" is not handled` },
    };
  }
  const kind = orderKindOf(eventType);
  if (kind === null) return { ...base, order: null, flag: null };

  const orderId = firstId(record?.id, record?.order_id, record?.orderId, root.record_id);
  if (orderId === null) {
    return {
      ...base,
      order: null,
      flag: { reason: 'incomplete_order', detail: 'order event without an order id' },
    };
  }
  const r = record ?? {};
  const candidate = candidateNames(r);
  const order: FeedOrder = {
    id: orderId,
    kind,
    remoteId: firstId(r.remote_id, r.remoteId, root.record_remote_id),
    candidateId: refId(r, 'candidate'),
    applicationId: refId(r, 'application'),
    jobId: refId(r, 'job'),
    packageId: refId(r, 'package'),
    resultsUpdateUrl: firstString(r.results_update_url, r.resultsUpdateUrl),
    candidateName: candidate.name,
    candidateEmail: candidate.email,
    jobTitle: nameOf(r, 'job', 'title'),
    packageName: nameOf(r, 'package', 'name'),
    orderedAt: isoTime(firstString(r.created_at, r.createdAt, root.created_at, root.createdAt)),
  };
  const flag: EventFlag | null =
    accountId === null
      ? { reason: 'incomplete_order', detail: 'order event without an account id' }
      : null;
  return { ...base, order, flag };
}

/**
 * Redeliveries carry the same event id; when there is none, the same bytes are the same event.
 * The account is part of the key so two accounts' ids can never collide.
 */
export function dedupeKeyOf(parsed: ParsedEvent, rawBody: Uint8Array): string {
  if (parsed.eventId !== null) return `event:${parsed.accountId ?? '-'}:${parsed.eventId}`;
  return `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
}
