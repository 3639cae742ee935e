import type { z } from 'zod';
import type {
  CachedRecordSchema,
  OrderDetail as ContractOrderDetail,
  OrderHistoryEntrySchema,
} from '../../src-shared/contract/records';
import type { OrderKind, OrderStatus } from './order-status';

/**
 * What the sync engine hands the cache. These are the cache's own shapes (not the StackOne client's
 * zod types) so that the cache does not change when the wire parsing does. `raw` is the record as
 * received; it is stored as JSON beside the indexed columns. `updatedAt` is StackOne's `updated_at`
 * (opaque text compared for equality, to skip unchanged rows).
 */
interface RecordBase {
  accountId: string;
  id: string;
  updatedAt: string | null;
  raw: unknown;
}

export interface LinkedAccountInput {
  id: string;
  name: string;
  provider: string;
}

export interface OrderInput {
  accountId: string;
  id: string;
  kind: OrderKind;
  remoteId?: string | null;
  /** When the gateway received the event (ISO-8601). Due time counts from here. */
  receivedAt: string;
  eventId: string | null;
  packageId: string | null;
  candidateId: string | null;
  applicationId: string | null;
  jobId: string | null;
  resultsUpdateUrl?: string | null;
  /** Names carried by the event itself; a cached candidate / job / package row wins over them. */
  packageName?: string | null;
  candidateName?: string | null;
  candidateEmail?: string | null;
  jobTitle?: string | null;
  /** The webhook event as received. */
  rawEvent: unknown;
  /** When the event was last (re)delivered or changed; part of the unchanged check. */
  updatedAt: string;
  /** Local status for a new order; never overwrites the status of an order already cached. */
  initialStatus?: OrderStatus;
}

export interface CandidateInput extends RecordBase {
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  emails: string[];
}

export interface ApplicationInput extends RecordBase {
  candidateId: string | null;
  jobId: string | null;
  status: string | null;
  stageName: string | null;
}

export interface JobInput extends RecordBase {
  title: string | null;
  code: string | null;
  status: string | null;
}

export interface JobPostingInput extends RecordBase {
  jobId: string | null;
  title: string | null;
  status: string | null;
  internal: string | null;
}

export interface PackageInput extends RecordBase {
  name: string | null;
  description: string | null;
}

/**
 * Records as the cache hands them out (indexed columns plus the raw JSON, parsed) are the IPC
 * contract's shapes (src-shared/contract/records.ts); an order's detail has no overdue flag here,
 * since that depends on the caller's clock.
 */
export type {
  Application,
  Candidate,
  Job,
  JobPosting,
  OrderSummary,
  Package,
} from '../../src-shared/contract/records';
export type CachedRecord = z.infer<typeof CachedRecordSchema>;
export type OrderHistoryEntry = z.infer<typeof OrderHistoryEntrySchema>;
export type OrderDetail = Omit<ContractOrderDetail, 'overdue'>;

export interface LinkedAccount {
  id: string;
  name: string;
  provider: string;
}

/** Counts of a bulk upsert: `written` rows were inserted or changed, the rest were unchanged. */
export interface UpsertResult {
  received: number;
  written: number;
}
