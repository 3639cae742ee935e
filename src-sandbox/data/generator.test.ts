import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_TIME, generate, ORDER_HISTORY_MS } from './generator';

function digest(seed: number) {
  const store = generate({ seed, accounts: 3, orders: 300 });
  const dump = [...store.accounts.values()].map((a) => ({
    account: a.account,
    candidates: [...a.collections.candidates.values()],
    applications: [...a.collections.applications.values()],
    jobs: [...a.collections.jobs.values()],
    postings: [...a.collections.job_postings.values()],
  }));
  return {
    store,
    hash: createHash('sha256')
      .update(JSON.stringify({ dump, orders: store.orders() }))
      .digest('hex'),
  };
}

describe('generate', () => {
  it('is deterministic per seed and independent of the clock', () => {
    expect(digest(7).hash).toBe(digest(7).hash);
    expect(digest(7).hash).not.toBe(digest(8).hash);
  });

  it('produces consistent references', () => {
    const { store } = digest(3);
    for (const order of store.orders()) {
      const acc = store.account(order.account_id);
      expect(acc).toBeDefined();
      const app = acc!.collections.applications.get(order.application_id);
      expect(app?.candidate_id).toBe(order.candidate_id);
      expect(app?.job_id).toBe(order.job_id);
      expect(acc!.collections.candidates.get(order.candidate_id)?.application_ids).toContain(
        order.application_id,
      );
      const packages =
        order.kind === 'assessment'
          ? acc!.collections.assessment_packages
          : acc!.collections.background_check_packages;
      expect(packages.has(order.package_id)).toBe(true);
    }
    for (const acc of store.accounts.values()) {
      for (const p of acc.collections.job_postings.values())
        expect(acc.collections.jobs.has(p.job_id)).toBe(true);
    }
  });

  it('is awkward on purpose: unicode, RTL, unmapped enums, missing optional fields', () => {
    const { store } = digest(11);
    const candidates = [...store.accounts.values()].flatMap((a) => [
      ...a.collections.candidates.values(),
    ]);
    const apps = [...store.accounts.values()].flatMap((a) => [
      ...a.collections.applications.values(),
    ]);
    const names = candidates.map((c) => c.name).join(' ');
    expect(names).toMatch(/[\u4e00-\u9fff]/); // CJK
    expect(names).toMatch(/[\u0590-\u06ff]/); // Hebrew / Arabic
    expect(names).toMatch(/[À-ž]/); // accents
    expect(candidates.some((c) => c.phone_numbers === undefined)).toBe(true);
    expect(candidates.some((c) => c.email === undefined)).toBe(true);
    expect(apps.some((a) => a.application_status.value === 'unmapped_value')).toBe(true);
    expect(apps.some((a) => a.rejected_reasons?.length)).toBe(true);
    const providers = new Set([...store.accounts.values()].map((a) => a.account.provider));
    expect(providers.size).toBe(3);
  });

  it('honours the totals and gives unique ids', () => {
    const store = generate({ seed: 1, accounts: 4, orders: 1000, jobs: 40, candidates: 500 });
    expect(store.orderCount).toBe(1000);
    let jobs = 0;
    let candidates = 0;
    const ids = new Set<string>();
    for (const a of store.accounts.values()) {
      jobs += a.collections.jobs.size;
      candidates += a.collections.candidates.size;
      for (const id of a.collections.applications.ids()) ids.add(id);
    }
    expect(jobs).toBe(40);
    expect(candidates).toBe(500);
    expect(new Set(store.orders().map((o) => o.id)).size).toBe(1000);
    expect(ids.size).toBeGreaterThanOrEqual(500);
  });

  it('spreads orders over the two weeks before baseTime, newest last, over varied job titles', () => {
    const store = generate({ seed: 5, accounts: 3, orders: 300 });
    const ages = store.orders().map((o) => DEFAULT_BASE_TIME - Date.parse(o.created_at));
    const hours = (h: number) => h * 3600 * 1000;
    expect(Math.min(...ages)).toBeGreaterThan(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(ORDER_HISTORY_MS);
    // Against a two-day turnaround: overdue, due within four hours, and due later all occur.
    expect(ages.filter((a) => a > hours(48)).length).toBeGreaterThan(30);
    expect(ages.filter((a) => a > hours(44) && a <= hours(48)).length).toBeGreaterThan(0);
    expect(ages.filter((a) => a < hours(24)).length).toBeGreaterThan(30);
    for (const acc of store.accounts.values()) {
      const own = store.orders({ accountId: acc.account.id });
      expect(own.map((o) => o.created_at)).toEqual(own.map((o) => o.created_at).sort());
      const app = acc.collections.applications.get(own[0]!.application_id);
      expect(app?.updated_at).toBe(own[0]!.created_at);
    }
    const titles = new Map<string, number>();
    for (const o of store.orders()) {
      const title = store.account(o.account_id)!.collections.jobs.get(o.job_id)!.title;
      titles.set(title, (titles.get(title) ?? 0) + 1);
    }
    expect(titles.size).toBeGreaterThanOrEqual(9);
    expect(Math.max(...titles.values())).toBeLessThan(300 / 4);
  });
});
