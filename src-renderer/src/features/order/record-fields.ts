/**
 * Reading StackOne records for display. The cache keeps each record's raw JSON; these pick the
 * fields the order page shows, leniently (any field may be missing, null, or an odd shape), per the
 * Candidate, Application and Job schemas in ats-openapi.json.
 */

type Json = Record<string, unknown>;

function obj(v: unknown): Json | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
}
function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** An enum field: `{ value, source_value }`; `unmapped_value` falls back to what the ATS said. */
export function enumText(v: unknown): string | null {
  const o = obj(v);
  if (!o) return str(v);
  const value = str(o.value);
  const source = o.source_value;
  const sourceText =
    str(source) ??
    (typeof source === 'number' || typeof source === 'boolean' ? String(source) : null);
  if (value && value !== 'unmapped_value') return humanize(value);
  return sourceText ?? (value ? humanize(value) : null);
}

export function humanize(value: string): string {
  return value.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export interface Labelled {
  label: string | null;
  value: string;
}

export interface CandidateView {
  name: string | null;
  title: string | null;
  company: string | null;
  country: string | null;
  emails: Labelled[];
  phones: Labelled[];
  links: Labelled[];
  tags: string[];
  hiredAt: string | null;
  createdAt: string | null;
}

export function candidateView(
  raw: unknown,
  fallback: { name: string | null; emails: string[] },
): CandidateView {
  const c = obj(raw) ?? {};
  const name =
    str(c.name) ??
    ([str(c.first_name), str(c.last_name)].filter(Boolean).join(' ') || fallback.name);
  const emails: Labelled[] = [];
  for (const e of arr(c.emails)) {
    const o = obj(e);
    const value = str(o?.value);
    if (value && !emails.some((x) => x.value === value))
      emails.push({ label: str(o?.type), value });
  }
  const single = str(c.email);
  if (single && !emails.some((x) => x.value === single))
    emails.unshift({ label: null, value: single });
  for (const value of fallback.emails) {
    if (!emails.some((x) => x.value === value)) emails.push({ label: null, value });
  }
  const phones: Labelled[] = [];
  for (const p of arr(c.phone_numbers)) {
    const o = obj(p);
    const value = str(o?.phone);
    if (value) phones.push({ label: str(o?.type), value });
  }
  const phone = str(c.phone);
  if (phone && !phones.some((x) => x.value === phone))
    phones.unshift({ label: null, value: phone });
  const links: Labelled[] = [];
  for (const l of arr(c.social_links)) {
    const o = obj(l);
    const value = str(o?.url);
    if (value) links.push({ label: str(o?.type), value });
  }
  const tags = arr(c.tags).filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  return {
    name,
    title: str(c.title),
    company: str(c.company),
    country: str(c.country),
    emails,
    phones,
    links,
    tags,
    hiredAt: str(c.hired_at),
    createdAt: str(c.created_at),
  };
}

export interface ApplicationView {
  status: string | null;
  stage: string | null;
  rejectedAt: string | null;
  rejectedReasons: string[];
  createdAt: string | null;
}

export function applicationView(
  raw: unknown,
  fallback: { status: string | null; stageName: string | null },
): ApplicationView {
  const a = obj(raw) ?? {};
  const stage = obj(a.application_stage) ?? obj(a.interview_stage);
  const reasons: string[] = [];
  for (const r of arr(a.rejected_reasons)) {
    const o = obj(r);
    const label = str(o?.label) ?? enumText(o?.rejected_reason_type);
    if (label) reasons.push(label);
  }
  return {
    status: enumText(a.application_status) ?? (fallback.status ? humanize(fallback.status) : null),
    stage: str(stage?.name) ?? fallback.stageName,
    rejectedAt: str(a.rejected_at),
    rejectedReasons: reasons,
    createdAt: str(a.created_at),
  };
}

export interface HiringTeamMember {
  name: string | null;
  email: string | null;
  role: string | null;
}

export interface JobView {
  title: string | null;
  code: string | null;
  status: string | null;
  confidential: boolean;
  hiringTeam: HiringTeamMember[];
}

export function jobView(
  raw: unknown,
  fallback: { title: string | null; code: string | null; status: string | null },
): JobView {
  const j = obj(raw) ?? {};
  const team: HiringTeamMember[] = [];
  for (const m of arr(j.hiring_team)) {
    const o = obj(m);
    if (!o) continue;
    const name = [str(o.first_name), str(o.last_name)].filter(Boolean).join(' ') || null;
    const member = {
      name,
      email: str(o.email),
      role: str(o.role) ? humanize(str(o.role) ?? '') : null,
    };
    if (member.name || member.email) team.push(member);
  }
  const confidential = j.confidential === true || j.confidential === 'true';
  return {
    title: str(j.title) ?? fallback.title,
    code: str(j.code) ?? fallback.code,
    status:
      enumText(j.job_status) ??
      str(j.status) ??
      (fallback.status ? humanize(fallback.status) : null),
    confidential,
    hiringTeam: team,
  };
}

/** Only web links open from the desk (Electron refuses anything but https anyway). */
export function isWebLink(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
