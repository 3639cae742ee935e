import { useId, useState } from 'react';
import type { ConnectionCheck, LinkedAccount } from '../../../../src-shared/contract';
import { Icon } from '../../components/Icon';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';

type TestState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; checks: ConnectionCheck[] }
  | { status: 'failed'; message: string };

function accountName(accountId: string | null, accounts: readonly LinkedAccount[]): string {
  if (accountId === null) return 'Workspace';
  const label = accounts.find((a) => a.id === accountId)?.label;
  return label ? `${label} (${accountId})` : accountId;
}

/**
 * "Test connection": one real, read-only StackOne call per linked account, run by main with the
 * saved settings and the key in the keychain. Each account gets its own line, in plain words.
 */
export function TestConnection({
  workspaceId,
  accounts,
  dirty,
}: {
  workspaceId: string;
  accounts: readonly LinkedAccount[];
  /** Unsaved edits are not what main tests; say so rather than surprise. */
  dirty: boolean;
}) {
  const [state, setState] = useState<TestState>({ status: 'idle' });
  const labelId = useId();

  async function run() {
    setState({ status: 'running' });
    try {
      const { checks } = await call('workspaces:test-connection', { workspaceId });
      setState({ status: 'done', checks });
    } catch (e) {
      setState({ status: 'failed', message: errorMessage(e) });
    }
  }

  const passed = state.status === 'done' ? state.checks.filter((c) => c.ok).length : 0;

  return (
    <div className="form-row" role="group" aria-labelledby={labelId}>
      <span id={labelId} className="form-row-label">
        Connection
      </span>
      <div className="form-row-control">
        <div>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void run()}
            disabled={state.status === 'running'}
          >
            {state.status === 'running' ? 'Testing…' : 'Test connection'}
          </button>
        </div>
        <div aria-live="polite" className="connection-results">
          {state.status === 'failed' ? (
            <p className="field-error">
              <Icon name="alert" size={12} />
              <span>{state.message}</span>
            </p>
          ) : null}
          {state.status === 'done' ? (
            <>
              <p className="connection-summary">
                {passed} of {state.checks.length} {state.checks.length === 1 ? 'check' : 'checks'}{' '}
                passed
              </p>
              <ul className="connection-checks">
                {state.checks.map((c) => (
                  <li
                    key={c.accountId ?? '(workspace)'}
                    className={`status ${c.ok ? 'status-ok' : 'status-failed'}`}
                  >
                    <Icon name={c.ok ? 'check' : 'alert'} size={12} />
                    <span>
                      <span className="connection-account">
                        {accountName(c.accountId, accounts)}
                      </span>
                      {' — '}
                      {c.message}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
        <p className="field-hint">
          {dirty
            ? 'Tests the saved settings: save your changes first to test them.'
            : 'Makes one read-only StackOne call per linked account with the stored API key.'}
        </p>
      </div>
    </div>
  );
}
