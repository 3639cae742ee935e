/**
 * One timer that wakes a durable queue at the earliest time a waiting job may run again. Each
 * `set` replaces the last; it never keeps the process alive.
 */
export class WakeTimer {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly wake: () => void) {}

  /** Wakes at `at` (an ISO time; past or now: at once), or never when null. */
  set(at: string | null, nowMs: number): void {
    this.clear();
    if (at === null) return;
    const delay = Math.max(0, Date.parse(at) - nowMs);
    // setTimeout takes at most 2^31-1 ms; the few ms more land after the job's time, not before.
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.wake();
      },
      Math.min(delay, 2 ** 31 - 1) + 5,
    );
    this.timer.unref();
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
