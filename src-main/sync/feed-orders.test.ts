import { describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../src-shared/gateway';
import { feedEventOutcome } from './feed-orders';

function event(value: unknown): FeedEvent {
  return {
    cursor: 'c1',
    seq: 1,
    id: 'event:a:e1',
    eventId: 'e1',
    receivedAt: '2026-01-01T00:00:00.000Z',
    deliveries: 1,
    eventType: 'ats_assessments.created',
    accountId: 'a',
    flagged: null,
    order: {
      id: 'o1',
      kind: 'assessment',
      remoteId: null,
      candidateId: 'c1',
      applicationId: null,
      jobId: null,
      packageId: null,
      resultsUpdateUrl: null,
      candidateName: 'Ada',
      candidateEmail: null,
      jobTitle: null,
      packageName: null,
      orderedAt: null,
    },
    contentType: 'application/json',
    payload: { format: 'json', value },
  };
}

describe('feedEventOutcome', () => {
  it("takes the order and its names from the gateway's order, never from the payload", () => {
    const outcome = feedEventOutcome(event({ data: { candidate: { name: 'Someone else' } } }));
    expect(outcome.kind === 'order' && outcome.order.candidateName).toBe('Ada');
  });

  it('quarantines a payload nested too deeply to store, even when the gateway did not flag it', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const outcome = feedEventOutcome(event(deep));
    expect(outcome.kind).toBe('quarantine');
    if (outcome.kind !== 'quarantine') return;
    expect(outcome.entry.reason).toContain('nested more than 100 levels');
    expect(() => structuredClone(outcome.entry)).not.toThrow();
  });

  it('counts an order as received when it was placed, unless that is after it arrived', () => {
    const placed = (orderedAt: string | null) => {
      const e = event({});
      const outcome = feedEventOutcome({ ...e, order: { ...e.order!, orderedAt } });
      return outcome.kind === 'order' ? outcome.order.receivedAt : null;
    };
    const arrived = event({}).receivedAt;
    const earlier = new Date(Date.parse(arrived) - 86_400_000).toISOString();
    expect(placed(earlier)).toBe(earlier);
    expect(placed(null)).toBe(arrived);
    expect(placed(new Date(Date.parse(arrived) + 60_000).toISOString())).toBe(arrived);
  });
});
