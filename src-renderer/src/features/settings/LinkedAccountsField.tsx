import {
  useFieldArray,
  type Control,
  type FieldErrors,
  type UseFormRegister,
} from 'react-hook-form';
import { FieldError } from '../../components/FormRow';
import { Icon } from '../../components/Icon';
import type { WorkspaceFormValues } from './workspace-form';

interface LinkedAccountsFieldProps {
  control: Control<WorkspaceFormValues, unknown, unknown>;
  register: UseFormRegister<WorkspaceFormValues>;
  errors: FieldErrors<WorkspaceFormValues>;
  idPrefix: string;
}

/** StackOne linked accounts: an editable list of id + optional label rows. */
export function LinkedAccountsField({
  control,
  register,
  errors,
  idPrefix,
}: LinkedAccountsFieldProps) {
  // keyName: the rows have their own `id` field (the StackOne account id), which RHF must not reuse.
  const { fields, append, remove } = useFieldArray({
    control,
    name: 'linkedAccounts',
    keyName: 'key',
  });
  const listError = errors.linkedAccounts?.message ?? errors.linkedAccounts?.root?.message;

  return (
    // A group labelled by its row label: a <fieldset> legend will not sit in the label column.
    <div className="form-row" role="group" aria-labelledby={`${idPrefix}-accounts-label`}>
      <span id={`${idPrefix}-accounts-label`} className="form-row-label">
        Linked accounts
      </span>
      <div className="form-row-control">
        {fields.length > 0 ? (
          <div className="accounts">
            <div className="accounts-head" aria-hidden="true">
              <span>Account id</span>
              <span>Label (optional)</span>
              <span />
            </div>
            {fields.map((field, index) => {
              const idError = errors.linkedAccounts?.[index]?.id?.message;
              const labelError = errors.linkedAccounts?.[index]?.label?.message;
              const rowId = `${idPrefix}-account-${index}`;
              const n = index + 1;
              return (
                <div key={field.key} className="accounts-row">
                  <div>
                    <label className="visually-hidden" htmlFor={`${rowId}-id`}>
                      Account id, row {n}
                    </label>
                    <input
                      {...register(`linkedAccounts.${index}.id`)}
                      id={`${rowId}-id`}
                      className="input mono"
                      autoComplete="off"
                      spellCheck={false}
                      aria-invalid={Boolean(idError)}
                      aria-describedby={idError ? `${rowId}-id-error` : undefined}
                    />
                    {idError ? <FieldError id={`${rowId}-id-error`}>{idError}</FieldError> : null}
                  </div>
                  <div>
                    <label className="visually-hidden" htmlFor={`${rowId}-label`}>
                      Customer label, row {n}
                    </label>
                    <input
                      {...register(`linkedAccounts.${index}.label`)}
                      id={`${rowId}-label`}
                      className="input"
                      autoComplete="off"
                      aria-invalid={Boolean(labelError)}
                      aria-describedby={labelError ? `${rowId}-label-error` : undefined}
                    />
                    {labelError ? (
                      <FieldError id={`${rowId}-label-error`}>{labelError}</FieldError>
                    ) : null}
                  </div>
                  <button
                    type="button"
                    className="btn btn-quiet btn-icon"
                    aria-label={`Remove account row ${n}`}
                    title="Remove"
                    onClick={() => remove(index)}
                  >
                    <Icon name="close" />
                  </button>
                </div>
              );
            })}
          </div>
        ) : (
          <p className="muted accounts-empty">No linked accounts yet.</p>
        )}
        {listError ? <FieldError>{listError}</FieldError> : null}
        <div>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => append({ id: '', label: '', provider: '' }, { shouldFocus: true })}
          >
            <Icon name="plus" size={12} />
            Add account
          </button>
        </div>
        <p className="field-hint">
          StackOne&rsquo;s linked-account ids, sent as <code>x-account-id</code>. The label is the
          customer&rsquo;s name as your team knows it.
        </p>
      </div>
    </div>
  );
}
