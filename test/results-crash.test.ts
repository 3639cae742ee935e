import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspaceCache } from '../src-main/cache';
import { startSandbox, type RunningSandbox } from '../src-sandbox';
import { spawnLineChild, type LineChild } from './testing/line-child';
import { createResultsWorld, sandboxOrderInputs } from './testing/results-world';

/**
 * Acceptance: 50 results are queued, and the outbox (in a child process) is SIGKILLed mid-send 20
 * times. Afterwards every result is in the sandbox, byte for byte as queued, none lost; an order
 * got its PATCH more than once only where an attempt's outcome was unknown (the desk died with
 * the request on the wire), and the test counts and prints those duplicates.
 */

const CHILD = fileURLToPath(new URL('./testing/results-crash-child.ts', import.meta.url));
const RESULTS = 50;
const KILLS = 20;

const last = <T>(list: T[]): T | undefined => list[list.length - 1];

describe('outbox crash safety', () => {
  let sb: RunningSandbox;
  let dir: string;
  const live = new Set<LineChild>();

  beforeAll(async () => {
    sb = await startSandbox({ seed: 15, accounts: 2, orders: 200 });
    // Slow answers keep requests on the wire long enough for the kills to land mid-send.
    sb.inspect.faults.set({ latencyMs: { min: 80, max: 200 } });
    dir = mkdtempSync(join(tmpdir(), 'desk-results-crash-'));
  });
  afterAll(async () => {
    for (const child of live) await child.kill9();
    await sb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    `delivers ${RESULTS} results through ${KILLS} SIGKILLs mid-send`,
    { timeout: 240_000 },
    async () => {
      const path = join(dir, 'cache.sqlite');
      const orders = sb.inspect.orders().slice(0, RESULTS);
      const world = await createResultsWorld({ path, orderInputs: sandboxOrderInputs(orders) });
      for (const [i, o] of orders.entries()) {
        await world.call('results:send', {
          accountId: o.account_id,
          orderId: o.id,
          values: {
            result: i % 3 === 0 ? 'failed' : 'passed',
            resultUrl: `https://reports.example.com/r/${o.id}`,
            score: { label: 'Percentage', value: String(40 + i), min: '0', max: '100' },
            summary: `Result ${i}\nwith ünïcode`,
          },
        });
      }
      await world.close();

      const env = { RC_CACHE: path, RC_URL: sb.url, RC_KEY: sb.apiKey };
      let killedMidSend = 0;
      for (let round = 0; round < KILLS; round++) {
        const child = spawnLineChild(CHILD, env);
        live.add(child);
        await child.next('started');
        // Kill after the 1st to 3rd request of this run left, while it is on the wire.
        const sends = 1 + Math.floor(Math.random() * 3);
        let sending = 0;
        try {
          for (; sending < sends; sending++) await child.next('sending', 10_000);
        } catch {
          // Nothing left to send: the kill lands on an idle child.
        }
        // A random moment into the request: before the sandbox got it, while it waits out its
        // latency, or after it answered but before the child stored the outcome.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 250));
        if (sending > 0 && last(child.seen)?.event === 'sending') killedMidSend++;
        await child.kill9();
        live.delete(child);
      }
      const final = spawnLineChild(CHILD, env);
      live.add(final);
      await final.next('done', 120_000);
      await final.kill9();
      live.delete(final);

      const cache = openWorkspaceCache(path);
      try {
        let duplicates = 0;
        let lost = 0;
        for (const o of orders) {
          const [job] = cache.results.jobsForOrder(o.account_id, o.id);
          const accepted = sb.inspect.results({ orderId: o.id }).filter((w) => w.status === 200);
          if (accepted.length === 0) lost++;
          for (const w of accepted) expect(w.bodyText).toBe(job!.body);
          expect(job!.state).toBe('sent');
          const log = cache.results.log({ orderId: o.id, offset: 0, limit: 100 }).rows;
          const unknown = log.filter((r) => r.outcome === 'unknown').length;
          // Every extra delivery follows an attempt whose outcome the desk could not know.
          expect(accepted.length - 1, `duplicates of ${o.id}`).toBeLessThanOrEqual(unknown);
          duplicates += accepted.length - 1;
          expect(cache.orders.getRow(o.account_id, o.id)!.status).toBe('sent');
        }
        const unknownAttempts = cache.results.log({
          outcome: 'unknown',
          offset: 0,
          limit: 500,
        }).total;
        console.log(
          `results crash test: ${KILLS} kills (${killedMidSend} mid-send), ${RESULTS} results, ` +
            `lost results: ${lost}, duplicate PATCHes: ${duplicates} (attempts with unknown outcome: ${unknownAttempts})`,
        );
        expect(lost).toBe(0);
        expect(killedMidSend).toBeGreaterThanOrEqual(KILLS / 2);
      } finally {
        cache.close();
      }
    },
  );
});
