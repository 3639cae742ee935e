import type {
  CatalogPackageInput,
  Catalog,
  CatalogEntriesPage,
  CatalogEntryWrite,
  CatalogRecord,
  Claim,
  Coordinator,
  EventFlag,
  FeedOrder,
  MappingRecord,
  MappingWrite,
  MappingsPage,
  OrderRef,
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
 * - `seq` increases with commit order and a reader never sees seq N+1 before N is visible, even
 *   with several instances appending to one database (PostgreSQL: appends serialise on an
 *   advisory lock, since identity values can otherwise commit out of order; README "Several
 *   instances").
 * - `claimOrders` / `releaseOrders` change the claims and append their feed event (`teamEvent`)
 *   in one transaction, under the same ordering rule as `appendEvent`: a desk never sees a claim
 *   that is not stored, nor misses one that is.
 * - A revoked coordinator's token is refused from the next lookup on (no caching).
 * - Catalog entries and mappings (team records): a write applies only when `baseVersion` equals
 *   the stored version (0 = no record yet), atomically with that check; it sets version + 1 and
 *   stamps the record with the next revision of its kind (one counter for catalog entries, one
 *   for mappings, each increasing with commit order like `seq`). Otherwise nothing changes and
 *   the outcome is `conflict` with the stored record.
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

export interface CoordinatorRecord extends Coordinator {
  createdAt: string;
  revokedAt: string | null;
}

/** A feed event the gateway itself appends (see TEAM_EVENT_TYPES). */
export interface TeamEventRecord {
  dedupeKey: string;
  event: NewInboxEvent;
}

export interface ClaimOrdersInput {
  orders: readonly OrderRef[];
  by: Coordinator;
  at: string;
  expiresAt: string;
  /** Take claims held by others (the coordinator confirmed); false: refuse them. */
  takeover: boolean;
  /** The feed event announcing the new claims (not called on a conflict). */
  teamEvent: (claimed: { claims: Claim[]; takenFrom: Claim[] }) => TeamEventRecord;
}

export interface ReleaseOrdersInput {
  orders: readonly OrderRef[];
  by: Coordinator;
  at: string;
  /** The feed event announcing the release (not called when nothing was released). */
  teamEvent: (released: OrderRef[]) => TeamEventRecord;
}

/**
 * `claimed`: every order is now claimed by `by` (`takenFrom`: the claims that were someone
 * else's). `conflict`: nothing changed; `claims` are the live claims others hold.
 */
export type ClaimOutcome =
  | { status: 'claimed'; claims: Claim[]; takenFrom: Claim[] }
  | { status: 'conflict'; claims: Claim[] };

export interface GatewayStore {
  /** Random id of this inbox, fixed at creation; binds feed cursors to it. */
  readonly inboxId: string;
  appendEvent(dedupeKey: string, event: NewInboxEvent): Promise<AppendResult>;
  /** Events with seq > afterSeq, ascending, at most `limit`. */
  readEvents(afterSeq: number, limit: number): Promise<InboxEvent[]>;
  /** Replaces the whole catalog; packages keep their updatedAt unless they changed. */
  putCatalog(packages: readonly CatalogPackageInput[], publishedAt: string): Promise<Catalog>;
  getCatalog(): Promise<Catalog>;
  /** Stores a new coordinator; throws CoordinatorExistsError when an active one has the name. */
  addCoordinator(c: {
    id: string;
    name: string;
    tokenHash: string;
    createdAt: string;
  }): Promise<void>;
  /** Revokes the active coordinator of that name; false when there is none. */
  revokeCoordinator(name: string, at: string): Promise<boolean>;
  listCoordinators(): Promise<CoordinatorRecord[]>;
  /** The active (not revoked) coordinator whose token has this SHA-256 hex, or null. */
  coordinatorByTokenHash(tokenHash: string): Promise<Coordinator | null>;
  claimOrders(input: ClaimOrdersInput): Promise<ClaimOutcome>;
  /** Releases those of `orders` that `by` holds; answers them (nothing else changes). */
  releaseOrders(input: ReleaseOrdersInput): Promise<OrderRef[]>;
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

export class CoordinatorExistsError extends Error {
  constructor(name: string) {
    super(`a coordinator named "${name}" already exists; revoke it first or choose another name`);
    this.name = 'CoordinatorExistsError';
  }
}
