import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

/** What an empty, failed or missing view means, and what to do about it. */
export function EmptyState({
  title,
  hint,
  action,
  tone = 'neutral',
  icon,
}: {
  title: string;
  hint: ReactNode;
  action?: ReactNode;
  tone?: 'neutral' | 'error';
  icon?: IconName;
}) {
  return (
    <div className={`empty-state empty-${tone}`}>
      <Icon name={icon ?? (tone === 'error' ? 'alert' : 'inbox')} size={22} />
      <p className="empty-state-title">{title}</p>
      <p className="empty-state-hint">{hint}</p>
      {action ? <div className="empty-action">{action}</div> : null}
    </div>
  );
}
