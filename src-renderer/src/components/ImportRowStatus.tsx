import type { InputIssue } from '../../../src-shared/contract';
import { Icon } from './Icon';

/** An import preview row's last cell: ready (with what it will do), or each problem and its column. */
export function ImportRowStatus({
  issues,
  ready = 'Ready',
}: {
  issues: readonly InputIssue[];
  ready?: string;
}) {
  if (issues.length === 0) {
    return (
      <span className="status status-tone-ok">
        <Icon name="check" />
        {ready}
      </span>
    );
  }
  return (
    <ul className="plain-list import-issues">
      {issues.map((issue, i) => (
        <li key={i}>
          <Icon name="alert" size={12} />{' '}
          {issue.path.length > 0 ? (
            <code className="issue-column">{issue.path.join('.')}</code>
          ) : null}{' '}
          {issue.message}
        </li>
      ))}
    </ul>
  );
}
