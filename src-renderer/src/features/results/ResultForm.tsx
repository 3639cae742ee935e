import { useEffect, useId, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useForm, useWatch, type FieldPath } from 'react-hook-form';
import {
  DeskCallError,
  type OrderKind,
  type OutboxJob,
  type ResultPreview,
} from '../../../../src-shared/contract';
import { RESULT_LABELS, type ResultValues } from '../../../../src-shared/results';
import { Alert } from '../../components/Alert';
import { FieldError, FormRow } from '../../components/FormRow';
import { Icon } from '../../components/Icon';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { formatTime } from '../../lib/time-format';
import { AttachmentsField } from './AttachmentsField';
import { localInputToIso, nowLocalInput, timeZoneLabel } from './local-time';
import { PreviewDialog } from './PreviewDialog';
import { quickStatusLabel } from './quick-status';
import {
  emptyResultForm,
  formToValues,
  issuesToErrors,
  resultResolver,
  valuesToForm,
  type ResultFormValues,
} from './result-form';
import { RESULT_GROUPS } from './vocabulary';

/** How long typing pauses before the draft is saved. */
export const DRAFT_SAVE_DELAY_MS = 600;

/** What the order page (and its keyboard shortcuts) can ask of the form. */
export interface ResultFormHandle {
  focus: () => void;
  saveDraft: () => void;
  previewAndSend: () => void;
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'failed'; message: string };

interface ResultFormProps {
  accountId: string;
  orderId: string;
  kind: OrderKind;
  /** Where the form starts: the draft, a refused job's values, the last sent values, or empty. */
  initial: ResultValues;
  /** A refused job of this order: sending resends it with the form's values. */
  parkedJob: OutboxJob | null;
  /** The order has a draft in the cache (offers "Discard draft"). */
  hasDraft: boolean;
  onQueued: (message: string) => void;
  ref?: Ref<ResultFormHandle>;
}

/**
 * The result of one order, as the PATCH body in the spec has it. Every change is saved as the
 * order's draft after a short pause; "Preview and send" shows the exact request main will queue.
 */
export function ResultForm({
  accountId,
  orderId,
  kind,
  initial,
  parkedJob,
  hasDraft,
  onQueued,
  ref,
}: ResultFormProps) {
  const id = useId();
  const form = useForm<ResultFormValues, unknown, ResultValues>({
    resolver: resultResolver,
    defaultValues: valuesToForm(initial),
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { register, handleSubmit, formState, setError, setValue, setFocus, control } = form;
  const { errors } = formState;
  const watched = useWatch({ control }) as ResultFormValues;

  // Drafts: saved after a pause in typing, and at once on Ctrl+S. The last saved values are
  // remembered so that an unchanged form is not saved again (and a freshly loaded one not at all).
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const lastSaved = useRef(JSON.stringify(formToValues(valuesToForm(initial))));
  const saving = useRef<Promise<void> | null>(null);
  const [draftShown, setDraftShown] = useState(hasDraft);

  async function saveDraft(values: ResultValues): Promise<void> {
    const text = JSON.stringify(values);
    if (text === lastSaved.current) return;
    setSave({ kind: 'saving' });
    try {
      const out = await call('results:save-draft', { accountId, orderId, values });
      lastSaved.current = text;
      setSave({ kind: 'saved', at: out.savedAt });
      setDraftShown(true);
    } catch (e) {
      setSave({ kind: 'failed', message: errorMessage(e) });
    }
  }
  const saveNow = () => {
    const run = saveDraft(formToValues(form.getValues()));
    saving.current = run;
    return run;
  };

  const watchedKey = JSON.stringify(formToValues(watched));
  useEffect(() => {
    if (watchedKey === lastSaved.current) return;
    const t = setTimeout(() => void saveNow(), DRAFT_SAVE_DELAY_MS);
    return () => clearTimeout(t);
    // saveNow reads the form at the time it runs; only a change of the values restarts the pause.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [watchedKey]);

  // Preview and send.
  const [preview, setPreview] = useState<{ values: ResultValues; request: ResultPreview } | null>(
    null,
  );
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);

  const placeIssues = (issues: DeskCallError['issues']) => {
    const { fields, general } = issuesToErrors(issues ?? []);
    for (const [field, message] of fields) {
      setError(field as FieldPath<ResultFormValues>, { type: 'server', message });
    }
    const first = fields.keys().next().value;
    if (first) setFocus(first as FieldPath<ResultFormValues>);
    if (general.length > 0) setFormError(general.join(' '));
  };

  const openPreview = handleSubmit(
    async (values) => {
      setFormError(null);
      setBusy(true);
      try {
        const request = await call('results:preview', { accountId, orderId, values });
        setSendError(null);
        setPreview({ values, request });
      } catch (e) {
        setFormError(errorMessage(e));
      } finally {
        setBusy(false);
      }
    },
    (invalid) => {
      // Focus the first field the coordinator must fix; the error is read with it.
      const first = Object.keys(invalid).find((k) => k !== 'root');
      if (first === 'score') setFocus('score.value');
      else if (first === 'attachments') setFocus('attachments.0.url');
    },
  );

  async function send(confirmFinalResend: boolean) {
    if (!preview) return;
    setBusy(true);
    setSendError(null);
    try {
      const { values } = preview;
      // A draft save still on its way must not land after the send and bring the draft back.
      await saving.current;
      if (parkedJob) {
        await call('outbox:resend', { jobId: parkedJob.id, values, confirmFinalResend });
        // The edits were saved as a draft as they were typed; they now live in the job. (Queueing
        // with results:send drops the draft in the same write; resending does not.)
        if (draftShown) await call('results:discard-draft', { accountId, orderId });
      } else {
        await call('results:send', { accountId, orderId, values, confirmFinalResend });
      }
      // What went out is what the form shows: no draft left to save.
      lastSaved.current = JSON.stringify(values);
      setDraftShown(false);
      setSave({ kind: 'idle' });
      setPreview(null);
      onQueued(
        `${values.result ? RESULT_LABELS[values.result] : 'The result'} is queued for the ATS.`,
      );
    } catch (e) {
      if (e instanceof DeskCallError && e.code === 'invalid_input' && e.issues?.length) {
        setPreview(null);
        placeIssues(e.issues);
      } else {
        setSendError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  }

  async function discardDraft() {
    try {
      await call('results:discard-draft', { accountId, orderId });
      setDraftShown(false);
      setSave({ kind: 'idle' });
      const empty = emptyResultForm();
      lastSaved.current = JSON.stringify(formToValues(empty));
      form.reset(empty);
      onQueued('The draft is discarded.');
    } catch (e) {
      setFormError(errorMessage(e));
    }
  }

  useImperativeHandle(ref, () => ({
    focus: () => setFocus('result'),
    saveDraft: () => void saveNow(),
    previewAndSend: () => void openPreview(),
  }));

  const dateHint = (value: string) => {
    const iso = localInputToIso(value);
    return iso && iso !== value ? (
      <>
        Sent as <code>{iso}</code>
      </>
    ) : (
      <>Your time zone: {timeZoneLabel()}</>
    );
  };
  const rootError = (errors.root as Record<string, { message?: string }> | undefined)?.result
    ?.message;
  const fieldId = (name: string) => `${id}-${name}`;

  return (
    <form
      className="result-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void openPreview();
      }}
    >
      {parkedJob ? (
        <p className="result-form-note">
          <Icon name="pencil" />
          Editing the result the ATS refused. Sending replaces it.
        </p>
      ) : null}

      <FormRow id={fieldId('result')} label="Result" error={errors.result?.message}>
        {(a11y) => (
          <select {...register('result')} {...a11y} className="select">
            <option value="">Not set</option>
            {RESULT_GROUPS.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.values.map((v) => (
                  <option key={v} value={v}>
                    {v === 'initiated' ? quickStatusLabel(v, kind) : RESULT_LABELS[v]}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </FormRow>

      <div className="form-row" role="group" aria-labelledby={fieldId('score-heading')}>
        <span id={fieldId('score-heading')} className="form-row-label">
          Score
        </span>
        <div className="form-row-control score-fields">
          {(
            [
              ['value', 'Value'],
              ['min', 'Min'],
              ['max', 'Max'],
              ['label', 'Label'],
            ] as const
          ).map(([key, label]) => {
            const error = errors.score?.[key]?.message;
            const fid = fieldId(`score-${key}`);
            return (
              <div key={key} className={`score-field score-${key}`}>
                <label htmlFor={fid} className="score-field-label">
                  <span className="visually-hidden">Score </span>
                  {label}
                </label>
                <input
                  {...register(`score.${key}`)}
                  id={fid}
                  className="input tabular"
                  autoComplete="off"
                  inputMode={key === 'label' ? undefined : 'decimal'}
                  aria-invalid={Boolean(error)}
                  aria-describedby={error ? `${fid}-error` : undefined}
                />
                {error ? <FieldError id={`${fid}-error`}>{error}</FieldError> : null}
              </div>
            );
          })}
        </div>
      </div>

      <FormRow id={fieldId('summary')} label="Summary" error={errors.summary?.message}>
        {(a11y) => (
          <textarea {...register('summary')} {...a11y} className="input textarea" rows={4} />
        )}
      </FormRow>

      <FormRow
        id={fieldId('result-url')}
        label="Result URL"
        error={errors.resultUrl?.message}
        hint="The full report, https:// only."
      >
        {(a11y) => (
          <input
            {...register('resultUrl')}
            {...a11y}
            type="url"
            className="input"
            placeholder="https://"
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </FormRow>

      <div className="date-fields">
        <FormRow
          id={fieldId('start')}
          label="Started"
          error={errors.startDate?.message}
          hint={dateHint(watched.startDate)}
        >
          {(a11y) => (
            <input {...register('startDate')} {...a11y} type="datetime-local" className="input" />
          )}
        </FormRow>
        <FormRow
          id={fieldId('submitted')}
          label="Submitted"
          error={errors.submissionDate?.message}
          hint={dateHint(watched.submissionDate)}
        >
          {(a11y) => (
            <span className="input-with-action">
              <input
                {...register('submissionDate')}
                {...a11y}
                type="datetime-local"
                className="input"
              />
              <button
                type="button"
                className="btn btn-small"
                aria-label="Submitted now"
                onClick={() =>
                  setValue('submissionDate', nowLocalInput(), {
                    shouldDirty: true,
                    shouldValidate: formState.isSubmitted,
                  })
                }
              >
                Now
              </button>
            </span>
          )}
        </FormRow>
      </div>

      <AttachmentsField control={control} register={register} errors={errors} idPrefix={id} />

      <FormRow
        id={fieldId('profile')}
        label="Candidate profile URL"
        error={errors.candidateProfileUrl?.message}
      >
        {(a11y) => (
          <input
            {...register('candidateProfileUrl')}
            {...a11y}
            type="url"
            className="input"
            placeholder="https://"
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </FormRow>

      <details className="advanced" open={Boolean(errors.passthrough || errors.resultSourceValue)}>
        <summary>Advanced</summary>
        <FormRow
          id={fieldId('source')}
          label="Result in your own words"
          error={errors.resultSourceValue?.message}
          hint={
            <>
              Sent as <code>result.source_value</code>, e.g. &ldquo;Clear&rdquo; or
              &ldquo;Consider&rdquo;.
            </>
          }
        >
          {(a11y) => (
            <input
              {...register('resultSourceValue')}
              {...a11y}
              className="input"
              autoComplete="off"
            />
          )}
        </FormRow>
        <FormRow
          id={fieldId('passthrough')}
          label="Passthrough JSON"
          error={errors.passthrough?.message}
          hint="A JSON object passed to the ATS as it is (provider-specific fields)."
        >
          {(a11y) => (
            <textarea
              {...register('passthrough')}
              {...a11y}
              className="input textarea mono"
              rows={4}
              spellCheck={false}
              placeholder='{"key": "value"}'
            />
          )}
        </FormRow>
      </details>

      {rootError || formError ? (
        <Alert title="The result cannot be sent yet">{rootError ?? formError}</Alert>
      ) : null}

      <div className="result-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          <Icon name="send" />
          Preview and send… <kbd className="kbd-on-primary">{modKey}↵</kbd>
        </button>
        <button type="button" className="btn" onClick={() => void saveNow()}>
          Save draft <kbd>{modKey}S</kbd>
        </button>
        {draftShown ? (
          <button type="button" className="btn btn-quiet" onClick={() => void discardDraft()}>
            Discard draft
          </button>
        ) : null}
      </div>
      <p className="draft-state" role="status">
        <DraftState save={save} />
      </p>

      {preview ? (
        <PreviewDialog
          preview={preview.request}
          resend={parkedJob !== null}
          busy={busy}
          error={sendError}
          onSend={(confirm) => void send(confirm)}
          onClose={() => setPreview(null)}
        />
      ) : null}
    </form>
  );
}

const modKey = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

function DraftState({ save }: { save: SaveState }) {
  switch (save.kind) {
    case 'idle':
      return null;
    case 'saving':
      return <span className="muted">Saving draft…</span>;
    case 'saved':
      return (
        <span className="muted">
          <Icon name="check" size={12} /> Draft saved {formatTime(save.at)}
        </span>
      );
    case 'failed':
      return (
        <span className="field-error">
          <Icon name="alert" size={12} /> Draft not saved: {save.message}
        </span>
      );
  }
}
