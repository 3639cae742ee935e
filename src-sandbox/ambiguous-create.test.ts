import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index';
import { sandboxClient } from './testing/sandbox-client';

/**
 * The ambiguous-create fault: the package is created, but the caller gets no answer (dropped
 * connection) or a 5xx. A later list shows the package, which is how the desk finds out.
 */

let sb: RunningSandbox;
let call: ReturnType<typeof sandboxClient>;
let account: string;

beforeAll(async () => {
  sb = await startSandbox({
    seed: 3,
    accounts: [{ provider: 'workday' }, { provider: 'sap_successfactors' }],
    orders: 20,
  });
  call = sandboxClient(sb);
  account = sb.accounts[0]!.id;
});
afterAll(async () => sb.close());

const names = async () =>
  (
    (await call('/unified/ats/background_checks/packages?page_size=100')).body.data as {
      name: string;
    }[]
  ).map((p) => p.name);

describe('ambiguous package creates', () => {
  it('applies a create whose connection is dropped', async () => {
    sb.inspect.faults.set({ ambiguousCreates: { count: 1, mode: 'drop' } });
    await expect(
      call('/unified/ats/background_checks/packages', {
        method: 'POST',
        body: { name: 'Dropped answer', tests: [{ name: 'Identity' }] },
      }),
    ).rejects.toThrow();
    expect(await names()).toContain('Dropped answer');
    expect(sb.inspect.faults.get().ambiguousCreates).toBeNull();
  });

  it('applies a create answered with a 5xx, then answers normally again', async () => {
    sb.inspect.faults.set({ ambiguousCreates: { count: 1, mode: 502 } });
    const lost = await call('/unified/ats/background_checks/packages', {
      method: 'POST',
      body: { name: 'Lost 502' },
    });
    expect(lost.status).toBe(502);
    const ok = await call('/unified/ats/background_checks/packages', {
      method: 'POST',
      body: { name: 'Answered' },
    });
    expect(ok.status).toBe(201);
    expect(await names()).toEqual(expect.arrayContaining(['Lost 502', 'Answered']));
    expect(sb.inspect.packageWrites({ accountId: account }).map((w) => w.status)).toEqual([
      0, 502, 201,
    ]);
  });

  it('gives static-package accounts ATS test ids on their assessment packages', () => {
    const [wd, sf] = sb.accounts;
    const testIds = (acc: string) =>
      sb.inspect
        .recordIds(acc, 'assessment_packages')
        .map(
          (id) =>
            (sb.inspect.record(acc, 'assessment_packages', id) as { remote_id: string }).remote_id,
        );
    expect(testIds(wd!.id).every((t) => t.startsWith('RECRUITING_ASSESSMENT_TEST-'))).toBe(true);
    expect(testIds(sf!.id).every((t) => t.startsWith('SF_ASSESSMENT_TEST-'))).toBe(true);
  });
});
