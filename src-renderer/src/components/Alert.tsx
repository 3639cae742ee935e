import type { ReactNode } from 'react';
import { Icon } from './Icon';

/** An error or warning in a box. role="alert" so screen readers announce it when it appears. */
export function Alert({
  tone = 'error',
  title,
  children,
  action,
}: {
  tone?: 'error' | 'warn';
  title?: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className={`alert alert-${tone}`} role="alert">
      <Icon name={tone === 'error' ? 'alert' : 'warning'} />
      <div>
        {title ? <p className="alert-title">{title}</p> : null}
        <div>{children}</div>
        {action ? <div className="alert-action">{action}</div> : null}
      </div>
    </div>
  );
}

/** The action of every failed read. */
export function RetryButton({ onRetry }: { onRetry: () => void }) {
  return (
    <button type="button" className="btn btn-small" onClick={onRetry}>
      Try again
    </button>
  );
}

/** A read that failed inside a screen: what could not be loaded, why, and "Try again". */
export function LoadFailed({
  title,
  message,
  onRetry,
}: {
  title: string;
  message: string;
  onRetry: () => void;
}) {
  return (
    <Alert title={title} action={<RetryButton onRetry={onRetry} />}>
      <p>{message}</p>
    </Alert>
  );
}
