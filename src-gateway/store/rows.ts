import type { CatalogRecord, FeedOrder, FlagReason, MappingRecord } from '../../src-shared/gateway';
import type { InboxEvent } from './store';

/**
 * The gateway's rows as both stores read them, and their mapping to the store's records. The
 * schemas are the same on SQLite and PostgreSQL; PostgreSQL hands BIGINT columns back as strings,
 * hence `Number()` on every counter (a no-op on SQLite's numbers).
 */

export interface EventRow {
  seq: number | string;
  dedupe_key: string;
  received_at: string;
  deliveries: number;
  content_type: string | null;
  raw_body: Buffer;
  event_id: string | null;
  event_type: string | null;
  account_id: string | null;
  order_json: string | null;
  flag_reason: string | null;
  flag_detail: string | null;
}

/** The columns `EventRow` reads, in one place for both stores' feed query. */
export const EVENT_COLUMNS = `seq, dedupe_key, received_at, deliveries, content_type, raw_body,
  event_id, event_type, account_id, order_json, flag_reason, flag_detail`;

export const toEvent = (r: EventRow): InboxEvent => ({
  seq: Number(r.seq),
  dedupeKey: r.dedupe_key,
  receivedAt: r.received_at,
  deliveries: Number(r.deliveries),
  contentType: r.content_type,
  rawBody: r.raw_body,
  eventId: r.event_id,
  eventType: r.event_type,
  accountId: r.account_id,
  order: r.order_json ? (JSON.parse(r.order_json) as FeedOrder) : null,
  flag:
    r.flag_reason !== null
      ? { reason: r.flag_reason as FlagReason, detail: r.flag_detail ?? '' }
      : null,
});

export interface PackageRow {
  id: string;
  name: string;
  description: string | null;
  updated_at: string;
}

export interface EntryRow {
  id: string;
  name: string;
  description: string | null;
  type: string | null;
  turnaround_hours: number | string | null;
  archived: number | string;
  version: number | string;
  updated_at: string;
  updated_by: string | null;
}

export const toEntry = (r: EntryRow): CatalogRecord => ({
  id: r.id,
  name: r.name,
  description: r.description,
  type: r.type,
  turnaroundHours: r.turnaround_hours === null ? null : Number(r.turnaround_hours),
  archived: Number(r.archived) === 1,
  version: Number(r.version),
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

export interface MappingRow {
  account_id: string;
  target: MappingRecord['target'];
  target_id: string;
  package_id: string | null;
  version: number | string;
  updated_at: string;
  updated_by: string | null;
}

export const toMapping = (r: MappingRow): MappingRecord => ({
  accountId: r.account_id,
  target: r.target,
  targetId: r.target_id,
  packageId: r.package_id,
  version: Number(r.version),
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});
