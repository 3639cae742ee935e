import {
  useFieldArray,
  type Control,
  type FieldErrors,
  type UseFormRegister,
} from 'react-hook-form';
import { ATTACHMENT_CONTENT_TYPES, RESULT_LIMITS } from '../../../../src-shared/results';
import { FieldError } from '../../components/FormRow';
import { Icon } from '../../components/Icon';
import type { ResultFormValues } from './result-form';

const CONTENT_TYPE_LABELS: Record<(typeof ATTACHMENT_CONTENT_TYPES)[number], string> = {
  pdf: 'PDF',
  text: 'Text',
  video: 'Video',
  other: 'Other',
};

interface AttachmentsFieldProps {
  control: Control<ResultFormValues, unknown, unknown>;
  register: UseFormRegister<ResultFormValues>;
  errors: FieldErrors<ResultFormValues>;
  idPrefix: string;
}

/** Attachments are links (the spec has no upload): rows of URL + content type. */
export function AttachmentsField({ control, register, errors, idPrefix }: AttachmentsFieldProps) {
  const { fields, append, remove } = useFieldArray({ control, name: 'attachments' });
  const labelId = `${idPrefix}-attachments-label`;
  return (
    <div className="form-row" role="group" aria-labelledby={labelId}>
      <span id={labelId} className="form-row-label">
        Attachments
      </span>
      <div className="form-row-control">
        {fields.length === 0 ? <p className="muted small">No attachments.</p> : null}
        {fields.map((field, index) => {
          const n = index + 1;
          const rowId = `${idPrefix}-attachment-${index}`;
          const urlError = errors.attachments?.[index]?.url?.message;
          const typeError = errors.attachments?.[index]?.contentType?.message;
          return (
            <div key={field.id} className="attachment-row">
              <div>
                <label className="visually-hidden" htmlFor={`${rowId}-url`}>
                  Attachment {n} URL
                </label>
                <input
                  {...register(`attachments.${index}.url`)}
                  id={`${rowId}-url`}
                  type="url"
                  className="input"
                  placeholder="https://"
                  autoComplete="off"
                  spellCheck={false}
                  aria-invalid={Boolean(urlError)}
                  aria-describedby={urlError ? `${rowId}-url-error` : undefined}
                />
                {urlError ? <FieldError id={`${rowId}-url-error`}>{urlError}</FieldError> : null}
              </div>
              <div>
                <label className="visually-hidden" htmlFor={`${rowId}-type`}>
                  Attachment {n} content type
                </label>
                <select
                  {...register(`attachments.${index}.contentType`)}
                  id={`${rowId}-type`}
                  className="select"
                  aria-invalid={Boolean(typeError)}
                >
                  {ATTACHMENT_CONTENT_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {CONTENT_TYPE_LABELS[t]}
                    </option>
                  ))}
                </select>
              </div>
              <button
                type="button"
                className="btn btn-quiet btn-icon"
                aria-label={`Remove attachment ${n}`}
                title="Remove"
                onClick={() => remove(index)}
              >
                <Icon name="close" />
              </button>
            </div>
          );
        })}
        {fields.length < RESULT_LIMITS.attachments ? (
          <div>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => append({ url: '', contentType: 'pdf' }, { shouldFocus: true })}
            >
              <Icon name="plus" size={12} />
              Add attachment
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
