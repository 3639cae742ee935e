import type {
  CatalogPackageInput,
  Catalog,
  CatalogEntriesPage,
  CatalogEntryWrite,
  CatalogRecord,
  EventFlag,
  FeedOrder,
  MappingRecord,
  MappingsPage,
  MappingWrite,
  WriteOutcome,
} from '../../src-shared/gateway';

/**
 * The gateway's storage, kept narrow so that a PostgreSQL implementation can sit beside the SQLite
 * one. Contracts every implementation must keep:
 *
 * - `appendEvent` resolves only once the event is durably committed; the webhook route answers 2xx
 *   after that and not before.
 * - `dedupeKey` is unique: a second append with the same key stores nothing new and reports
 *   `duplicate` with the first event's `seq`.
 * - `seq` increases with commit order and a reader never sees seq N+1 before N is visible (for
 *   PostgreSQL: serialise appends, since sequence values can commit out of order).
 * - Catalog entries and mappings (team records): a write applies only when `baseVersion` equals
 *   the stored version (0 = no record yet), atomically with that check; it sets version + 1 and
 *   stamps the record with the next revision of its kind (one counter for catalog entries, one
 *   for mappings, each increasing with commit order like `seq`). Otherwise nothing changes and the outcome is `conflict` with
 *   the stored record.
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
  /** Catalog entries written after `afterRevision` (all with 0), and the current revision. */
  readCatalogEntries(afterRevision: number): Promise<CatalogEntriesPage>;
  writeCatalogEntry(
    id: string,
    write: CatalogEntryWrite,
    at: string,
    by: string | null,
  ): Promise<WriteOutcome<CatalogRecord>>;
  /** Mappings written after `afterRevision` (cleared ones included), and the current revision. */
  readMappings(afterRevision: number): Promise<MappingsPage>;
  /** Each write checked and applied on its own, all in one transaction; outcomes in input order. */
  writeMappings(
    writes: readonly MappingWrite[],
    at: string,
    by: string | null,
  ): Promise<WriteOutcome<MappingRecord>[]>;
  /** Commits anything pending, then releases the database. */
  close(): Promise<void>;
}
