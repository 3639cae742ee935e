import type { SyncSource } from '../../src-shared/contract';
import type {
  ApplicationInput,
  CandidateInput,
  JobInput,
  JobPostingInput,
  PackageInput,
} from '../cache';
import { parseLenientDateMs, type RecordKind, type RecordOf } from '../stackone';

/**
 * What the sync does with each StackOne record kind: which status source it belongs to, which
 * wire types its fields must have, and how a record becomes the cache's input.
 *
 * Two layers of validation, on purpose. The StackOne client's lenient parse degrades odd values
 * to null so that a read never fails; the shape check here decides whether a record is *stored*.
 * A field whose JSON type contradicts the spec (an `id` that is a number, `emails` that is a
 * string, a date that is not a date) means the integration is sending something we do not
 * understand: storing a guess would show the coordinator wrong data, so the record goes to
 * quarantine with the reason and everything else in the page is stored. Missing fields, nulls
 * and unknown enum values (`unmapped_value`) are legal and pass.
 */

/** s: string, d: date-time string, a: array, o: object (an enum wrapper or nested record). */
type WireType = 's' | 'd' | 'a' | 'o';

const CANDIDATE: Record<string, WireType> = {
  remote_id: 's',
  name: 's',
  first_name: 's',
  last_name: 's',
  email: 's',
  emails: 'a',
  social_links: 'a',
  phone_numbers: 'a',
  company: 's',
  title: 's',
  application_ids: 'a',
  remote_application_ids: 'a',
  hired_at: 'd',
  country: 's',
  custom_fields: 'a',
  tags: 'a',
  unified_custom_fields: 'o',
  created_at: 'd',
  updated_at: 'd',
};

const APPLICATION: Record<string, WireType> = {
  remote_id: 's',
  candidate_id: 's',
  remote_candidate_id: 's',
  job_id: 's',
  remote_job_id: 's',
  application_stage: 'o',
  application_stage_id: 's',
  remote_application_stage_id: 's',
  rejected_reasons: 'a',
  rejected_reason_ids: 'a',
  rejected_at: 'd',
  location_ids: 'a',
  application_status: 'o',
  questionnaires: 'a',
  candidate: 'o',
  attachments: 'a',
  documents: 'a',
  result_links: 'a',
  source: 'o',
  custom_fields: 'a',
  unified_custom_fields: 'o',
  created_at: 'd',
  updated_at: 'd',
};

const JOB: Record<string, WireType> = {
  remote_id: 's',
  code: 's',
  title: 's',
  description: 's',
  status: 's',
  job_status: 'o',
  department_ids: 'a',
  location_ids: 'a',
  hiring_team: 'a',
  interview_stages: 'a',
  confidential: 's',
  custom_fields: 'a',
  unified_custom_fields: 'o',
  created_at: 'd',
  updated_at: 'd',
};

const JOB_POSTING: Record<string, WireType> = {
  remote_id: 's',
  title: 's',
  locations: 'a',
  internal: 's',
  status: 'o',
  job_id: 's',
  remote_job_id: 's',
  content: 'o',
  compensation: 'a',
  employment_type: 'o',
  employment_contract_type: 'o',
  external_url: 's',
  external_apply_url: 's',
  questionnaires: 'a',
  start_date: 'd',
  unified_custom_fields: 'o',
  created_at: 'd',
  updated_at: 'd',
};

const PACKAGE: Record<string, WireType> = { remote_id: 's', name: 's', description: 's' };

const SHAPES: Record<RecordKind, Record<string, WireType>> = {
  candidate: CANDIDATE,
  application: APPLICATION,
  job: JOB,
  job_posting: JOB_POSTING,
  assessment_package: PACKAGE,
  background_check_package: { ...PACKAGE, tests: 'a' },
};

/** Fields without which the desk cannot link the record, beyond `id`. */
const REQUIRED: Partial<Record<RecordKind, { field: string; why: string }[]>> = {
  application: [{ field: 'candidate_id', why: 'an application must name its candidate' }],
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const EXPECTED: Record<WireType, string> = {
  s: 'a string',
  d: 'a date-time string',
  a: 'an array',
  o: 'an object',
};

function matches(type: WireType, value: unknown): boolean {
  switch (type) {
    case 's':
      return typeof value === 'string';
    case 'd':
      return typeof value === 'string' && parseLenientDateMs(value) !== null;
    case 'a':
      return Array.isArray(value);
    case 'o':
      return typeof value === 'object' && !Array.isArray(value);
  }
}

/** Why a record must not be stored, in words for the quarantine list; null when it is fine. */
export function shapeProblem(kind: RecordKind, raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return `record: expected a JSON object, got ${typeOf(raw)}`;
  }
  const record = raw as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof record.id !== 'string' || record.id.trim() === '') {
    problems.push(
      record.id === undefined ? 'id: missing' : `id: expected a string, got ${typeOf(record.id)}`,
    );
  }
  for (const [field, type] of Object.entries(SHAPES[kind])) {
    const value = record[field];
    if (value === undefined || value === null || matches(type, value)) continue;
    problems.push(
      type === 'd' && typeof value === 'string'
        ? `${field}: "${value.slice(0, 40)}" is not a date-time`
        : `${field}: expected ${EXPECTED[type]}, got ${typeOf(value)}`,
    );
  }
  for (const { field, why } of REQUIRED[kind] ?? []) {
    const value = record[field];
    if (value === undefined || value === null || value === '') problems.push(`${field}: ${why}`);
  }
  return problems.length > 0 ? problems.join('; ') : null;
}

/** The raw id, when it is one this desk can key by (a non-blank string). */
export function rawRecordId(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : null;
}

/** StackOne's `updated_at` as stored (opaque text), and as milliseconds for high-water marks. */
export function updatedAtOf(raw: Record<string, unknown>): {
  text: string | null;
  ms: number | null;
} {
  const value = raw.updated_at;
  if (typeof value !== 'string') return { text: null, ms: null };
  return { text: value, ms: parseLenientDateMs(value) };
}

export const SOURCE_OF_KIND: Record<RecordKind, SyncSource> = {
  candidate: 'candidates',
  application: 'applications',
  job: 'jobs',
  job_posting: 'job_postings',
  assessment_package: 'assessment_packages',
  background_check_package: 'background_check_packages',
};

export type CacheInputOf = {
  candidate: CandidateInput;
  application: ApplicationInput;
  job: JobInput;
  job_posting: JobPostingInput;
  assessment_package: PackageInput;
  background_check_package: PackageInput;
};

type Mapper<K extends RecordKind> = (
  accountId: string,
  record: RecordOf<K>,
  raw: Record<string, unknown>,
) => CacheInputOf[K];

const base = (accountId: string, id: string, raw: Record<string, unknown>) => ({
  accountId,
  id,
  updatedAt: updatedAtOf(raw).text,
  raw,
});

const toPackage = (
  accountId: string,
  r: RecordOf<'assessment_package'>,
  raw: Record<string, unknown>,
): PackageInput => ({
  ...base(accountId, r.id, raw),
  name: r.name,
  description: r.description,
});

export const TO_CACHE_INPUT: { [K in RecordKind]: Mapper<K> } = {
  candidate: (accountId, r, raw) => ({
    ...base(accountId, r.id, raw),
    name: r.name,
    firstName: r.first_name,
    lastName: r.last_name,
    // `email` is deprecated in favour of `emails`; either may be the only one an ATS fills.
    emails: [...(r.email ? [r.email] : []), ...r.emails.map((e) => e.value)].filter(
      (e, i, all) => all.indexOf(e) === i,
    ),
  }),
  application: (accountId, r, raw) => ({
    ...base(accountId, r.id, raw),
    candidateId: r.candidate_id,
    jobId: r.job_id,
    status: r.application_status?.value ?? null,
    stageName: r.application_stage?.name ?? null,
  }),
  job: (accountId, r, raw) => ({
    ...base(accountId, r.id, raw),
    title: r.title,
    code: r.code,
    status: r.job_status?.value ?? r.status,
  }),
  job_posting: (accountId, r, raw) => ({
    ...base(accountId, r.id, raw),
    jobId: r.job_id,
    title: r.title,
    status: r.status?.value ?? null,
    internal: r.internal,
  }),
  assessment_package: toPackage,
  background_check_package: toPackage,
};
