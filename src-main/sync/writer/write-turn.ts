/**
 * The cache's write lock handed between the main thread and the sync's writer worker.
 *
 * The worker keeps a group transaction open for up to `groupMaxMs` (500 ms) while a sync runs, and
 * a write on the main connection meanwhile (a coordinator changing due times; later, results)
 * would wait for it synchronously, on busy_timeout, with the event loop blocked. With a turn, the
 * main thread says it wants to write (a counter in shared memory); the worker commits its group
 * after the batch in hand (or at once, when it was only lingering) and opens no new group until the
 * main thread's write is done. The main thread's wait is then one batch plus SQLite's busy-handler
 * step, instead of the rest of a group.
 *
 * Two Int32s in a SharedArrayBuffer:
 * - WANTED: the number of main-thread writes waiting or running. Only the main thread changes it;
 *   the worker reads it and waits on it (Atomics.wait / waitAsync).
 * - HELD: 1 while the worker has a transaction open. Only the worker changes it; the main thread
 *   waits on it before its own BEGIN IMMEDIATE, and so wakes the moment the group commits (SQLite's
 *   busy handler alone sleeps in steps of up to 100 ms and would add tens of ms to every wait).
 */
const WANTED = 0;
const HELD = 1;

export class WriteTurn {
  private readonly cell: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(8)) {
    this.cell = new Int32Array(buffer);
  }

  /**
   * Main thread: a write on its connection is about to start; waits (at most `maxWaitMs`) until
   * the worker's open group, if any, has committed. Call the result when the write is done.
   */
  request(maxWaitMs = 5_000): () => void {
    Atomics.add(this.cell, WANTED, 1);
    // Wakes a worker that is lingering with an open group (see whenWanted).
    Atomics.notify(this.cell, WANTED);
    // Past the bound, BEGIN IMMEDIATE's own busy_timeout still applies.
    this.waitWhile(HELD, (held) => held === 1, maxWaitMs);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      Atomics.sub(this.cell, WANTED, 1);
      Atomics.notify(this.cell, WANTED);
    };
  }

  /** Worker: does the main thread want the lock? */
  wanted(): boolean {
    return Atomics.load(this.cell, WANTED) > 0;
  }

  /** Worker: it opened (true) or ended (false) its transaction. */
  held(open: boolean): void {
    Atomics.store(this.cell, HELD, open ? 1 : 0);
    if (!open) Atomics.notify(this.cell, HELD);
  }

  /**
   * Worker: blocks until no main-thread write waits or runs, for at most `maxMs` (a main thread
   * that died mid-write must not stop the sync for good). Returns false if it gave up.
   */
  waitUntilFree(maxMs: number): boolean {
    return this.waitWhile(WANTED, (wanted) => wanted > 0, maxMs);
  }

  /** Blocks while cell `index` holds a value `busy` accepts, at most `maxMs`; false if it gave up. */
  private waitWhile(index: number, busy: (value: number) => boolean, maxMs: number): boolean {
    const deadline = performance.now() + maxMs;
    for (
      let seen = Atomics.load(this.cell, index);
      busy(seen);
      seen = Atomics.load(this.cell, index)
    ) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(this.cell, index, seen, left);
    }
    return true;
  }

  /**
   * Worker: resolves true once the main thread wants the lock, false after `maxMs` or `cancel`.
   * For a group that lingers open on an idle queue: a timer alone would hold the lock until the
   * group's time is up.
   */
  whenWanted(maxMs: number): { done: Promise<boolean>; cancel: () => void } {
    const deadline = performance.now() + maxMs;
    let cancelled = false;
    const watch = async (): Promise<boolean> => {
      for (;;) {
        if (this.wanted()) return true;
        const left = deadline - performance.now();
        if (cancelled || left <= 0) return false;
        // Settles when request() or cancel() notifies, or when the time is up.
        const wait = Atomics.waitAsync(this.cell, WANTED, 0, left);
        if (wait.async) await wait.value;
      }
    };
    return {
      done: watch(),
      cancel: () => {
        cancelled = true;
        Atomics.notify(this.cell, WANTED);
      },
    };
  }
}
