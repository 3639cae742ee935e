import type { InputIssue } from '../../../src-shared/contract';
import { Alert } from './Alert';
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

/** Why a CSV file cannot be imported at all (the file, not a row: no header, wrong columns, …). */
export function ImportFileErrors({ file, errors }: { file: string; errors: readonly string[] }) {
  return (
    <Alert title={`${file} cannot be imported`}>
      <ul className="plain-list">
        {errors.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    </Alert>
  );
}

/** The preview's filter, offered when some rows are invalid. */
export function OnlyErrorsToggle({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="checkbox-field">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      Only rows with errors
    </label>
  );
}
