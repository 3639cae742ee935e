import { StackOneUnexpectedResponseError, type RequestSummary } from './errors';

/**
 * Cursor paging as StackOne documents it (API-NOTES §3): send `next` from the previous page and
 * stop only when `next` is null, absent or blank. A page shorter than `page_size` (even an empty
 * one) with a cursor is normal ("early cursor return") and must NOT end the listing, or records
 * are silently missed. The caller keeps the same `page_size` and filters for the whole sequence.
 */
export interface RawPage {
  /** 0-based position of the page in this listing. */
  index: number;
  /** The page's `data` entries, untouched. */
  records: unknown[];
  /** The cursor for the following page, or null on the last page. */
  next: string | null;
}

/** Fetches one page body given the cursor (undefined for the first page). */
export type PageFetcher = (cursor: string | undefined) => Promise<unknown>;

/**
 * An empty early page may hand back the cursor it was called with ("nothing yet, ask again from
 * here"): that is progress-free but legal, so it is allowed a bounded number of times in a row.
 * Returning to an *older* cursor, though, would serve records again or page forever.
 */
export const MAX_STALLED_PAGES = 20;

export async function* paginateCursor(
  fetchPage: PageFetcher,
  request: RequestSummary,
): AsyncGenerator<RawPage, void, undefined> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  let stalled = 0;
  for (let index = 0; ; index += 1) {
    const body = await fetchPage(cursor);
    if (
      typeof body !== 'object' ||
      body === null ||
      !Array.isArray((body as { data?: unknown }).data)
    ) {
      throw new StackOneUnexpectedResponseError(request, 'a list page without a `data` array.');
    }
    const { data, next } = body as { data: unknown[]; next?: unknown };
    const nextCursor = typeof next === 'string' && next.trim() !== '' ? next : null;
    yield { index, records: data, next: nextCursor };
    if (nextCursor === null) return;
    if (nextCursor === cursor) {
      stalled += 1;
      if (stalled > MAX_STALLED_PAGES) {
        throw new StackOneUnexpectedResponseError(
          request,
          `the list cursor stopped advancing (${stalled} pages in a row).`,
        );
      }
    } else {
      if (seen.has(nextCursor)) {
        throw new StackOneUnexpectedResponseError(
          request,
          'the list cursor went back to an earlier page.',
        );
      }
      stalled = 0;
    }
    seen.add(nextCursor);
    cursor = nextCursor;
  }
}
