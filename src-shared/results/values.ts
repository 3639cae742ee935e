import { z } from 'zod';
import type { InputIssue } from '../contract/errors';

/**
 * The result of an assessment or background check: the form's values, the PATCH body built from
 * them, and the rules both the form (as the coordinator types) and main (before anything is queued)
 * apply. One module, so the form never accepts what main refuses, and the preview shows exactly the
 * bytes the outbox sends.
 *
 * Body shape: `AtsUpdateCandidatesAssessmentsResultsRequestDto` and
 * `AtsUpdateBackgroundCheckResultRequestDto` in resources/stackone/ats-openapi.json (identical field
 * sets): score strings, result {value, source_value}, result_url, ISO 8601 dates, summary,
 * attachments [{url, content_type{value}}], candidate {id, profile_url}, passthrough object.
 */

/** The spec's `ResultEnum` values a coordinator can send (not `unmapped_value`), in form order. */
export const RESULT_VALUES = [
  'initiated',
  'in_progress',
  'completed',
  'passed',
  'failed',
  'cancelled',
  'expired',
] as const;
export const ResultValueSchema = z.enum(RESULT_VALUES);
export type ResultValue = z.infer<typeof ResultValueSchema>;

export const RESULT_LABELS: Record<ResultValue, string> = {
  initiated: 'Invited',
  in_progress: 'In progress',
  completed: 'Completed',
  passed: 'Passed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  expired: 'Expired',
};

/**
 * Results that close the order in the ATS. ATSs treat them as the verdict: some refuse one without a
 * result URL, and some refuse any change once one was accepted.
 */
export const FINAL_RESULTS: readonly ResultValue[] = ['completed', 'passed', 'failed'];
export function isFinalResult(value: string | null | undefined): boolean {
  return value != null && (FINAL_RESULTS as readonly string[]).includes(value);
}

/** Status-only results the quick actions send (a PATCH with just `result`). */
export const QUICK_STATUSES = ['initiated', 'in_progress'] as const;
export const QuickStatusSchema = z.enum(QUICK_STATUSES);
export type QuickStatus = z.infer<typeof QuickStatusSchema>;

/** The spec's `AttachmentContentType` values (not `unmapped_value`). */
export const ATTACHMENT_CONTENT_TYPES = ['pdf', 'text', 'video', 'other'] as const;
export const AttachmentContentTypeSchema = z.enum(ATTACHMENT_CONTENT_TYPES);

/**
 * StackOne publishes no size limits for these bodies; the desk's own keep a body far below any
 * gateway's request limit and a summary readable in an ATS.
 */
export const RESULT_LIMITS = {
  shortText: 200,
  url: 2048,
  summary: 10_000,
  attachments: 20,
  passthroughChars: 16_000,
  bodyBytes: 64_000,
} as const;

/**
 * What the form holds, as the coordinator typed it. Deliberately lenient (strings, empty = not
 * sent) so that a half-typed draft always saves; `validateResultValues` says what must change before
 * it can be sent. Dates are ISO 8601 with offset (the form converts from the coordinator's zone).
 * `passthrough` is the JSON text of the Advanced box.
 */
export const ResultValuesSchema = z.strictObject({
  result: ResultValueSchema.nullable().default(null),
  /** The provider's own word for the result (`result.source_value`), optional. */
  resultSourceValue: z.string().max(RESULT_LIMITS.shortText).default(''),
  score: z
    .strictObject({
      label: z.string().max(RESULT_LIMITS.shortText).default(''),
      value: z.string().max(RESULT_LIMITS.shortText).default(''),
      min: z.string().max(RESULT_LIMITS.shortText).default(''),
      max: z.string().max(RESULT_LIMITS.shortText).default(''),
    })
    .default({ label: '', value: '', min: '', max: '' }),
  summary: z.string().max(RESULT_LIMITS.summary).default(''),
  resultUrl: z.string().max(RESULT_LIMITS.url).default(''),
  startDate: z.string().max(100).default(''),
  submissionDate: z.string().max(100).default(''),
  attachments: z
    .array(
      z.strictObject({
        url: z.string().max(RESULT_LIMITS.url),
        contentType: AttachmentContentTypeSchema,
      }),
    )
    .max(RESULT_LIMITS.attachments)
    .default([]),
  candidateId: z.string().max(500).default(''),
  candidateProfileUrl: z.string().max(RESULT_LIMITS.url).default(''),
  passthrough: z.string().max(RESULT_LIMITS.passthroughChars).default(''),
});
export type ResultValues = z.output<typeof ResultValuesSchema>;
export type ResultValuesInput = z.input<typeof ResultValuesSchema>;

export function emptyResultValues(): ResultValues {
  return ResultValuesSchema.parse({});
}

/** The PATCH body as the spec defines it (every field optional; empty form fields are left out). */
export const ResultBodySchema = z.strictObject({
  result: z
    .strictObject({ value: ResultValueSchema, source_value: z.string().optional() })
    .optional(),
  score: z
    .strictObject({
      label: z.string().optional(),
      value: z.string().optional(),
      min: z.string().optional(),
      max: z.string().optional(),
    })
    .optional(),
  summary: z.string().optional(),
  result_url: z.string().optional(),
  start_date: z.iso.datetime({ offset: true }).optional(),
  submission_date: z.iso.datetime({ offset: true }).optional(),
  attachments: z
    .array(
      z.strictObject({
        url: z.string(),
        content_type: z.strictObject({ value: AttachmentContentTypeSchema }),
      }),
    )
    .optional(),
  candidate: z
    .strictObject({ id: z.string().optional(), profile_url: z.string().optional() })
    .optional(),
  passthrough: z.record(z.string(), z.unknown()).optional(),
});
export type ResultBody = z.infer<typeof ResultBodySchema>;

function nonEmpty(s: string): string | undefined {
  const t = s.trim();
  return t === '' ? undefined : t;
}

function parsePassthrough(text: string): Record<string, unknown> | undefined | Error {
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return new Error('Advanced passthrough is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return new Error('Advanced passthrough must be a JSON object, like {"key": "value"}.');
  }
  return parsed as Record<string, unknown>;
}

/**
 * The body for these values. Pure and deterministic: the same values always give the same object
 * and, through `resultBodyText`, the same bytes. Key order follows the spec. Call it on values that
 * passed `validateResultValues` (an invalid passthrough is left out here, and refused there).
 */
export function buildResultBody(values: ResultValues): ResultBody {
  const body: ResultBody = {};
  if (values.result) {
    const source = nonEmpty(values.resultSourceValue);
    body.result =
      source === undefined
        ? { value: values.result }
        : { value: values.result, source_value: source };
  }
  const score = {
    label: nonEmpty(values.score.label),
    value: nonEmpty(values.score.value),
    min: nonEmpty(values.score.min),
    max: nonEmpty(values.score.max),
  };
  if (Object.values(score).some((v) => v !== undefined)) {
    body.score = Object.fromEntries(Object.entries(score).filter(([, v]) => v !== undefined));
  }
  const summary = values.summary.trim() === '' ? undefined : values.summary;
  if (summary !== undefined) body.summary = summary;
  const resultUrl = nonEmpty(values.resultUrl);
  if (resultUrl !== undefined) body.result_url = resultUrl;
  const start = nonEmpty(values.startDate);
  if (start !== undefined) body.start_date = start;
  const submitted = nonEmpty(values.submissionDate);
  if (submitted !== undefined) body.submission_date = submitted;
  const attachments = values.attachments
    .filter((a) => a.url.trim() !== '')
    .map((a) => ({ url: a.url.trim(), content_type: { value: a.contentType } }));
  if (attachments.length > 0) body.attachments = attachments;
  const candidateId = nonEmpty(values.candidateId);
  const profileUrl = nonEmpty(values.candidateProfileUrl);
  if (candidateId !== undefined || profileUrl !== undefined) {
    body.candidate = {};
    if (candidateId !== undefined) body.candidate.id = candidateId;
    if (profileUrl !== undefined) body.candidate.profile_url = profileUrl;
  }
  const passthrough = parsePassthrough(values.passthrough);
  if (passthrough !== undefined && !(passthrough instanceof Error)) body.passthrough = passthrough;
  return body;
}

/** The exact text the outbox sends and the preview shows. */
export function resultBodyText(body: ResultBody): string {
  return JSON.stringify(body);
}

/**
 * Which fields a body sets, as a stable key: a newer unsent job for the same order and the same
 * field set replaces an older queued one (a status-only PATCH does not replace a full result).
 */
export function fieldSetKey(body: ResultBody): string {
  return Object.keys(body).sort().join(',');
}

function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const isoWithOffset = z.iso.datetime({ offset: true });

/**
 * Everything that must change before these values can be sent, each issue naming its field by path
 * (`['score', 'value']`, `['attachments', 2, 'url']`). Empty means sendable. A body with nothing in
 * it is refused too: an empty PATCH changes nothing in the ATS.
 */
export function validateResultValues(values: ResultValues): InputIssue[] {
  const issues: InputIssue[] = [];
  const add = (path: InputIssue['path'], message: string) => issues.push({ path, message });

  const url = (path: InputIssue['path'], label: string, text: string) => {
    const t = text.trim();
    if (t !== '' && !isHttpsUrl(t)) add(path, `${label} must be an https:// link.`);
  };
  url(['resultUrl'], 'Result URL', values.resultUrl);
  url(['candidateProfileUrl'], 'Candidate profile URL', values.candidateProfileUrl);
  values.attachments.forEach((a, i) => {
    if (a.url.trim() === '') add(['attachments', i, 'url'], `Attachment ${i + 1} needs a URL.`);
    else url(['attachments', i, 'url'], `Attachment ${i + 1}`, a.url);
  });

  const num = (key: 'value' | 'min' | 'max'): number | null => {
    const t = values.score[key].trim();
    return t !== '' && NUMBER.test(t) ? Number(t) : null;
  };
  const [value, min, max] = [num('value'), num('min'), num('max')];
  if (min !== null && max !== null && min > max) {
    add(['score', 'min'], `Score minimum (${min}) is above the maximum (${max}).`);
  }
  if (value !== null && min !== null && value < min) {
    add(['score', 'value'], `Score ${value} is below the minimum ${min}.`);
  }
  if (value !== null && max !== null && value > max) {
    add(['score', 'value'], `Score ${value} is above the maximum ${max}.`);
  }
  // Min and max only mean something for a numeric score.
  for (const key of ['min', 'max'] as const) {
    const t = values.score[key].trim();
    if (t !== '' && num(key) === null)
      add(['score', key], `Score ${key === 'min' ? 'minimum' : 'maximum'} must be a number.`);
  }
  if (values.score.value.trim() !== '' && value === null && (min !== null || max !== null)) {
    add(['score', 'value'], 'Score must be a number when a minimum or maximum is given.');
  }

  for (const key of ['startDate', 'submissionDate'] as const) {
    const t = values[key].trim();
    if (t !== '' && !isoWithOffset.safeParse(t).success) {
      add(
        [key],
        `${key === 'startDate' ? 'Start date' : 'Submission date'} must be a date and time with its time zone.`,
      );
    }
  }

  const passthrough = parsePassthrough(values.passthrough);
  if (passthrough instanceof Error) add(['passthrough'], passthrough.message);

  if (issues.length === 0) {
    const body = buildResultBody(values);
    if (Object.keys(body).length === 0)
      add(['result'], 'Choose a result or fill in at least one field.');
    const bytes = new TextEncoder().encode(resultBodyText(body)).length;
    if (bytes > RESULT_LIMITS.bodyBytes) {
      add(
        [],
        `The result is ${bytes} bytes; the limit is ${RESULT_LIMITS.bodyBytes}. Shorten the summary or the passthrough.`,
      );
    }
  }
  return issues;
}
