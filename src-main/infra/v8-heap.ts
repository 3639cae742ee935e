import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** V8's own default growth factor for new space (each growth doubles it). */
const DEFAULT_GROWTH_FACTOR = 2;

/**
 * Keeps V8's young generation (new space) at or under `capMb` in the desk's process.
 *
 * V8 sizes the young generation from the machine's memory: on a 16–24 GB machine a busy sync grows
 * new space to 128 MB (plus large-object space behind it), and a long-lived desk process keeps it.
 * Measured with `npm run bench:sync` (2026-11-28): peak RSS 434 MB at 20k orders and 467 MB at 100k
 * by default. With growth stopped outright RSS fell to 261 / 316 MB, but at 100k new space stayed at
 * 3 MB and the main thread and the GC thread spent ~25% and ~100% more CPU; a 16 MB cap keeps the
 * scavenges as cheap as the default's while the memory stays bounded.
 *
 * `--max-semi-space-size` would be the clean switch, but V8 reads it only when the process starts
 * and Electron's main process takes no V8 flags from the app itself. The growth factor, by
 * contrast, is read at every scavenge: after each garbage collection new space may grow (factor 2)
 * while it is under the cap and not once it reached it. Scavenges between two callbacks can
 * overshoot the cap (measured: up to ~38 MB for a 16 MB cap, against 128 MB uncapped).
 *
 * Call once, first thing, from an entry point (the Electron shell, the preview CLI, the benches that
 * stand in for the desk's process); never from library code. Returns a function that stops it.
 */
export function keepYoungGenerationSmall(capMb = 16): () => void {
  const cap = capMb * 1024 * 1024;
  let growing: boolean | null = null;
  const steer = () => {
    const grow = newSpaceBytes() < cap;
    if (grow === growing) return;
    growing = grow;
    setFlagsFromString(`--semi-space-growth-factor=${grow ? DEFAULT_GROWTH_FACTOR : 1}`);
  };
  steer();
  const observer = new PerformanceObserver(steer);
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}

/** The young generation's current size in bytes (for the benches' reports). */
export function newSpaceBytes(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
}
