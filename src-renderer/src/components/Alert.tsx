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
