import { SandboxHttpError } from './errors';
import type { Collection } from './data/collection';

/**
 * Cursor pagination as StackOne does it: an opaque `next`, `page_size` default 25 and at most
 * 100, and early short pages that still carry a cursor.
 *
 * The cursor holds the last (stamp, id) served, not an offset: records added or changed between
 * two pages land after every cursor already handed out, so a client paging through never skips
 * or repeats a record that did not change.
 *
 * `page_size` above 100 is clamped to 100 rather than rejected: StackOne's docs only say "up to
 * 100", and a clamp keeps a client that asks for more working.
 */

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

interface CursorState {
  /** Stamp and id of the last record served ('' before the first). */
  s: string;
  i: string;
}

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorState {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as CursorState).s === 'string' &&
      typeof (parsed as CursorState).i === 'string'
    ) {
      return parsed as CursorState;
    }
  } catch {
    // fall through to the 400 below
  }
  throw new SandboxHttpError(
    400,
    'Invalid request: query parameter next is not a cursor this API issued',
  );
}

export function parsePageSize(raw: string | undefined | null): number {
  if (raw === undefined || raw === null || raw === '') return DEFAULT_PAGE_SIZE;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) {
    throw new SandboxHttpError(
      400,
      'Invalid request: query parameter page_size must be a positive integer',
    );
  }
  return Math.min(Number(raw), MAX_PAGE_SIZE);
}

/** Parses a client date-time into the canonical ISO form the stamps use, for comparisons. */
export function canonicalInstant(raw: string, field: string): string {
  const ms = Date.parse(raw);
  if (Number.isNaN(ms))
    throw new SandboxHttpError(
      400,
      `Invalid request: query parameter ${field} must be a date-time`,
    );
  return new Date(ms).toISOString();
}

export interface PageRequest<T> {
  pageSize: number;
  next?: string | null | undefined;
  /** Canonical ISO; records stamped strictly after it. */
  updatedAfter?: string | undefined;
  /** Extra predicate (created_after, job_id, email, …). */
  match?: ((record: T) => boolean) | undefined;
  /** When set, serve at most this many (may be 0) and still return a cursor if more remain. */
  shortPageSize?: number | null | undefined;
}

export interface Page<T> {
  records: T[];
  next: string | null;
}

export function paginate<T>(collection: Collection<T>, req: PageRequest<T>): Page<T> {
  const cursor = req.next ? decodeCursor(req.next) : { s: '', i: '' };
  let index = collection.indexAfter(cursor.s, cursor.i);
  if (req.updatedAfter) index = Math.max(index, collection.indexAfterStamp(req.updatedAfter));
  const limit = req.shortPageSize ?? req.pageSize;
  const records: T[] = [];
  let last: { s: string; i: string } = cursor;
  for (; index < collection.size && records.length < limit; index++) {
    const entry = collection.at(index);
    if (!entry) break;
    last = { s: entry.stamp, i: entry.id };
    if (req.match && !req.match(entry.record)) continue;
    records.push(entry.record);
  }
  // Look ahead for one more match, so the last page says `next: null` instead of leaving the
  // client to fetch an empty page.
  let more = false;
  for (; index < collection.size; index++) {
    const entry = collection.at(index);
    if (entry && (!req.match || req.match(entry.record))) {
      more = true;
      break;
    }
  }
  return { records, next: more ? encodeCursor(last) : null };
}
