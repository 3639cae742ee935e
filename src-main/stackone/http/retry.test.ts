import { describe, expect, it } from 'vitest';
import {
  fullJitterDelay,
  isIdempotentMethod,
  isRetryableStatus,
  leavesOutcomeUnknown,
  parseRetryAfter,
  retryDelay,
  DEFAULT_RETRY_POLICY,
} from './retry';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('60', now)).toBe(60_000);
    expect(parseRetryAfter(' 2 ', now)).toBe(2_000);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
    expect(parseRetryAfter('0', now)).toBe(0);
  });

  it('reads an HTTP date relative to now, and a past date as 0', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });

  it('reads all three HTTP-date forms as GMT, whatever the local time zone', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
      expect(parseRetryAfter('Thursday, 01-Jan-26 00:00:30 GMT', now)).toBe(30_000);
      expect(parseRetryAfter('Thu Jan  1 00:00:30 2026', now)).toBe(30_000);
      expect(parseRetryAfter('Thu Jan 15 00:00:00 2026', now)).toBe(14 * 86_400_000);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('gives null for absent or garbage values', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
  });
});

describe('full jitter', () => {
  const policy = { baseDelayMs: 500, maxDelayMs: 4_000 };

  it('stays within [0, min(cap, base·2^(n-1))) for every attempt', () => {
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const ceiling = Math.min(4_000, 500 * 2 ** (attempt - 1));
      expect(fullJitterDelay(attempt, policy, () => 0)).toBe(0);
      expect(fullJitterDelay(attempt, policy, () => 0.999999)).toBeLessThan(ceiling);
      expect(fullJitterDelay(attempt, policy, () => 0.999999)).toBeGreaterThanOrEqual(ceiling - 1);
    }
  });

  it('spreads draws across the range (not a fixed delay)', () => {
    const draws = Array.from({ length: 200 }, () => fullJitterDelay(4, policy));
    expect(Math.min(...draws)).toBeLessThan(1_000);
    expect(Math.max(...draws)).toBeGreaterThan(3_000);
    expect(Math.max(...draws)).toBeLessThan(4_000);
  });

  it('never waits less than Retry-After', () => {
    expect(retryDelay(1, 2_000, DEFAULT_RETRY_POLICY, () => 0)).toBe(2_000);
    expect(retryDelay(1, null, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(250);
  });
});

describe('what is retried', () => {
  it('retries 408, 429 and 5xx except 501', () => {
    for (const s of [408, 429, 500, 502, 503, 504]) expect(isRetryableStatus(s)).toBe(true);
    for (const s of [400, 401, 403, 404, 409, 412, 422, 501])
      expect(isRetryableStatus(s)).toBe(false);
  });

  it('treats POST as the only non-idempotent method the client sends', () => {
    expect(isIdempotentMethod('POST')).toBe(false);
    for (const m of ['GET', 'PATCH', 'DELETE', 'get']) expect(isIdempotentMethod(m)).toBe(true);
  });

  it('calls a create outcome unknown after 408/5xx but not after a 429 refusal', () => {
    expect(leavesOutcomeUnknown(408)).toBe(true);
    expect(leavesOutcomeUnknown(502)).toBe(true);
    expect(leavesOutcomeUnknown(429)).toBe(false);
    expect(leavesOutcomeUnknown(400)).toBe(false);
  });
});
