import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { budgetForApiKey, RequestBudget } from './budget';

describe('RequestBudget (sliding window)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('admits `limit` requests at once, then makes the rest wait for the window to slide', async () => {
    const budget = new RequestBudget({ limit: 3, windowMs: 1_000 }, () => Date.now());
    const started: number[] = [];
    const t0 = Date.now();
    const all = Array.from({ length: 7 }, () =>
      budget.acquire().then(() => started.push(Date.now() - t0)),
    );
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all(all);
    expect(started).toHaveLength(7);
    expect(started.slice(0, 3)).toEqual([0, 0, 0]);
    // Any window of 1 s holds at most 3 starts.
    for (const t of started) {
      expect(started.filter((u) => u >= t && u < t + 1_000).length).toBeLessThanOrEqual(3);
    }
    expect(started[3]).toBeGreaterThanOrEqual(1_000);
    expect(started[6]).toBeGreaterThanOrEqual(2_000);
  });

  it('holds slots for the guard time too', async () => {
    const budget = new RequestBudget({ limit: 1, windowMs: 1_000, guardMs: 200 }, () => Date.now());
    const t0 = Date.now();
    await budget.acquire();
    const second = budget.acquire().then(() => Date.now() - t0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await second).toBeGreaterThanOrEqual(1_200);
  });

  it('serves waiters first come, first served', async () => {
    const budget = new RequestBudget({ limit: 1, windowMs: 100 }, () => Date.now());
    await budget.acquire();
    const order: number[] = [];
    const waits = [1, 2, 3].map((n) => budget.acquire().then(() => order.push(n)));
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(waits);
    expect(order).toEqual([1, 2, 3]);
  });

  it('drops an aborted waiter without taking its slot', async () => {
    const budget = new RequestBudget({ limit: 1, windowMs: 1_000 }, () => Date.now());
    await budget.acquire();
    const controller = new AbortController();
    const aborted = budget.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    await vi.advanceTimersByTimeAsync(1_001);
    expect(budget.inUse()).toBe(0);
  });
});

describe('budgetForApiKey', () => {
  it('shares one budget per key and does not keep the key in the registry', () => {
    const a = budgetForApiKey('key-one-secret-value', { limit: 5, windowMs: 1_000 });
    expect(budgetForApiKey('key-one-secret-value')).toBe(a);
    expect(budgetForApiKey('key-two-secret-value', { limit: 5, windowMs: 1_000 })).not.toBe(a);
    expect(JSON.stringify(a)).not.toContain('key-one-secret-value');
  });
});
