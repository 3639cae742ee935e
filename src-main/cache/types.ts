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

/** A record as the cache hands it out: indexed columns plus the raw JSON, parsed. */
export interface CachedRecord {
  accountId: string;
  id: string;
  updatedAt: string | null;
  /** StackOne answered 404 for this id: show "Not found in the ATS", not blanks. */
  missing: boolean;
  syncedAt: string;
  raw: unknown;
}

export interface Candidate extends CachedRecord {
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  emails: string[];
}

export interface Application extends CachedRecord {
  candidateId: string | null;
  jobId: string | null;
  status: string | null;
  stageName: string | null;
}

export interface Job extends CachedRecord {
  title: string | null;
  code: string | null;
  status: string | null;
}

export interface JobPosting extends CachedRecord {
  jobId: string | null;
  title: string | null;
  status: string | null;
  internal: string | null;
}

export interface Package extends CachedRecord {
  kind: OrderKind;
  name: string | null;
  description: string | null;
}

export interface LinkedAccount {
  id: string;
  name: string;
  provider: string;
}

/** An order as the queue shows it. */
export interface OrderSummary {
  accountId: string;
  id: string;
  kind: OrderKind;
  status: OrderStatus | string;
  receivedAt: string;
  dueAt: string;
  packageId: string | null;
  packageName: string | null;
  candidateId: string | null;
  candidateName: string | null;
  candidateEmail: string | null;
  jobId: string | null;
  jobTitle: string | null;
  applicationId: string | null;
  accountName: string | null;
  accountProvider: string | null;
}

export interface OrderHistoryEntry {
  at: string;
  event: string;
  detail: string | null;
  data: unknown;
}

export interface OrderDetail extends OrderSummary {
  remoteId: string | null;
  eventId: string | null;
  resultsUpdateUrl: string | null;
  updatedAt: string;
  rawEvent: unknown;
  candidate: Candidate | null;
  application: Application | null;
  job: Job | null;
  package: Package | null;
  history: OrderHistoryEntry[];
}

/** Counts of a bulk upsert: `written` rows were inserted or changed, the rest were unchanged. */
export interface UpsertResult {
  received: number;
  written: number;
}
