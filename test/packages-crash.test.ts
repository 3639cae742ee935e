import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspaceCache } from '../src-main/cache';
import { createCacheWriter } from '../src-main/sync/writer/cache-writer';
import { startSandbox, type RunningSandbox } from '../src-sandbox';
import { spawnLineChild, type LineChild } from './testing/line-child';

/**
 * Acceptance (issue 16): 20 background-check package creates, each with an injected ambiguous
 * outcome (the sandbox creates the package and drops the connection or answers 5xx), and the
 * package queue (in a child process) SIGKILLed at random points. Afterwards the sandbox has
 * exactly the 20 packages, none twice: a create whose outcome was unknown is matched in the
 * account's listing before it is ever sent again.
 */

const CHILD = fileURLToPath(new URL('./testing/packages-crash-child.ts', import.meta.url));
const CREATES = 20;
const KILLS = 8;
const NAME = (i: number) => `Crash package ${String(i).padStart(2, '0')}`;

describe('package queue crash safety', () => {
  let sb: RunningSandbox;
  let dir: string;
  const live = new Set<LineChild>();

  beforeAll(async () => {
    sb = await startSandbox({ seed: 16, accounts: [{ provider: 'workday' }], orders: 10 });
    // Slow answers keep requests on the wire long enough for the kills to land mid-send.
    sb.inspect.faults.set({ latencyMs: { min: 60, max: 180 } });
    dir = mkdtempSync(join(tmpdir(), 'desk-packages-crash-'));
  });
  afterAll(async () => {
    for (const child of live) await child.kill9();
    await sb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    `creates exactly ${CREATES} packages through ambiguous outcomes and ${KILLS} SIGKILLs`,
    { timeout: 240_000 },
    async () => {
      const accountId = sb.accounts[0]!.id;
      const before = sb.inspect.recordIds(accountId, 'background_check_packages').length;
      const path = join(dir, 'cache.sqlite');
      const cache = openWorkspaceCache(path);
      const writer = createCacheWriter(cache);
      for (let i = 0; i < CREATES; i++) {
        await writer.run('enqueuePackageJob', {
          job: {
            id: `job-${i}`,
            accountId,
            op: 'create',
            packageId: null,
            values: {
              name: NAME(i),
              description: i % 2 ? null : `Package ${i}, ünïcode`,
              tests: [{ name: 'Identity', description: null }],
            },
          },
          at: new Date().toISOString(),
        });
      }
      await writer.close();
      cache.close();

      const env = { PC_CACHE: path, PC_URL: sb.url, PC_KEY: sb.apiKey };
      let killedMidSend = 0;
      for (let round = 0; round < KILLS; round++) {
        // Every create's answer is lost (applied, then the connection dropped or a 5xx).
        sb.inspect.faults.set({
          ambiguousCreates: { count: CREATES, mode: round % 2 === 0 ? 'drop' : 503 },
        });
        const child = spawnLineChild(CHILD, env);
        live.add(child);
        await child.next('started');
        const sends = 1 + Math.floor(Math.random() * 3);
        let sending = 0;
        try {
          for (; sending < sends; sending++) await child.next('sending', 5_000);
        } catch {
          // Nothing left to send: the kill lands while it checks, or on an idle child.
        }
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 200));
        if (child.seen.at(-1)?.event === 'sending') killedMidSend++;
        await child.kill9();
        live.delete(child);
      }
      // Then every create loses its answer once more before the queue may finish.
      sb.inspect.faults.set({ ambiguousCreates: { count: CREATES, mode: 'drop' } });
      const final = spawnLineChild(CHILD, env);
      live.add(final);
      await final.next('done', 120_000).catch((e: unknown) => {
        console.log(final.seen.slice(-30));
        throw e;
      });
      await final.kill9();
      live.delete(final);

      const names = sb.inspect
        .recordIds(accountId, 'background_check_packages')
        .map(
          (id) =>
            (sb.inspect.record(accountId, 'background_check_packages', id) as { name: string })
              .name,
        )
        .filter((n) => n.startsWith('Crash package'));
      const creates = sb.inspect.packageWrites({ accountId }).filter((w) => w.op === 'create');
      console.log(
        `packages crash test: ${KILLS} kills (${killedMidSend} mid-send), ${creates.length} create requests for ${CREATES} packages`,
      );
      expect(new Set(names).size).toBe(names.length);
      expect(names.sort()).toEqual(Array.from({ length: CREATES }, (_, i) => NAME(i)));
      expect(sb.inspect.recordIds(accountId, 'background_check_packages').length).toBe(
        before + CREATES,
      );
      const check = openWorkspaceCache(path);
      try {
        const jobs = check.packageJobs.ofAccount(accountId, '0');
        expect(jobs.map((j) => j.state)).toEqual(Array(CREATES).fill('done'));
        expect(new Set(jobs.map((j) => j.packageId)).size).toBe(CREATES);
      } finally {
        check.close();
      }
    },
  );
});
