import { describe, expect, it } from 'vitest';
import { dedupeKeyOf, parseEvent } from './parse-event';
import { orderEventBody } from './testing/webhooks';

const bytes = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

describe('parseEvent', () => {
  it('reads the sandbox envelope with a legacy AssessmentOrder in data', () => {
    const parsed = parseEvent(bytes(orderEventBody(7)));
    expect(parsed).toEqual({
      eventId: 'evt_asm_7',
      eventType: 'ats_assessments.created',
      accountId: 'acct_sandbox_1',
      flag: null,
      order: {
        id: 'ord_asm_7',
        kind: 'assessment',
        remoteId: 'r_ord_7',
        candidateId: 'cand_7',
        applicationId: 'app_7',
        jobId: 'job_7',
        packageId: 'pkg_js',
        resultsUpdateUrl: 'https://sandbox.invalid/results/7',
        candidateName: 'Ada Lovelace',
        candidateEmail: 'ada7@example.com',
        jobTitle: 'Engineer',
        packageName: 'JavaScript',
        orderedAt: '2026-01-01T00:00:07.000Z',
      },
    });
  });

  it('reads every wrapper the same way, eventData and rawEvent included', () => {
    const record = { id: 'o', candidate_id: 'c', candidate: { name: ' Grace Hopper ' } };
    for (const wrapper of ['data', 'event_data', 'eventData', 'raw_event', 'rawEvent']) {
      const parsed = parseEvent(
        bytes({ event: 'ats_assessments.created', account_id: 'a', [wrapper]: record }),
      );
      expect(parsed.order).toMatchObject({
        id: 'o',
        candidateId: 'c',
        candidateName: 'Grace Hopper',
      });
    }
  });

  it('flags JSON nested deeper than the bound without parsing it', () => {
    const deep = `{"event":"ats_assessments.created","data":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const parsed = parseEvent(bytes(deep));
    expect(parsed.flag?.reason).toBe('too_deep');
    expect(parsed.flag?.detail).toContain('10001');
    // Brackets inside strings do not count.
    const inString = JSON.stringify({
      id: 'e',
      event: 'ats_jobs.updated',
      note: '[[[['.repeat(1000),
    });
    expect(parseEvent(bytes(inString)).flag).toBeNull();
  });

  it('reads background-check orders', () => {
    expect(parseEvent(bytes(orderEventBody(3, 'background_check'))).order?.kind).toBe(
      'background_check',
    );
  });

  it('reads flat *_id fields, camelCase, numeric ids, `type` and an event_data wrapper', () => {
    const parsed = parseEvent(
      bytes({
        event_id: 99,
        type: 'background_check_order.created',
        accountId: 'acc',
        event_data: {
          order_id: 5,
          candidate_id: 'c',
          applicationId: 'a',
          job_id: 12,
          packageId: 'p',
        },
      }),
    );
    expect(parsed.eventId).toBe('99');
    expect(parsed.accountId).toBe('acc');
    expect(parsed.flag).toBeNull();
    expect(parsed.order).toMatchObject({
      id: '5',
      kind: 'background_check',
      candidateId: 'c',
      applicationId: 'a',
      jobId: '12',
      packageId: 'p',
    });
  });

  it('looks one level into data.order and data.data, and falls back to record_id', () => {
    expect(
      parseEvent(
        bytes({ event: 'ats_assessments.created', account_id: 'a', data: { order: { id: 'o1' } } }),
      ).order?.id,
    ).toBe('o1');
    expect(
      parseEvent(
        bytes({ event: 'ats_assessments.created', account_id: 'a', data: { data: { id: 'o2' } } }),
      ).order?.id,
    ).toBe('o2');
    expect(
      parseEvent(
        bytes({ event: 'ats_assessments.created', account_id: 'a', record_id: 'o3', data: {} }),
      ).order?.id,
    ).toBe('o3');
  });

  it('knows ats_jobs events without making orders of them', () => {
    const parsed = parseEvent(bytes({ id: 'e', event: 'ats_jobs.updated', data: { id: 'job_1' } }));
    expect(parsed.flag).toBeNull();
    expect(parsed.order).toBeNull();
  });

  it('flags, never throws, on what it cannot read', () => {
    expect(parseEvent(bytes('{not json')).flag?.reason).toBe('invalid_json');
    expect(parseEvent(new Uint8Array([0xff, 0xfe, 0x7b])).flag?.reason).toBe('invalid_json');
    expect(parseEvent(bytes('[1,2]')).flag?.reason).toBe('not_an_object');
    expect(parseEvent(bytes({ id: 'x' })).flag?.reason).toBe('missing_event_type');
    const unknown = parseEvent(
      bytes({ id: 'x', event: 'ats_candidates.created', account_id: 'a' }),
    );
    expect(unknown.flag?.reason).toBe('unknown_event_type');
    expect(unknown.eventId).toBe('x');
    expect(unknown.accountId).toBe('a');
    expect(
      parseEvent(bytes({ event: 'ats_assessments.created', account_id: 'a', data: {} })).flag
        ?.reason,
    ).toBe('incomplete_order');
  });

  it('keeps the order but flags it when the account id is missing', () => {
    const parsed = parseEvent(bytes({ event: 'ats_assessments.created', data: { id: 'o' } }));
    expect(parsed.order?.id).toBe('o');
    expect(parsed.flag).toEqual({
      reason: 'incomplete_order',
      detail: 'order event without an account id',
    });
  });
});

describe('dedupeKeyOf', () => {
  it('keys on account and event id, else on the body hash', () => {
    const body = bytes(orderEventBody(1));
    expect(dedupeKeyOf(parseEvent(body), body)).toBe('event:acct_sandbox_1:evt_asm_1');
    const noId = bytes({ event: 'ats_jobs.created' });
    const key = dedupeKeyOf(parseEvent(noId), noId);
    expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(dedupeKeyOf(parseEvent(noId), noId)).toBe(key);
    const other = bytes({ event: 'ats_jobs.created', x: 1 });
    expect(dedupeKeyOf(parseEvent(other), other)).not.toBe(key);
  });
});
