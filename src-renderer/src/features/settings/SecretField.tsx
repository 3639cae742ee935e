import { useEffect, useRef, useState } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { FieldError } from '../../components/FormRow';
import { Icon } from '../../components/Icon';

interface SecretFieldProps {
  id: string;
  label: string;
  hint: string;
  /** Whether the keychain holds one; null while unknown or for a workspace not yet created. */
  stored: boolean | null;
  registration: UseFormRegisterReturn;
  error?: string | undefined;
  /** Empties the field when the user decides to keep the stored secret. */
  onKeep: () => void;
  onClear: () => void;
  busy?: boolean;
}

/**
 * A write-only secret. The page never holds the stored value: it only knows that one exists, and
 * offers to replace it (type a new one) or clear it.
 */
export function SecretField({
  id,
  label,
  hint,
  stored,
  registration,
  error,
  onKeep,
  onClear,
  busy = false,
}: SecretFieldProps) {
  const [replacing, setReplacing] = useState(false);
  const inputRef = useRef<HTMLInputElement | null>(null);
  const showInput = stored !== true || replacing || Boolean(error);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const statusId = `${id}-status`;

  useEffect(() => {
    if (replacing) inputRef.current?.focus();
  }, [replacing]);

  return (
    <div className="form-row">
      <label htmlFor={showInput ? id : undefined} id={`${id}-label`} className="form-row-label">
        {label}
      </label>
      <div className="form-row-control">
        {stored ? (
          <div className="secret-stored">
            <span id={statusId} className="status status-ok">
              <Icon name="check" />
              Stored in the OS keychain
            </span>
            {!replacing && !error ? (
              <button
                type="button"
                className="btn btn-small"
                aria-label={`Replace ${label}`}
                onClick={() => setReplacing(true)}
                disabled={busy}
              >
                Replace
              </button>
            ) : null}
            <button
              type="button"
              className="btn btn-small btn-quiet danger"
              aria-label={`Clear ${label}`}
              onClick={onClear}
              disabled={busy}
            >
              Clear
            </button>
          </div>
        ) : null}
        {showInput ? (
          <div className="secret-input">
            <input
              {...registration}
              ref={(el) => {
                registration.ref(el);
                inputRef.current = el;
              }}
              id={id}
              type="password"
              className="input mono"
              autoComplete="off"
              spellCheck={false}
              placeholder={stored ? 'New value' : undefined}
              aria-invalid={Boolean(error)}
              aria-describedby={[error ? errorId : null, hintId].filter(Boolean).join(' ')}
            />
            {replacing ? (
              <button
                type="button"
                className="btn btn-small btn-quiet"
                onClick={() => {
                  onKeep();
                  setReplacing(false);
                }}
              >
                Keep stored
              </button>
            ) : null}
          </div>
        ) : null}
        {error ? <FieldError id={errorId}>{error}</FieldError> : null}
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      </div>
    </div>
  );
}
