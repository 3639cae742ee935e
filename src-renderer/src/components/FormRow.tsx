import type { ReactNode } from 'react';
import { Icon } from './Icon';

export interface FieldA11y {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': boolean;
}

interface FormRowProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: (a11y: FieldA11y) => ReactNode;
}

/**
 * Label on the left, control on the right, hint and error under the control. The control is given
 * the ids it must point at, so that a screen reader reads the hint and the error with the field.
 */
export function FormRow({ id, label, hint, error, children }: FormRowProps) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="form-row">
      <label htmlFor={id} className="form-row-label">
        {label}
      </label>
      <div className="form-row-control">
        {children({ id, 'aria-describedby': describedBy, 'aria-invalid': Boolean(error) })}
        {error ? <FieldError id={errorId ?? undefined}>{error}</FieldError> : null}
        {hint ? (
          <p id={hintId ?? undefined} className="field-hint">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

export function FieldError({ id, children }: { id?: string | undefined; children: ReactNode }) {
  return (
    <p id={id} className="field-error">
      <Icon name="alert" size={12} />
      <span>{children}</span>
    </p>
  );
}
