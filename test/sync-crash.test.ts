import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cacheCounts,
  cachePath,
  sandboxCounts,
  startSyncWorld,
  workspaceDraft,
  type SyncWorld,
} from './testing/sync-world';
import { spawnLineChild, type LineChild } from './testing/line-child';

/**
 * Acceptance: a child process running the desk core is SIGKILLed during a large sync, 20 times.
 * After each kill the cache passes `PRAGMA integrity_check`, and the next child's sync completes
 * with the sandbox's full counts (no cursor or high-water mark ran ahead of its data). Between
 * rounds, a burst of new orders (with new candidates and applications) gives every child a large
 * sync to be killed in; the kill lands at a random progress report of that sync.
 */

const CHILD = fileURLToPath(new URL('./testing/sync-crash-child.ts', import.meta.url));
const KILLS = 20;
const BURST = 200;

const live = new Set<LineChild>();

function spawnChild(env: Record<string, string>): LineChild {
  const child = spawnLineChild(CHILD, env);
  live.add(child);
  void child.exited.then(() => live.delete(child));
  return child;
}

function integrity(path: string): string {
  const db = new Database(path);
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

describe('sync crash safety', () => {
  let world: SyncWorld;
  let dir: string;

  beforeAll(async () => {
    world = await startSyncWorld({ orders: 900, accounts: 3, seed: 'sync-crash' });
    dir = mkdtempSync(join(tmpdir(), 'desk-sync-crash-'));
  });
  afterAll(async () => {
    for (const child of live) child.process.kill('SIGKILL');
    await world?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`survives ${KILLS} SIGKILLs during large syncs`, { timeout: 180_000 }, async () => {
    const env = {
      CRASH_USER_DATA: dir,
      CRASH_API_KEY: world.sandbox.apiKey,
      CRASH_FEED_TOKEN: world.feedToken,
      CRASH_DRAFT: JSON.stringify(workspaceDraft(world, 'Crash test')),
    };
    let child = spawnChild(env);
    const workspaceId = String((await child.next('workspace')).id);
    const path = cachePath(dir, workspaceId);
    let midSync = 0;

    for (let round = 0; round < KILLS; round++) {
      // Round 0 kills the first (full) sync; later rounds the sync of a burst of new orders.
      child.clear();
      const burst =
        round === 0 ? null : world.sandbox.inspect.webhooks.fireBurst(BURST, { concurrency: 16 });
      const reports = 1 + Math.floor(Math.random() * 6);
      // The first report proves the burst's sync is committing. A burst may be stored in fewer
      // batches than drawn, so later reports are awaited briefly: if the sync ends first, the kill
      // lands where it is (the midSync count below keeps the test honest about it).
      await child.next('progress');
      for (let i = 1; i < reports; i++) {
        try {
          await child.next('progress', 2_000);
        } catch {
          break;
        }
      }
      const wasRunning = child.last('status')?.state === 'running';
      await child.kill9();
      if (wasRunning) midSync++;

      expect(integrity(path), `integrity after kill ${round + 1}`).toBe('ok');
      if (burst) expect((await burst.done).failed).toBe(0);

      child = spawnChild({ ...env, CRASH_WORKSPACE_ID: workspaceId });
      await child.next('synced', 60_000);
      expect(cacheCounts(path), `counts after kill ${round + 1}`).toEqual(
        sandboxCounts(world.sandbox),
      );
    }
    await child.kill9();
    // The kills must have hit syncs in flight, not idle children.
    expect(midSync).toBeGreaterThanOrEqual(KILLS / 2);
  });
});
