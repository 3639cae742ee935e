/**
 * The records the sandbox stores, in the wire shapes of ats-openapi.json (snake_case, enum
 * wrappers `{ value, source_value }`). They are plain objects, serialised as they are; the
 * conformance test checks every one against the spec's schemas.
 */

export interface EnumValue<T extends string> {
  value: T | 'unmapped_value' | null;
  source_value: string | number | boolean | null;
}

export type Provider =
  | 'workday'
  | 'greenhouse'
  | 'lever'
  | 'ashby'
  | 'sap_successfactors'
  | 'smartrecruiters'
  | 'bamboohr'
  | 'teamtailor';

export interface Account {
  id: string;
  provider: Provider;
  origin_owner_id: string;
  origin_owner_name: string;
  /** StackOne's linked-account status; `inactive` is what the sandbox answers 412 for. */
  status: 'active' | 'inactive';
  created_at: string;
  updated_at: string;
}

export interface HiringTeamMember {
  user_id: string;
  remote_user_id: string;
  first_name: string;
  last_name: string;
  email: string;
  role: string;
}

export interface CustomField {
  id: string;
  remote_id: string;
  name: string;
  value: string | number | boolean;
}

export interface Candidate {
  id: string;
  remote_id: string;
  name: string;
  first_name: string;
  last_name: string | null;
  email?: string | null;
  emails: { type: string; value: string }[];
  phone_numbers?: { type: string | null; phone: string }[];
  social_links?: { type: string; url: string }[];
  company?: string | null;
  title?: string | null;
  country?: string | null;
  application_ids: string[];
  remote_application_ids: string[];
  hired_at?: string | null;
  tags?: { remote_id: string; name: string }[];
  custom_fields?: CustomField[];
  created_at: string;
  updated_at: string;
}

export interface Stage {
  id: string;
  remote_id: string;
  name: string;
  order: number;
  created_at: string;
  updated_at: string;
}

export interface Application {
  id: string;
  remote_id: string;
  candidate_id: string;
  remote_candidate_id: string;
  job_id: string;
  remote_job_id: string;
  application_status: EnumValue<string>;
  application_stage?: Stage | null;
  application_stage_id?: string | null;
  remote_application_stage_id?: string | null;
  rejected_reasons?: {
    id: string;
    remote_id: string;
    label: string;
    rejected_reason_type: EnumValue<string>;
  }[];
  rejected_reason_ids?: string[];
  rejected_at?: string | null;
  location_ids?: string[];
  candidate?: { name: string; first_name: string; last_name: string | null; email: string | null };
  source?: { id: string; remote_id: string; name: string } | null;
  custom_fields?: CustomField[];
  created_at: string;
  updated_at: string;
}

export interface Job {
  id: string;
  remote_id: string;
  code?: string | null;
  title: string;
  status?: string | null;
  job_status: EnumValue<string>;
  department_ids?: string[];
  location_ids?: string[];
  hiring_team: HiringTeamMember[];
  interview_stages?: Stage[];
  confidential?: 'true' | 'false' | null;
  custom_fields?: CustomField[];
  created_at: string;
  updated_at: string;
}

export interface JobPosting {
  id: string;
  remote_id: string;
  title: string;
  locations?: { id: string; remote_id: string; name: string }[];
  internal: 'true' | 'false';
  status: EnumValue<string>;
  job_id: string;
  remote_job_id: string;
  content?: { plain: string; html: string } | null;
  employment_type?: EnumValue<string> | null;
  employment_contract_type?: EnumValue<string> | null;
  external_url?: string | null;
  external_apply_url?: string | null;
  created_at: string;
  updated_at: string;
}

export interface AssessmentPackage {
  id: string;
  remote_id: string;
  name: string;
  description: string | null;
}

export interface PackageTest {
  id: string;
  remote_id: string;
  name: string;
  description: string | null;
}

export interface BackgroundCheckPackage {
  id: string;
  remote_id: string;
  name: string;
  description: string | null;
  tests: PackageTest[];
}

export type OrderKind = 'assessment' | 'background_check';

/**
 * An order as the ATS knows it. StackOne has no endpoint that lists orders: they reach the
 * provider only by webhook, so these are the sandbox's "truth" for tests and the webhook emitter.
 */
export interface Order {
  id: string;
  remote_id: string;
  kind: OrderKind;
  account_id: string;
  package_id: string;
  application_id: string;
  candidate_id: string;
  job_id: string;
  requester: HiringTeamMember;
  created_at: string;
}

/** The list resources served per linked account, keyed by the URL segment. */
export const RESOURCE_NAMES = [
  'candidates',
  'applications',
  'jobs',
  'job_postings',
  'assessment_packages',
  'background_check_packages',
] as const;
export type ResourceName = (typeof RESOURCE_NAMES)[number];

export interface ResourceRecordMap {
  candidates: Candidate;
  applications: Application;
  jobs: Job;
  job_postings: JobPosting;
  assessment_packages: AssessmentPackage;
  background_check_packages: BackgroundCheckPackage;
}
