import { describe, expect, it } from 'vitest';
import { FeedPageSchema } from '../src-shared/gateway';
import { feedPageJson, toFeedEvent } from './feed-page';
import { parseEvent } from './parse-event';
import type { InboxEvent } from './store/store';
import { orderEventBody } from './testing/webhooks';

function stored(seq: number, rawBody: Uint8Array): InboxEvent {
  const parsed = parseEvent(rawBody);
  return {
    seq,
    dedupeKey: `k${seq}`,
    deliveries: 1,
    receivedAt: '2026-01-01T00:00:00.000Z',
    contentType: 'application/json',
    rawBody,
    ...parsed,
  };
}

const enc = (s: string) => new TextEncoder().encode(s);

describe('feedPageJson', () => {
  const events = [
    stored(1, enc(orderEventBody(1))),
    stored(2, enc(JSON.stringify({ event: 'ats_jobs.created', n: '\u2028 ✓ "q"' }, null, 2))),
    stored(3, new Uint8Array([0xef, 0xbb, 0xbf, ...enc('{"event":"ats_jobs.updated"}')])),
    stored(4, enc('{"truncated": ')),
    stored(5, new Uint8Array([0xff, 0x00, 0x7b])),
    stored(6, enc('[1,2,3]')),
  ];

  it('splices raw JSON into exactly what the object form would serialise', () => {
    const json = feedPageJson('inbox', events, { nextCursor: 'c', hasMore: true });
    const page = FeedPageSchema.parse(JSON.parse(json));
    expect(page).toEqual({
      events: events.map((e) => toFeedEvent('inbox', e)),
      nextCursor: 'c',
      hasMore: true,
    });
    expect(page.events.map((e) => e.payload.format)).toEqual([
      'json',
      'json',
      'json',
      'text',
      'base64',
      'json',
    ]);
    expect(page.events[4]?.payload).toEqual({ format: 'base64', data: '/wB7' });
  });

  it('serialises an empty page', () => {
    expect(JSON.parse(feedPageJson('inbox', [], { nextCursor: 'c', hasMore: false }))).toEqual({
      events: [],
      nextCursor: 'c',
      hasMore: false,
    });
  });
});
