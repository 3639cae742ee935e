import { z } from 'zod';
import { parseLenientDate } from './dates';

/**
 * Lenient checks of StackOne records. The app keeps each record's raw JSON beside a few indexed
 * columns, so only those columns are validated here, and only `id` can make a record invalid: a
 * record without a usable id cannot be stored, updated or linked. Every other field degrades to
 * null (or an empty list) when it is missing or odd, because one ATS's quirk must not throw away
 * a page of otherwise good records. Field names stay snake_case, as on the wire and in the raw JSON.
 */

// ---- lenient building blocks -------------------------------------------------------------------

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return null;
}

function toId(value: unknown): string | null {
  const text =
    typeof value === 'number' ? toText(value) : typeof value === 'string' ? value.trim() : null;
  return text ? text : null;
}

/** Record ids: strings, tolerating numeric ids from ATSs that use integers. */
const requiredId = z.unknown().transform((value, ctx) => {
  const id = toId(value);
  if (id === null) {
    ctx.addIssue({ code: 'custom', message: 'a non-empty string id is required' });
    return z.NEVER;
  }
  return id;
});

const text = z
  .unknown()
  .optional()
  .transform((v) => toText(v));
const optionalId = z
  .unknown()
  .optional()
  .transform((v) => toId(v));
const date = z
  .unknown()
  .optional()
  .transform((v) => parseLenientDate(v));
const idList = z
  .unknown()
  .optional()
  .transform((v) =>
    Array.isArray(v) ? v.map(toId).filter((id): id is string => id !== null) : [],
  );

/** StackOne's enum wrapper `{ value, source_value }`; unknown values pass through as text. */
const enumValue = z
  .unknown()
  .optional()
  .transform((v) =>
    isObject(v) ? { value: toText(v.value), source_value: toText(v.source_value) } : null,
  );

/** A nested object whose own fields are all lenient: anything not an object becomes null. */
function lenientObject<S extends z.ZodRawShape>(shape: S) {
  const schema = z.object(shape);
  return z
    .unknown()
    .optional()
    .transform((v) => {
      const parsed = schema.safeParse(v);
      return parsed.success ? parsed.data : null;
    });
}

/** A list of lenient objects; entries that are not objects are dropped. */
function lenientList<S extends z.ZodRawShape>(shape: S) {
  const schema = z.object(shape);
  return z
    .unknown()
    .optional()
    .transform((v) => {
      if (!Array.isArray(v)) return [];
      return v.flatMap((item) => {
        const parsed = schema.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      });
    });
}

const emails = z
  .unknown()
  .optional()
  .transform((v) => {
    if (!Array.isArray(v)) return [];
    return v.flatMap((item) => {
      if (!isObject(item)) return [];
      const value = toText(item.value);
      return value ? [{ type: toText(item.type), value }] : [];
    });
  });

// ---- record schemas ----------------------------------------------------------------------------

export const candidateRecord = z.object({
  id: requiredId,
  remote_id: optionalId,
  name: text,
  first_name: text,
  last_name: text,
  email: text,
  emails,
  company: text,
  title: text,
  application_ids: idList,
  hired_at: date,
  created_at: date,
  updated_at: date,
});

export const applicationRecord = z.object({
  id: requiredId,
  remote_id: optionalId,
  candidate_id: optionalId,
  job_id: optionalId,
  application_status: enumValue,
  application_stage: lenientObject({ id: optionalId, name: text }),
  application_stage_id: optionalId,
  candidate: lenientObject({ name: text, first_name: text, last_name: text, email: text }),
  rejected_at: date,
  created_at: date,
  updated_at: date,
});

export const jobRecord = z.object({
  id: requiredId,
  remote_id: optionalId,
  code: text,
  title: text,
  job_status: enumValue,
  /** Deprecated plain-string status; some ATSs only fill this one. */
  status: text,
  confidential: text,
  created_at: date,
  updated_at: date,
});

export const jobPostingRecord = z.object({
  id: requiredId,
  remote_id: optionalId,
  job_id: optionalId,
  title: text,
  status: enumValue,
  internal: text,
  external_url: text,
  locations: lenientList({ id: optionalId, name: text }),
  start_date: date,
  created_at: date,
  updated_at: date,
});

export const assessmentPackageRecord = z.object({
  id: requiredId,
  remote_id: optionalId,
  name: text,
  description: text,
});

export const backgroundCheckPackageRecord = z.object({
  id: requiredId,
  remote_id: optionalId,
  name: text,
  description: text,
  tests: lenientList({ id: optionalId, remote_id: optionalId, name: text, description: text }),
});

export const recordSchemas = {
  candidate: candidateRecord,
  application: applicationRecord,
  job: jobRecord,
  job_posting: jobPostingRecord,
  assessment_package: assessmentPackageRecord,
  background_check_package: backgroundCheckPackageRecord,
} as const;

export type RecordKind = keyof typeof recordSchemas;
export type RecordOf<K extends RecordKind> = z.output<(typeof recordSchemas)[K]>;
export type CandidateRecord = RecordOf<'candidate'>;
export type ApplicationRecord = RecordOf<'application'>;
export type JobRecord = RecordOf<'job'>;
export type JobPostingRecord = RecordOf<'job_posting'>;
export type AssessmentPackageRecord = RecordOf<'assessment_package'>;
export type BackgroundCheckPackageRecord = RecordOf<'background_check_package'>;

// ---- checking ----------------------------------------------------------------------------------

export interface ValidRecord<T> {
  record: T;
  /** The record exactly as StackOne sent it (for the cache's raw JSON column). */
  raw: Record<string, unknown>;
}
export interface InvalidRecord {
  raw: unknown;
  /** Why it was set aside, in words fit for the quarantine list. */
  reason: string;
}
export interface SplitRecords<T> {
  valid: ValidRecord<T>[];
  invalid: InvalidRecord[];
}
export type CheckedRecord<T> = ({ ok: true } & ValidRecord<T>) | ({ ok: false } & InvalidRecord);

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'record'}: ${issue.message}`)
    .join('; ');
}

export function checkRecord<K extends RecordKind>(
  kind: K,
  raw: unknown,
): CheckedRecord<RecordOf<K>> {
  if (!isObject(raw)) {
    return {
      ok: false,
      raw,
      reason: `record: expected a JSON object, got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}`,
    };
  }
  const parsed = recordSchemas[kind].safeParse(raw);
  if (!parsed.success) return { ok: false, raw, reason: describeIssues(parsed.error) };
  return { ok: true, record: parsed.data as RecordOf<K>, raw };
}

/** Splits one page of raw records; never throws, so the sync engine can quarantine the rest. */
export function splitRecords<K extends RecordKind>(
  kind: K,
  raws: readonly unknown[],
): SplitRecords<RecordOf<K>> {
  const out: SplitRecords<RecordOf<K>> = { valid: [], invalid: [] };
  for (const raw of raws) {
    const checked = checkRecord(kind, raw);
    if (checked.ok) out.valid.push({ record: checked.record, raw: checked.raw });
    else out.invalid.push({ raw: checked.raw, reason: checked.reason });
  }
  return out;
}
