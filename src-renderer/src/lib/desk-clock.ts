/**
 * The instant the renderer's reads measure "overdue" against. Reads that send the same instant
 * agree on which orders are overdue: the queue's pages, its chip counts, the sidebar badge. A new
 * instant is taken once the last one is DESK_CLOCK_REUSE_MS old, or when a caller needs a fresh
 * one (a refresh after the data changed).
 */
export const DESK_CLOCK_REUSE_MS = 30_000;

let last: Date | null = null;

export function deskNow(options: { fresh?: boolean; at?: () => number } = {}): Date {
  const now = (options.at ?? Date.now)();
  if (
    options.fresh ||
    last === null ||
    now - last.getTime() >= DESK_CLOCK_REUSE_MS ||
    now < last.getTime()
  ) {
    last = new Date(now);
  }
  return last;
}

export function deskNowIso(options: { fresh?: boolean } = {}): string {
  return deskNow(options).toISOString();
}

/** Tests start from no shared instant. */
export function forgetDeskClock(): void {
  last = null;
}
