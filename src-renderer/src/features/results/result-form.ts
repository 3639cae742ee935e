import type { FieldErrors, ResolverResult } from 'react-hook-form';
import type { InputIssue } from '../../../../src-shared/contract';
import {
  emptyResultValues,
  validateResultValues,
  type ResultValues,
} from '../../../../src-shared/results';
import { isoToLocalInput, localInputToIso } from './local-time';

/**
 * What the result form holds: the contract's `ResultValues`, except that the two dates are the
 * datetime-local text the inputs show (the coordinator's wall clock). Validation is the shared
 * `validateResultValues`, run on the values main will get, so the form refuses exactly what main
 * refuses, with the same words.
 */
export type ResultFormValues = Omit<ResultValues, 'result'> & {
  /** '' is "no result value" (a select cannot hold null). */
  result: NonNullable<ResultValues['result']> | '';
};

export function valuesToForm(values: ResultValues): ResultFormValues {
  return {
    ...values,
    result: values.result ?? '',
    score: { ...values.score },
    attachments: values.attachments.map((a) => ({ ...a })),
    startDate: isoToLocalInput(values.startDate),
    submissionDate: isoToLocalInput(values.submissionDate),
  };
}

export function formToValues(form: ResultFormValues): ResultValues {
  return {
    ...form,
    result: form.result === '' ? null : form.result,
    score: { ...form.score },
    attachments: form.attachments.map((a) => ({ ...a })),
    startDate: localInputToIso(form.startDate),
    submissionDate: localInputToIso(form.submissionDate),
  };
}

export function emptyResultForm(): ResultFormValues {
  return valuesToForm(emptyResultValues());
}

/** The form field an issue's path names, or null for an issue about the whole result. */
export function issueField(path: InputIssue['path']): string | null {
  return path.length === 0 ? null : path.join('.');
}

/** Where a refused result's issues go: one per field (the first), the rest about the whole. */
export function issuesToErrors(issues: readonly InputIssue[]): {
  fields: Map<string, string>;
  general: string[];
} {
  const fields = new Map<string, string>();
  const general: string[] = [];
  for (const issue of issues) {
    const field = issueField(issue.path);
    if (field === null) general.push(issue.message);
    else if (!fields.has(field)) fields.set(field, issue.message);
  }
  return { fields, general };
}

/**
 * react-hook-form resolver: the shared rules on the converted values. The submit handler receives
 * the values main expects (ISO dates with offset), never the form's text.
 */
export function resultResolver(
  form: ResultFormValues,
): ResolverResult<ResultFormValues, ResultValues> {
  const values = formToValues(form);
  const { fields, general } = issuesToErrors(validateResultValues(values));
  if (fields.size === 0 && general.length === 0) return { values, errors: {} };
  const errors: Record<string, unknown> = {};
  for (const [field, message] of fields) setPath(errors, field, { type: 'validate', message });
  if (general.length > 0) {
    errors.root = { result: { type: 'validate', message: general.join(' ') } };
  }
  return { values: {}, errors: errors as FieldErrors<ResultFormValues> };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Record<string, unknown> = target;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      node[key] = value;
      return;
    }
    const next = keys[i + 1] ?? '';
    node[key] ??= /^\d+$/.test(next) ? [] : {};
    node = node[key] as Record<string, unknown>;
  });
}
