import { apiKeyFingerprint } from './auth';

/**
 * A client-side request budget per StackOne API key: at most `limit` requests start within any
 * window of `windowMs` (a sliding log of start times, so bursts at a window edge cannot double
 * the rate as a fixed window would). StackOne allows 1000 requests/min per key (API-NOTES §6);
 * the default of 900 leaves room for other users of the same key (a second desk, a script).
 *
 * Every attempt takes a slot, retries included. When the budget is spent, `acquire` waits (first
 * come, first served) instead of failing: a sync that runs into the budget just slows down.
 * `guardMs` holds each slot a little longer than the window, so that variations in network
 * latency cannot make the server see `limit + 1` requests inside one of its windows.
 */
export interface BudgetOptions {
  limit: number;
  windowMs: number;
  guardMs?: number;
}

export const DEFAULT_BUDGET: Required<BudgetOptions> = {
  limit: 900,
  windowMs: 60_000,
  guardMs: 250,
};

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class RequestBudget {
  readonly limit: number;
  readonly windowMs: number;
  readonly guardMs: number;
  /** Start times of the requests still inside the window, oldest first. */
  private readonly starts: number[] = [];
  private readonly waiters: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    options: BudgetOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(options.limit >= 1) || !(options.windowMs > 0)) {
      throw new RangeError('a request budget needs limit >= 1 and windowMs > 0');
    }
    this.limit = Math.floor(options.limit);
    this.windowMs = options.windowMs;
    this.guardMs = options.guardMs ?? 0;
  }

  /** Resolves when a request may start (its slot is taken); rejects if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.waiters.length === 0 && this.tryTake()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.waiters.indexOf(waiter);
          if (i !== -1) this.waiters.splice(i, 1);
          reject(signal?.reason);
          this.schedule();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
      this.schedule();
    });
  }

  /** Requests currently counted in the window (for status displays and tests). */
  inUse(): number {
    this.expire();
    return this.starts.length;
  }

  private expire(): void {
    const cutoff = this.now() - this.windowMs - this.guardMs;
    while (this.starts.length > 0 && (this.starts[0] ?? Infinity) <= cutoff) this.starts.shift();
  }

  private tryTake(): boolean {
    this.expire();
    if (this.starts.length >= this.limit) return false;
    this.starts.push(this.now());
    return true;
  }

  private pump(): void {
    this.timer = null;
    while (this.waiters.length > 0 && this.tryTake()) {
      const waiter = this.waiters.shift();
      if (!waiter) break;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.waiters.length === 0) return;
    const oldest = this.starts[0];
    const wait = oldest === undefined ? 0 : oldest + this.windowMs + this.guardMs - this.now();
    // +1 ms: timers may fire a hair early; pump() re-checks and re-arms anyway.
    this.timer = setTimeout(() => this.pump(), Math.max(0, Math.ceil(wait)) + 1);
  }
}

/**
 * One budget per API key for the whole process, so that every client built with the same key
 * (one per linked account, "test connection", the outbox) draws from the same allowance. Keyed by
 * a fingerprint of the key, never the key. The first caller's options win for a given key.
 */
const budgets = new Map<string, RequestBudget>();

export function budgetForApiKey(
  apiKey: string,
  options: BudgetOptions = DEFAULT_BUDGET,
): RequestBudget {
  const id = apiKeyFingerprint(apiKey);
  let budget = budgets.get(id);
  if (!budget) {
    budget = new RequestBudget(options);
    budgets.set(id, budget);
  }
  return budget;
}
