import { chance, intBetween, pick, type Rng } from './random';
import * as V from './vocab';
import type {
  Account,
  Application,
  AssessmentPackage,
  BackgroundCheckPackage,
  Candidate,
  CustomField,
  EnumValue,
  HiringTeamMember,
  Job,
  JobPosting,
  Stage,
} from './types';

/**
 * Builders for one record of each kind, shared by start-up generation and by records created
 * while running (new orders bring new candidates and applications, as a real ATS would).
 * Optional fields are left out on purpose in a share of records; enum values are sometimes
 * unmappable (`unmapped_value` with the provider's own `source_value`).
 */

export interface AccountContext {
  index: number;
  account: Account;
  /** Recruiters and hiring managers; jobs' hiring teams and order requesters come from here. */
  users: HiringTeamMember[];
  stages: Stage[];
  /** Next sequence number per kind, for ids and remote ids. */
  seq: Record<'candidate' | 'application' | 'job' | 'posting' | 'order' | 'package', number>;
}

const kindTags = new Map<string, string>();

/** A short stable tag per kind, so ids of different kinds never collide. */
function kindTag(kind: string): string {
  let tag = kindTags.get(kind);
  if (tag === undefined) {
    let h = 7;
    for (let i = 0; i < kind.length; i++) h = (Math.imul(h, 31) + kind.charCodeAt(i)) >>> 0;
    tag = h.toString(36).slice(-4).padStart(4, '0');
    kindTags.set(kind, tag);
  }
  return tag;
}

/**
 * StackOne ids are opaque strings. Ours are unique per (account, kind, sequence): the sequence is
 * scrambled by a bijection of 32-bit integers, so ids look random but never collide. URL-safe.
 */
export function makeRecordId(accountIndex: number, kind: string, n: number): string {
  const scrambled = (Math.imul(n + 1, 0x9e3779b1) >>> 0).toString(36).padStart(7, '0');
  // join, not a template: a flat string instead of a rope (see time.ts).
  return [kindTag(kind), accountIndex.toString(36), 'X', scrambled].join('');
}

export function recordId(ctx: { index: number }, kind: string, n: number): string {
  return makeRecordId(ctx.index, kind, n);
}

export function nextSeq(ctx: AccountContext, kind: keyof AccountContext['seq']): number {
  const n = ctx.seq[kind];
  ctx.seq[kind] = n + 1;
  return n;
}

function enumOf<T extends string>(
  rng: Rng,
  value: T,
  sourceValue: string,
  unmappedRate = 0.08,
): EnumValue<T> {
  if (chance(rng, unmappedRate))
    return { value: 'unmapped_value', source_value: pick(rng, V.ODD_SOURCE_VALUES) };
  return { value, source_value: sourceValue };
}

function asciiSlug(s: string): string {
  const slug = s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
  return slug;
}

export function makeUsers(
  rng: Rng,
  ctx: Omit<AccountContext, 'users' | 'stages'>,
  count: number,
): HiringTeamMember[] {
  const users: HiringTeamMember[] = [];
  for (let n = 0; n < count; n++) {
    const first = pick(rng, V.FIRST_NAMES);
    const last = pick(rng, V.LAST_NAMES);
    const remote = V.remoteIdFor(ctx.account.provider, 'user', n + 1);
    users.push({
      user_id: recordId(ctx, 'user', n),
      remote_user_id: remote,
      first_name: first,
      last_name: last,
      email: `${asciiSlug(first) || 'user'}.${asciiSlug(last) || n}@${asciiSlug(ctx.account.origin_owner_name)}.example`,
      role: n % 3 === 0 ? 'hiring_manager' : 'recruiter',
    });
  }
  return users;
}

export function makeStages(ctx: Omit<AccountContext, 'users' | 'stages'>, stamp: string): Stage[] {
  return V.STAGES.map((name, order) => ({
    id: recordId(ctx, 'stage', order),
    remote_id: V.remoteIdFor(ctx.account.provider, 'stage', order + 1),
    name,
    order,
    created_at: stamp,
    updated_at: stamp,
  }));
}

function customFields(rng: Rng, ctx: AccountContext, n: number): CustomField[] | undefined {
  if (!chance(rng, 0.2)) return undefined;
  return [
    {
      id: recordId(ctx, 'cf-salary', n),
      remote_id: `cf_salary_${n}`,
      name: 'Desired salary',
      value: intBetween(rng, 30, 250) * 1000,
    },
    {
      id: recordId(ctx, 'cf-auth', n),
      remote_id: `cf_auth_${n}`,
      name: 'Work authorization',
      value: chance(rng, 0.8),
    },
  ];
}

export function makeCandidate(
  rng: Rng,
  ctx: AccountContext,
  n: number,
  createdAt: string,
  updatedAt: string,
): Candidate {
  const first = pick(rng, V.FIRST_NAMES);
  // A few mononyms (no last name), as some ATSs and cultures have them.
  const last = chance(rng, 0.03) ? null : pick(rng, V.LAST_NAMES);
  const slug = `${asciiSlug(first)}.${last ? asciiSlug(last) : ''}`.replace(/^\.|\.$/g, '');
  const primary = [slug.length > 1 ? slug : 'candidate', n, '@example.com'].join('');
  const emails = [{ type: 'personal', value: primary }];
  if (chance(rng, 0.2))
    emails.push({
      type: 'work',
      value: `${slug || 'c'}${n}@${asciiSlug(pick(rng, V.COMPANIES)) || 'work'}.example`,
    });
  const c: Candidate = {
    id: recordId(ctx, 'candidate', n),
    remote_id: V.remoteIdFor(ctx.account.provider, 'candidate', n + 1),
    name: last ? [first, last].join(' ') : first,
    first_name: first,
    last_name: last,
    emails,
    application_ids: [],
    remote_application_ids: [],
    created_at: createdAt,
    updated_at: updatedAt,
  };
  // Some providers fill only `emails`, others only `email`.
  if (chance(rng, 0.85)) c.email = primary;
  if (chance(rng, 0.7)) {
    c.phone_numbers = [
      {
        type: chance(rng, 0.9) ? pick(rng, ['mobile', 'personal', 'work', 'home']) : null,
        phone: [
          '+',
          intBetween(rng, 1, 99),
          ' ',
          intBetween(rng, 100, 999),
          ' ',
          intBetween(rng, 100000, 9999999),
        ].join(''),
      },
    ];
  }
  if (chance(rng, 0.4))
    c.social_links = [
      { type: 'linkedin', url: ['https://www.linkedin.com/in/', slug || 'c', '-', n].join('') },
    ];
  if (chance(rng, 0.6)) c.company = pick(rng, V.COMPANIES);
  if (chance(rng, 0.6)) c.title = pick(rng, V.TITLES);
  if (chance(rng, 0.5)) c.country = pick(rng, V.COUNTRIES);
  if (chance(rng, 0.3))
    c.tags = [{ remote_id: `tag_${Math.floor(rng() * 8)}`, name: pick(rng, V.TAGS) }];
  const cf = customFields(rng, ctx, n);
  if (cf) c.custom_fields = cf;
  return c;
}

/** The customer's own titles in turn, so its first jobs cover them all (see ORG_JOB_TITLES). */
function jobTitle(ctx: AccountContext, n: number): string {
  const titles = V.ORG_JOB_TITLES[ctx.index % V.ORG_JOB_TITLES.length] ?? V.TITLES;
  return titles[n % titles.length] ?? 'Generalist';
}

export function makeJob(
  rng: Rng,
  ctx: AccountContext,
  n: number,
  createdAt: string,
  updatedAt: string,
): Job {
  const roll = rng();
  const [value, source] =
    roll < 0.6
      ? ['open', 'Open']
      : roll < 0.7
        ? ['closed', 'Closed']
        : roll < 0.8
          ? ['draft', 'Draft']
          : roll < 0.85
            ? ['archived', 'Archived']
            : roll < 0.9
              ? ['on_hold', 'On Hold']
              : ['unmapped_value', 'Evergreen'];
  const recruiter = ctx.users.find((u) => u.role === 'recruiter') ?? ctx.users[0];
  const team: HiringTeamMember[] = [];
  for (let i = 0, size = intBetween(rng, 1, 3); i < size; i++) {
    const u = i === 0 && recruiter ? recruiter : pick(rng, ctx.users);
    if (!team.includes(u)) team.push(u);
  }
  const job: Job = {
    id: recordId(ctx, 'job', n),
    remote_id: V.remoteIdFor(ctx.account.provider, 'job_req', n + 1),
    title: jobTitle(ctx, n),
    status: source,
    job_status: { value: value as Job['job_status']['value'], source_value: source },
    hiring_team: team,
    created_at: createdAt,
    updated_at: updatedAt,
  };
  if (chance(rng, 0.8)) job.code = `REQ-${1000 + n}`;
  if (chance(rng, 0.7))
    job.department_ids = [recordId(ctx, 'dept', Math.floor(rng() * V.DEPARTMENTS.length))];
  if (chance(rng, 0.7))
    job.location_ids = [recordId(ctx, 'loc', Math.floor(rng() * V.LOCATIONS.length))];
  if (chance(rng, 0.6)) job.interview_stages = ctx.stages;
  if (chance(rng, 0.5)) job.confidential = chance(rng, 0.1) ? 'true' : 'false';
  return job;
}

export function makePosting(
  rng: Rng,
  ctx: AccountContext,
  job: Job,
  n: number,
  createdAt: string,
  updatedAt: string,
): JobPosting {
  const roll = rng();
  const [value, source] =
    roll < 0.7
      ? ['live', 'Published']
      : roll < 0.8
        ? ['internal', 'Internal']
        : roll < 0.9
          ? ['closed', 'Closed']
          : ['unmapped_value', 'Paused (agency only)'];
  const location = pick(rng, V.LOCATIONS);
  const p: JobPosting = {
    id: recordId(ctx, 'posting', n),
    remote_id: V.remoteIdFor(ctx.account.provider, 'posting', n + 1),
    title: chance(rng, 0.8) ? job.title : `${job.title} – ${location}`,
    internal: value === 'internal' ? 'true' : 'false',
    status: { value: value as JobPosting['status']['value'], source_value: source },
    job_id: job.id,
    remote_job_id: job.remote_id,
    created_at: createdAt,
    updated_at: updatedAt,
  };
  if (chance(rng, 0.9))
    p.locations = [
      {
        id: recordId(ctx, 'loc', V.LOCATIONS.indexOf(location)),
        remote_id: `loc_${V.LOCATIONS.indexOf(location)}`,
        name: location,
      },
    ];
  if (chance(rng, 0.7)) {
    p.content = {
      plain: `We are hiring a ${job.title} in ${location}.`,
      html: `<p>We are hiring a <strong>${job.title}</strong> in ${location}.</p>`,
    };
  }
  if (chance(rng, 0.6)) p.employment_type = enumOf(rng, 'permanent', 'Full-time permanent', 0.1);
  if (chance(rng, 0.5)) p.employment_contract_type = enumOf(rng, 'full_time', 'FT', 0.1);
  if (chance(rng, 0.8)) {
    p.external_url = `https://careers.${asciiSlug(ctx.account.origin_owner_name)}.example/jobs/${p.remote_id}`;
    p.external_apply_url = `${p.external_url}/apply`;
  }
  return p;
}

export function makeApplication(
  rng: Rng,
  ctx: AccountContext,
  n: number,
  candidate: Candidate,
  job: Job,
  createdAt: string,
  updatedAt: string,
  status?: string,
): Application {
  const value = status ?? pick(rng, V.APPLICATION_STATUSES);
  const stage =
    ctx.stages[
      Math.min(ctx.stages.length - 1, Math.max(0, V.APPLICATION_STATUSES.indexOf(value) - 2))
    ];
  const app: Application = {
    id: recordId(ctx, 'application', n),
    remote_id: V.remoteIdFor(ctx.account.provider, 'application', n + 1),
    candidate_id: candidate.id,
    remote_candidate_id: candidate.remote_id,
    job_id: job.id,
    remote_job_id: job.remote_id,
    application_status: status
      ? { value, source_value: value }
      : enumOf(rng, value, value.replace(/_/g, ' ')),
    created_at: createdAt,
    updated_at: updatedAt,
  };
  if (stage && chance(rng, 0.85)) {
    app.application_stage = stage;
    app.application_stage_id = stage.id;
    app.remote_application_stage_id = stage.remote_id;
  }
  if (value === 'rejected' && chance(rng, 0.7)) {
    const reason = pick(rng, V.REJECT_REASONS);
    const idx = V.REJECT_REASONS.indexOf(reason);
    app.rejected_reasons = [
      {
        id: recordId(ctx, 'reject', idx),
        remote_id: `rr_${idx}`,
        label: reason.label,
        rejected_reason_type: { value: reason.type, source_value: reason.label },
      },
    ];
    app.rejected_reason_ids = [recordId(ctx, 'reject', idx)];
    app.rejected_at = updatedAt;
  }
  if (job.location_ids && chance(rng, 0.5)) app.location_ids = job.location_ids;
  if (chance(rng, 0.6)) {
    app.candidate = {
      name: candidate.name,
      first_name: candidate.first_name,
      last_name: candidate.last_name,
      email: candidate.email ?? null,
    };
  }
  if (chance(rng, 0.7)) {
    const s = pick(rng, V.SOURCES);
    app.source = {
      id: recordId(ctx, 'source', V.SOURCES.indexOf(s)),
      remote_id: `src_${V.SOURCES.indexOf(s)}`,
      name: s,
    };
  }
  return app;
}

export function makeAssessmentPackage(
  ctx: AccountContext,
  n: number,
  name: string,
): AssessmentPackage {
  // Static-package ATSs identify the tests customers create by hand with ATS test ids, like
  // Workday's RECRUITING_ASSESSMENT_TEST-6-111; orders carry them as the package's remote_id.
  const remote =
    ctx.account.provider === 'workday'
      ? `RECRUITING_ASSESSMENT_TEST-6-${111 + n}`
      : ctx.account.provider === 'sap_successfactors'
        ? `SF_ASSESSMENT_TEST-${7001 + n}`
        : V.remoteIdFor(ctx.account.provider, 'package', n + 1);
  return {
    id: recordId(ctx, 'assessment_package', n),
    remote_id: remote,
    name,
    description: n % 3 === 2 ? null : `${name}: timed, proctored online test.`,
  };
}

export function makeBackgroundPackage(
  ctx: AccountContext,
  n: number,
  name: string,
  tests: string[],
): BackgroundCheckPackage {
  return {
    id: recordId(ctx, 'bgc_package', n),
    remote_id: V.remoteIdFor(ctx.account.provider, 'bgc_package', n + 1),
    name,
    description: `${name} screening package`,
    tests: tests.map((t, i) => ({
      id: recordId(ctx, `bgc_test_${n}`, i),
      remote_id: `test_${n}_${i}`,
      name: t,
      description: null,
    })),
  };
}
