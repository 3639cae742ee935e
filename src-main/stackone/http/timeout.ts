/**
 * StackOne keeps a request alive for 60 s and then answers 408 itself (API-NOTES §6), so the
 * client's own deadline must be longer, or we would cut off answers StackOne is about to give.
 */
export const DEFAULT_TIMEOUT_MS = 75_000;

export interface AttemptSignal {
  /** Aborts when the caller aborts or the deadline passes. */
  signal: AbortSignal;
  /** True once the deadline (not the caller) caused the abort. */
  timedOut(): boolean;
  /** Clears the deadline timer; call when the attempt is over. */
  dispose(): void;
}

/** One deadline per attempt, combined with the caller's signal. */
export function attemptSignal(caller: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  const deadline = new AbortController();
  let fired = false;
  const timer = setTimeout(() => {
    fired = true;
    deadline.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  const signal = caller ? AbortSignal.any([caller, deadline.signal]) : deadline.signal;
  return {
    signal,
    timedOut: () => fired && !caller?.aborted,
    dispose: () => clearTimeout(timer),
  };
}
