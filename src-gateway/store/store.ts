import type { CatalogPackageInput, Catalog, EventFlag, FeedOrder } from '../../src-shared/gateway';

/**
 * The gateway's storage, kept narrow so that a PostgreSQL implementation can sit beside the SQLite
 * one. Contracts every implementation must keep:
 *
 * - `appendEvent` resolves only once the event is durably committed; the webhook route answers 2xx
 *   after that and not before.
 * - `dedupeKey` is unique: a second append with the same key stores nothing new and reports
 *   `duplicate` with the first event's `seq`.
 * - `seq` increases with commit order and a reader never sees seq N+1 before N is visible, even
 *   with several instances appending to one database (PostgreSQL: appends serialise on an
 *   advisory lock, since identity values can otherwise commit out of order; README "Several
 *   instances").
 */

/** What the webhook route knows about one delivery. */
export interface NewInboxEvent {
  receivedAt: string;
  contentType: string | null;
  /** The exact bytes received. */
  rawBody: Uint8Array;
  eventId: string | null;
  eventType: string | null;
  accountId: string | null;
  order: FeedOrder | null;
  flag: EventFlag | null;
}

export interface InboxEvent extends NewInboxEvent {
  seq: number;
  dedupeKey: string;
  deliveries: number;
}

export interface AppendResult {
  status: 'inserted' | 'duplicate';
  seq: number;
}

export interface GatewayStore {
  /** Random id of this inbox, fixed at creation; binds feed cursors to it. */
  readonly inboxId: string;
  appendEvent(dedupeKey: string, event: NewInboxEvent): Promise<AppendResult>;
  /** Events with seq > afterSeq, ascending, at most `limit`. */
  readEvents(afterSeq: number, limit: number): Promise<InboxEvent[]>;
  /** Replaces the whole catalog; packages keep their updatedAt unless they changed. */
  putCatalog(packages: readonly CatalogPackageInput[], publishedAt: string): Promise<Catalog>;
  getCatalog(): Promise<Catalog>;
  /** Commits anything pending, then releases the database. */
  close(): Promise<void>;
}
