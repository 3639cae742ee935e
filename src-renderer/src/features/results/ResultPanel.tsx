import { useEffect, useRef, useState } from 'react';
import type { OrderKind, OrderResultState, OutboxJob } from '../../../../src-shared/contract';
import {
  QUICK_STATUSES,
  emptyResultValues,
  type QuickStatus,
  type ResultValues,
} from '../../../../src-shared/results';
import { Alert, LoadFailed } from '../../components/Alert';
import { Card } from '../../components/Card';
import { Skeleton } from '../../components/Skeleton';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { useDeskQuery } from '../../lib/use-desk-query';
import { OrderStanding } from './OrderStanding';
import { quickStatusLabel } from './quick-status';
import { ResultForm, type ResultFormHandle } from './ResultForm';
import { QUICK_STATUS_KEYS, useResultShortcuts } from './use-result-shortcuts';
import { useOutboxStatus } from './use-outbox-status';

const QUICK_KEY: Record<QuickStatus, string> = Object.fromEntries(
  Object.entries(QUICK_STATUS_KEYS).map(([key, status]) => [status, key]),
) as Record<QuickStatus, string>;

/**
 * Where the form starts: the draft, else a refused result to fix, else the last one sent. Opened
 * to fix a refused result ("Edit and resend" in Activity), that result comes first.
 */
function startingValues(state: OrderResultState, intent: ResultPanelProps['intent']): ResultValues {
  const parked = state.jobs.find((j) => j.state === 'parked');
  if (intent === 'resend' && parked) return parked.values;
  if (state.draft) return state.draft.values;
  return (parked ?? state.jobs[0])?.values ?? emptyResultValues();
}

interface ResultPanelProps {
  accountId: string;
  orderId: string;
  kind: OrderKind;
  /** Opened with `r` from the queue (`result`) or "Edit and resend" in Activity (`resend`). */
  intent: 'result' | 'resend' | null;
}

/**
 * The order page's right column: where the result stands, quick status actions, and the form.
 * Owns the order page's result keys (`r`, `i`, `p`, Ctrl/Cmd+S, Ctrl/Cmd+Enter).
 */
export function ResultPanel({ accountId, orderId, kind, intent }: ResultPanelProps) {
  const state = useDeskQuery(
    'results:get',
    { accountId, orderId },
    { refreshOn: ['outbox:changed', 'data:changed'] },
  );
  const outbox = useOutboxStatus();
  const formRef = useRef<ResultFormHandle>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The form mounts once with its starting values; "Edit and resend" mounts it again with the
  // refused job's. Later refreshes of results:get never overwrite what is being typed.
  const [start, setStart] = useState<{ values: ResultValues; generation: number } | null>(null);
  if (state.status === 'ready' && start === null) {
    setStart({ values: startingValues(state.data, intent), generation: 0 });
  }

  const focusAfterMount = useRef(intent !== null);
  useEffect(() => {
    if (start && focusAfterMount.current) {
      focusAfterMount.current = false;
      formRef.current?.focus();
    }
  }, [start]);

  const edit = (job: OutboxJob) => {
    setStart((s) => ({ values: job.values, generation: (s?.generation ?? 0) + 1 }));
    focusAfterMount.current = true;
  };

  const quickStatus = async (result: QuickStatus) => {
    setError(null);
    try {
      await call('results:quick-status', { accountId, orderId, result });
      setMessage(`${quickStatusLabel(result, kind)} is queued for the ATS.`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useResultShortcuts({
    focusForm: () => formRef.current?.focus(),
    quickStatus: (r) => void quickStatus(r),
    saveDraft: () => formRef.current?.saveDraft(),
    previewAndSend: () => formRef.current?.previewAndSend(),
  });

  if (state.status === 'error') {
    return (
      <Card title="Result">
        <LoadFailed
          title="The result of this order could not be loaded"
          message={state.error.message}
          onRetry={state.reload}
        />
      </Card>
    );
  }
  if (state.status === 'loading' || start === null) {
    return (
      <Card title="Result">
        <div className="card-skeleton" aria-busy="true">
          <Skeleton width="60%" />
          <Skeleton width="90%" />
          <Skeleton width="80%" />
        </div>
      </Card>
    );
  }
  const s = state.data;
  // Once the result is sent or refused, the standing line says so; "queued" would be stale.
  const shownMessage = s.status === 'sent' || s.status === 'needs_attention' ? null : message;
  const parkedJob = s.jobs.find((j) => j.state === 'parked') ?? null;
  return (
    <Card
      title="Result"
      className="result-card"
      aside={
        <span className="quick-actions" role="group" aria-label="Quick status">
          {QUICK_STATUSES.map((r) => (
            <button
              key={r}
              type="button"
              className="btn btn-small"
              onClick={() => void quickStatus(r)}
              aria-keyshortcuts={QUICK_KEY[r]}
            >
              Mark {quickStatusLabel(r, kind).toLowerCase()} <kbd>{QUICK_KEY[r]}</kbd>
            </button>
          ))}
        </span>
      }
    >
      <OrderStanding state={s} outbox={outbox} onEdit={edit} onChanged={setMessage} />
      {error ? <Alert title="The status was not queued">{error}</Alert> : null}
      <p className="result-message" role="status">
        {shownMessage}
      </p>
      <ResultForm
        key={start.generation}
        ref={formRef}
        accountId={accountId}
        orderId={orderId}
        kind={kind}
        initial={start.values}
        parkedJob={parkedJob}
        hasDraft={s.draft !== null}
        onQueued={setMessage}
      />
    </Card>
  );
}
