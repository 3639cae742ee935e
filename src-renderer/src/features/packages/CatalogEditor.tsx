import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import {
  DeskCallError,
  type CatalogEntry,
  type CatalogRecord,
} from '../../../../src-shared/contract';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { FormRow } from '../../components/FormRow';
import { call } from '../../lib/desk';
import { errorCode, errorMessage } from '../../lib/errors';
import { ConflictNote, type ShownConflict } from './ConflictNote';
import {
  CatalogFormSchema,
  catalogToForm,
  type CatalogFormValues,
  type ParsedCatalogForm,
} from './package-forms';

const FORM_FIELDS = new Set(['id', 'name', 'type', 'description', 'turnaroundHours']);
const COMPARED = ['name', 'description', 'type', 'turnaroundHours'] as const;

/** The edit beside the version that replaced the one it started from. */
function staleEdit(parsed: ParsedCatalogForm, theirs: CatalogEntry): ShownConflict<CatalogRecord> {
  const mine: CatalogRecord = { ...theirs, ...parsed.values };
  return { mine, theirs, changedFields: COMPARED.filter((f) => mine[f] !== theirs[f]) };
}

/**
 * Create or edit one assessment catalog entry. Saving changes the desk's copy at once and queues
 * the write to the gateway; publishing is a separate, deliberate step.
 */
export function CatalogEditor({
  entry,
  current,
  defaultHours,
  onSaved,
  onClose,
}: {
  /** null: a new package. */
  entry: CatalogEntry | null;
  /** The entry as the desk has it now (a sync may have replaced the one the edit started from). */
  current: CatalogEntry | null;
  defaultHours: number | null;
  onSaved: (entry: CatalogEntry, message: string) => void;
  onClose: () => void;
}) {
  const formId = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState<{
    parsed: ParsedCatalogForm;
    conflict: ShownConflict<CatalogRecord>;
  } | null>(null);
  const form = useForm<CatalogFormValues, unknown, ParsedCatalogForm>({
    resolver: zodResolver(CatalogFormSchema),
    defaultValues: catalogToForm(entry),
  });
  const { register, handleSubmit, formState, setError } = form;
  const { errors, isSubmitting } = formState;

  async function submit(parsed: ParsedCatalogForm, baseVersion = entry?.version ?? 0) {
    setFormError(null);
    setStale(null);
    try {
      const saved = await call('catalog:save', {
        id: parsed.id,
        values: parsed.values,
        baseVersion,
      });
      onSaved(
        saved.entry,
        entry
          ? `Saved “${saved.entry.name}”. Publish to show the change to StackOne.`
          : `Added “${saved.entry.name}” to the catalog. Publish to offer it to customers.`,
      );
    } catch (e) {
      // Someone else's version arrived since this edit started: show both, overwrite nothing.
      if (errorCode(e) === 'conflict' && entry && current && current.version !== entry.version) {
        setStale({ parsed, conflict: staleEdit(parsed, current) });
        return;
      }
      const unplaced: string[] = [];
      if (e instanceof DeskCallError && e.issues?.length) {
        for (const issue of e.issues) {
          const field = issue.path.at(-1);
          if (typeof field === 'string' && FORM_FIELDS.has(field)) {
            setError(field === 'turnaroundHours' ? 'turnaround' : (field as 'name'), {
              type: 'server',
              message: issue.message,
            });
          } else unplaced.push(issue.message);
        }
        if (unplaced.length === 0) return;
      }
      setFormError(unplaced.length ? unplaced.join(' ') : errorMessage(e));
    }
  }

  return (
    <Dialog
      title={entry ? `Edit “${entry.name}”` : 'New assessment package'}
      onClose={onClose}
      className="dialog-wide"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={isSubmitting}>
            {entry ? 'Save package' : 'Add package'}
          </button>
        </>
      }
    >
      <form
        id={formId}
        className="package-form"
        noValidate
        onSubmit={(e) => void handleSubmit((parsed) => submit(parsed))(e)}
      >
        {formError ? <Alert title="The package was not saved">{formError}</Alert> : null}
        {stale && current ? (
          <ConflictNote
            what={`“${current.name}”`}
            conflict={stale.conflict}
            busy={isSubmitting}
            onResolve={(keep) => {
              if (keep === 'theirs') onClose();
              else void submit(stale.parsed, current.version);
            }}
          />
        ) : null}
        <FormRow
          id={`${formId}-id`}
          label="Package id"
          error={errors.id?.message}
          hint={
            entry
              ? 'The id cannot change: customers’ orders refer to it.'
              : 'Your own id for the package; StackOne sends it back with every order.'
          }
        >
          {(a11y) => (
            <input
              {...a11y}
              {...register('id')}
              className="input mono"
              autoComplete="off"
              spellCheck={false}
              readOnly={entry !== null}
              data-autofocus={entry === null ? '' : undefined}
            />
          )}
        </FormRow>
        <FormRow id={`${formId}-name`} label="Name" error={errors.name?.message}>
          {(a11y) => (
            <input
              {...a11y}
              {...register('name')}
              className="input"
              autoComplete="off"
              data-autofocus={entry !== null ? '' : undefined}
            />
          )}
        </FormRow>
        <FormRow
          id={`${formId}-type`}
          label="Type"
          error={errors.type?.message}
          hint="Your own category, e.g. Skills test. Kept for the team; StackOne does not get it."
        >
          {(a11y) => <input {...a11y} {...register('type')} className="input" autoComplete="off" />}
        </FormRow>
        <FormRow
          id={`${formId}-description`}
          label="Description"
          error={errors.description?.message}
        >
          {(a11y) => (
            <textarea {...a11y} {...register('description')} className="input textarea" rows={3} />
          )}
        </FormRow>
        <FormRow
          id={`${formId}-turnaround`}
          label="Turnaround (hours)"
          error={errors.turnaround?.message}
          hint={
            defaultHours === null
              ? 'An order is due this long after it arrives. Empty: the workspace default.'
              : `An order is due this long after it arrives. Empty: the default, ${defaultHours} h.`
          }
        >
          {(a11y) => (
            <input
              {...a11y}
              {...register('turnaround')}
              className="input num hours-wide"
              inputMode="decimal"
              autoComplete="off"
            />
          )}
        </FormRow>
      </form>
    </Dialog>
  );
}
