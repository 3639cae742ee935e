import { describe, expect, it } from 'vitest';
import { createRng } from './data/random';
import { SandboxHttpError } from './errors';
import { FaultInjector } from './faults';

describe('FaultInjector', () => {
  it('resets the rate-limit window after a minute and says how long to wait', () => {
    let now = 1_000_000;
    const f = new FaultInjector(createRng(1), 1, () => now, { rateLimitPerMinute: 2 });
    f.checkRateLimit('k');
    f.checkRateLimit('k');
    now += 45_000;
    try {
      f.checkRateLimit('k');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SandboxHttpError);
      expect((e as SandboxHttpError).statusCode).toBe(429);
      expect((e as SandboxHttpError).retryAfterSeconds).toBe(15);
    }
    f.checkRateLimit('other-key');
    now += 15_000;
    expect(() => f.checkRateLimit('k')).not.toThrow();
  });

  it('draws the same random faults for the same seed', () => {
    const run = () => {
      const f = new FaultInjector(createRng(42), 42, () => 0, {
        errorRates: { '500': 0.3, '408': 0.1 },
      });
      return Array.from({ length: 50 }, () => f.injectedFailure()?.statusCode ?? 200);
    };
    const a = run();
    expect(run()).toEqual(a);
    expect(new Set(a)).toEqual(new Set([200, 500, 408]));
  });

  it('marks records malformed by id, independent of call order', () => {
    const f = new FaultInjector(createRng(1), 7, () => 0, { malformedRate: 0.5 });
    const ids = Array.from({ length: 200 }, (_, i) => `id${i}`);
    const first = ids.filter((id) => f.isMalformed(id));
    expect(
      ids
        .reverse()
        .filter((id) => f.isMalformed(id))
        .reverse(),
    ).toEqual(first);
    expect(first.length).toBeGreaterThan(60);
    expect(first.length).toBeLessThan(140);
  });

  it('merges partial settings and rejects invalid ones', () => {
    const f = new FaultInjector(createRng(1), 1, () => 0);
    f.set({ errorRates: { '502': 0.5 } });
    f.set({ errorRates: { '500': 0.1 } });
    expect(f.get().errorRates).toEqual({ '408': 0, '500': 0.1, '502': 0.5, '503': 0 });
    expect(() => f.set({ latencyMs: { min: 10, max: 5 } })).toThrow();
  });
});
