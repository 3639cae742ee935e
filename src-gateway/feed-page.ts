import type { FeedEvent, FeedPage, FeedPayload } from '../src-shared/gateway';
import { encodeCursor } from './cursor';
import type { InboxEvent } from './store/store';

/**
 * Serialises feed pages. The raw JSON of an event is spliced into the response as it was received
 * instead of being parsed and re-stringified: that is most of the work of a page, and the text is
 * known to be valid JSON because it parsed at arrival (anything that did not is flagged
 * `invalid_json` or `too_deep` and served as text or base64). `toFeedEvent` is the plain object form, the
 * reference the spliced form must equal (feed-page.test.ts).
 */

const utf8 = new TextDecoder('utf-8', { fatal: true });

function fallbackPayload(rawBody: Uint8Array): FeedPayload {
  try {
    return { format: 'text', text: utf8.decode(rawBody) };
  } catch {
    return { format: 'base64', data: Buffer.from(rawBody).toString('base64') };
  }
}

/** The arrival parse decoded with a TextDecoder, which drops a leading BOM; so must the splice. */
function jsonText(rawBody: Uint8Array): string {
  const text = Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Not served as JSON: what did not parse, and what was too deep to parse. */
function isJsonPayload(e: InboxEvent): boolean {
  return e.flag?.reason !== 'invalid_json' && e.flag?.reason !== 'too_deep';
}

function metadata(inboxId: string, e: InboxEvent): Omit<FeedEvent, 'payload'> {
  return {
    cursor: encodeCursor(inboxId, e.seq),
    seq: e.seq,
    id: e.dedupeKey,
    eventId: e.eventId,
    receivedAt: e.receivedAt,
    deliveries: e.deliveries,
    eventType: e.eventType,
    accountId: e.accountId,
    flagged: e.flag,
    order: e.order,
    contentType: e.contentType,
  };
}

export function toFeedEvent(inboxId: string, e: InboxEvent): FeedEvent {
  const payload: FeedPayload = isJsonPayload(e)
    ? { format: 'json', value: JSON.parse(jsonText(e.rawBody)) as unknown }
    : fallbackPayload(e.rawBody);
  return { ...metadata(inboxId, e), payload };
}

function feedEventJson(inboxId: string, e: InboxEvent): string {
  const head = JSON.stringify(metadata(inboxId, e)).slice(0, -1);
  if (!isJsonPayload(e)) return `${head},"payload":${JSON.stringify(fallbackPayload(e.rawBody))}}`;
  return `${head},"payload":{"format":"json","value":${jsonText(e.rawBody)}}}`;
}

export function feedPageJson(
  inboxId: string,
  events: readonly InboxEvent[],
  page: Omit<FeedPage, 'events'>,
): string {
  const items = events.map((e) => feedEventJson(inboxId, e)).join(',');
  return `{"events":[${items}],"nextCursor":${JSON.stringify(page.nextCursor)},"hasMore":${page.hasMore}}`;
}
