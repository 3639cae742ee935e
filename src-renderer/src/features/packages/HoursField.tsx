import { useId, useState, type FormEvent } from 'react';
import { Icon } from '../../components/Icon';

/** The same bounds main enforces (a turnaround longer than a year is a typo, not an SLA). */
export const MAX_TURNAROUND_HOURS = 24 * 365;

/** Parses what was typed; returns hours, null for an empty field, or the reason it is not valid. */
export function parseHours(text: string): { hours: number | null } | { problem: string } {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return { hours: null };
  const hours = Number(trimmed);
  if (!Number.isFinite(hours)) return { problem: 'Enter a number of hours, e.g. 48 or 1.5.' };
  if (hours <= 0) return { problem: 'A turnaround is more than 0 hours.' };
  if (hours > MAX_TURNAROUND_HOURS)
    return { problem: 'A turnaround is at most 8,760 hours (a year).' };
  return { hours };
}

export function formatHours(hours: number): string {
  return `${hours.toLocaleString(undefined, { maximumFractionDigits: 2 })} h`;
}

interface HoursFieldProps {
  /** The accessible name of the input, e.g. "Turnaround for Assessment A". */
  label: string;
  /** Show the label (a form row) or keep it for screen readers only (a table cell). */
  showLabel?: boolean;
  /** The saved value; null = not set (the field shows `placeholder`). */
  value: number | null;
  placeholder?: string;
  /** An empty field means "not set" (a package back on the default); the default itself needs a value. */
  allowEmpty: boolean;
  busy: boolean;
  /** Resolves true once saved; false when saving failed (the draft stays for another try). */
  onSave: (hours: number | null) => Promise<boolean>;
}

/**
 * One turnaround in hours, saved with Enter or the Save button. The draft survives refetches of the
 * settings (a sync refreshes them often) until it is saved or the saved value changes under it.
 */
export function HoursField({
  label,
  showLabel = false,
  value,
  placeholder,
  allowEmpty,
  busy,
  onSave,
}: HoursFieldProps) {
  const id = useId();
  const saved = value === null ? '' : String(value);
  const [draft, setDraft] = useState<{ base: string; text: string } | null>(null);
  // A draft typed against an older saved value is dropped when that value changes.
  const text = draft && draft.base === saved ? draft.text : saved;
  const parsed = parseHours(text);
  const problem =
    'problem' in parsed
      ? parsed.problem
      : parsed.hours === null && !allowEmpty
        ? 'Enter the default turnaround in hours.'
        : null;
  const dirty = text.trim() !== saved;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!dirty || problem !== null || 'problem' in parsed) return;
    if (await onSave(parsed.hours)) setDraft(null);
  }

  return (
    <form className="hours-field" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={id} className={showLabel ? 'field-label' : 'visually-hidden'}>
        {label}
      </label>
      <span className="hours-input">
        <input
          id={id}
          className="input num"
          inputMode="decimal"
          autoComplete="off"
          value={text}
          placeholder={placeholder}
          aria-invalid={dirty && problem !== null}
          aria-describedby={dirty && problem !== null ? `${id}-problem` : undefined}
          onChange={(e) => setDraft({ base: saved, text: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && dirty) {
              e.stopPropagation();
              setDraft(null);
            }
          }}
        />
        <span className="muted" aria-hidden="true">
          h
        </span>
      </span>
      <button
        type="submit"
        className="btn btn-small"
        disabled={!dirty || problem !== null || busy}
        aria-label={`Save ${label.toLowerCase()}`}
      >
        Save
      </button>
      {dirty && problem !== null ? (
        <span id={`${id}-problem`} className="field-error">
          <Icon name="alert" size={12} />
          {problem}
        </span>
      ) : null}
    </form>
  );
}
