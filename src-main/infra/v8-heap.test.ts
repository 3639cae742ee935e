import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * In a fresh Node process (V8 flags are process-wide): bursts of allocations, with the event loop
 * turning between them, where part of each batch survives a few scavenges, as a sync's pages do.
 * Prints the largest new space seen.
 */
function largestNewSpaceMb(keepSmall: boolean): number {
  const module = new URL('./v8-heap.ts', import.meta.url).href;
  const script = `
    const v8 = await import('node:v8');
    if (${keepSmall}) (await import(${JSON.stringify(module)})).keepYoungGenerationSmall();
    const keep = [];
    let max = 0;
    for (let round = 0; round < 60; round++) {
      await new Promise((resolve) => setImmediate(resolve));
      const batch = [];
      for (let i = 0; i < 20000; i++) batch.push({ id: 'r' + round + ':' + i, raw: JSON.parse('{"a":[1,2,3]}') });
      keep.push(batch);
      if (keep.length > 6) keep.shift();
      const ns = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      max = Math.max(max, ns.space_size);
    }
    process.stdout.write(String(max / 1048576));`;
  return Number(
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    }),
  );
}

describe('keepYoungGenerationSmall', () => {
  it('caps new space while the process runs (V8 honours the growth factor at runtime)', () => {
    // If a Node or Electron upgrade stopped honouring the flag at runtime, the desk's memory would
    // grow back by ~150 MB during a sync and this fails (on machines where V8's default lets new
    // space grow past 48 MB, i.e. any with a few GB of memory). The cap is 16 MB; growth steps
    // between two GC callbacks may overshoot it (measured up to ~38 MB).
    const kept = largestNewSpaceMb(true);
    expect(kept).toBeLessThanOrEqual(48);
    expect(kept).toBeLessThanOrEqual(largestNewSpaceMb(false));
  });
});
