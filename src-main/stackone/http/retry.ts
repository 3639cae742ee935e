/**
 * Retry policy for StackOne calls.
 *
 * What is retried: 408 (StackOne's 60 s lifetime ran out, usually a slow or rate-limited ATS),
 * 429 (StackOne's own limit), 5xx except 501 (501 means "this ATS does not support it", which
 * will not change), network failures and our own timeout.
 *
 * Which methods: only idempotent ones. GET is; DELETE is; PATCH is *here*, because the PATCHes
 * this app sends (a result, a package update) replace fields with the same values every time, so
 * sending one twice leaves the ATS in the same state. POST (package create) is not: StackOne has no
 * idempotency key, so a 408/5xx/network failure may still have created the package, and a retry
 * would create a duplicate. Such failures surface as StackOneOutcomeUnknownError instead.
 *
 * How long: full-jitter exponential backoff (a uniform draw in [0, min(cap, base·2^(n-1))]), but
 * never sooner than `Retry-After` says, within a bounded number of attempts and total time. If
 * `Retry-After` asks for more than the time left, we give up at once and hand the error (with its
 * `retryAfterMs`) to the caller, whose own scheduler (sync loop, outbox) waits instead.
 */

export interface RetryPolicy {
  /** Attempts in total, including the first. 1 disables retries. */
  maxAttempts: number;
  /** No retry is started if it would begin later than this after the first attempt began. */
  maxElapsedMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  maxElapsedMs: 3 * 60_000,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

export const NO_RETRY: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 };

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH']);

export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501);
}

/**
 * For a non-idempotent call, does this failed status leave the outcome unknown? 408 and 5xx can
 * come after StackOne or the ATS already acted. 429 does not: it is StackOne's rate limiter
 * refusing the call before doing anything (provider 429s come back as 408, API-NOTES §6).
 */
export function leavesOutcomeUnknown(status: number): boolean {
  return status === 408 || status >= 500;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** asctime: `Sun Nov  6 08:49:37 1994`, which carries no zone. */
const ASCTIME = /^[a-z]{3} ([a-z]{3}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/i;

/**
 * An HTTP-date as epoch ms, or NaN. RFC 9110 §5.6.7: all three forms are GMT. Date.parse reads
 * IMF-fixdate and the obsolete RFC 850 form (both say "GMT"), but it would read the zone-less
 * asctime form in the machine's local time, hours off; so that form is read here, as UTC.
 */
function parseHttpDate(text: string): number {
  const asctime = ASCTIME.exec(text);
  if (!asctime) return Date.parse(text);
  const [, month, day, hh, mm, ss, year] = asctime as unknown as string[];
  const m = MONTHS.indexOf((month as string).toLowerCase());
  if (m < 0) return NaN;
  return Date.UTC(Number(year), m, Number(day), Number(hh), Number(mm), Number(ss));
}

/**
 * `Retry-After` as milliseconds: either delta-seconds ("60", tolerated: "1.5") or an HTTP date
 * in any of its three forms. A date in the past means "now" (0). Unparseable or absent → null.
 * The one Retry-After reader of the desk (StackOne client and gateway client).
 */
export function parseRetryAfter(value: string | null, nowMs: number = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  // Every HTTP-date form names the month in letters; without this, Date.parse reads "-5" as a year.
  if (!/[a-z]{3}/i.test(text)) return null;
  const at = parseHttpDate(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/** Full jitter: uniform in [0, min(cap, base·2^(attempt-1))]; `attempt` counts from 1. */
export function fullJitterDelay(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** The wait before the next attempt: the jittered backoff, raised to `Retry-After` if that is later. */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | null,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  return Math.max(fullJitterDelay(attempt, policy, random), retryAfterMs ?? 0);
}
