import { useState } from 'react';
import type { OutboxJob } from '../../../../src-shared/contract';
import { Alert } from '../../components/Alert';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { PagedTable } from '../../components/PagedTable';
import { useUiStore } from '../../app/ui-store';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { useAccountLabels } from '../../lib/use-account-labels';
import { useDeskQuery } from '../../lib/use-desk-query';
import { formatDateTime, formatFull, formatTime } from '../../lib/time-format';
import { ProviderErrors } from '../results/OrderStanding';
import { JOB_STATES, resultLabel } from '../results/vocabulary';
import { kindLabel } from '../queue/vocabulary';

const PAGE = 50;
const number = new Intl.NumberFormat();

/**
 * Results on their way to ATSs: refused sends first (StackOne's message, "Edit and resend",
 * "Discard"), then the ones waiting, with why they wait.
 */
export function OutboxCard() {
  const [offset, setOffset] = useState(0);
  const parked = useDeskQuery(
    'outbox:list',
    { states: ['parked'], offset, limit: PAGE },
    { refreshOn: ['outbox:changed'] },
  );
  const status = parked.data?.status;
  return (
    <Card
      title="Outbox"
      level={2}
      className="outbox-card"
      aside={
        status ? (
          <span className="muted small tabular">
            {number.format(status.counts.parked)} need attention ·{' '}
            {number.format(status.counts.queued + status.counts.sending)} waiting ·{' '}
            {number.format(status.counts.sent)} sent
          </span>
        ) : null
      }
    >
      {status?.wait.message ? (
        <Alert
          tone="warn"
          title={`${number.format(status.wait.waiting)} ${status.wait.waiting === 1 ? 'result' : 'results'} waiting`}
        >
          {status.wait.message}
          {status.wait.nextAttemptAt
            ? ` Next try at ${formatTime(status.wait.nextAttemptAt)}.`
            : ''}
        </Alert>
      ) : null}
      <h3 className="subheading">Needs attention</h3>
      <PagedTable
        list={parked}
        errorTitle="The outbox could not be loaded"
        empty={
          <p className="muted">
            <Icon name="check" /> Nothing refused: every result sent so far was accepted.
          </p>
        }
        caption="Results the ATS refused"
        head={
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Result</th>
            <th scope="col">What the ATS said</th>
            <th scope="col">Refused</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        }
        skeleton={{ columns: 5, rows: 2 }}
        renderRows={(rows) => rows.map((job) => <ParkedRow key={job.id} job={job} />)}
        pager={{
          offset,
          limit: PAGE,
          onOffset: setOffset,
          noun: 'refused results',
          onlyWhenPaged: true,
        }}
      />
      <WaitingJobs />
    </Card>
  );
}

function OrderCell({ job }: { job: OutboxJob }) {
  const open = useUiStore((s) => s.open);
  const labels = useAccountLabels();
  return (
    <th scope="row">
      <a
        href={`#/order/${encodeURIComponent(job.accountId)}/${encodeURIComponent(job.orderId)}`}
        onClick={(e) => {
          e.preventDefault();
          open('order', [job.accountId, job.orderId]);
        }}
      >
        {job.candidateName ?? job.orderId}
      </a>
      <span className="muted small block">
        {kindLabel(job.kind)} · {labels.get(job.accountId) ?? job.accountId}
      </span>
    </th>
  );
}

function ParkedRow({ job }: { job: OutboxJob }) {
  const open = useUiStore((s) => s.open);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const who = job.candidateName ?? job.orderId;
  const discard = async () => {
    setConfirming(false);
    try {
      await call('outbox:discard', { jobId: job.id });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <tr className="parked-row">
      <OrderCell job={job} />
      <td>{resultLabel(job.resultValue)}</td>
      <td className="wrap">
        <span className="status status-tone-danger">
          <Icon name="warning" />
          {job.lastStatus ? `HTTP ${job.lastStatus}` : 'Refused'}
        </span>{' '}
        {job.lastError}
        <ProviderErrors errors={job.providerErrors} />
        {error ? <p className="field-error">{error}</p> : null}
      </td>
      <td title={formatFull(job.updatedAt)} className="tabular">
        {formatDateTime(job.updatedAt)}
      </td>
      <td className="num actions-cell">
        <button
          type="button"
          className="btn btn-small btn-primary"
          onClick={() => open('order', [job.accountId, job.orderId, 'resend'])}
        >
          Edit and resend<span className="visually-hidden"> the result for {who}</span>
        </button>
        <button type="button" className="btn btn-small" onClick={() => setConfirming(true)}>
          Discard<span className="visually-hidden"> the result for {who}</span>
        </button>
        {confirming ? (
          <ConfirmDialog
            title="Discard the refused result?"
            confirmLabel="Discard"
            onCancel={() => setConfirming(false)}
            onConfirm={() => void discard()}
          >
            <p>Nothing more is sent for {who}. The outbound log keeps the refused attempt.</p>
          </ConfirmDialog>
        ) : null}
      </td>
    </tr>
  );
}

function WaitingJobs() {
  const [offset, setOffset] = useState(0);
  const waiting = useDeskQuery(
    'outbox:list',
    { states: ['queued', 'sending'], offset, limit: PAGE },
    { refreshOn: ['outbox:changed'] },
  );
  return (
    <>
      <h3 className="subheading">Waiting to be sent</h3>
      <PagedTable
        list={waiting}
        errorTitle="The waiting results could not be loaded"
        empty={<p className="muted">Nothing waiting: the outbox is empty.</p>}
        caption="Results waiting to be sent"
        head={
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Result</th>
            <th scope="col">State</th>
            <th scope="col" className="num">
              Tries
            </th>
            <th scope="col">Why it waits</th>
          </tr>
        }
        skeleton={{ columns: 5, rows: 2 }}
        renderRows={(rows) =>
          rows.map((job) => {
            const state = JOB_STATES[job.state];
            return (
              <tr key={job.id}>
                <OrderCell job={job} />
                <td>{resultLabel(job.resultValue)}</td>
                <td>
                  <span className={`status status-tone-${state.tone}`}>
                    <Icon name={state.icon} />
                    {state.label}
                  </span>
                </td>
                <td className="num tabular">{job.attempts}</td>
                <td className="wrap">
                  {job.state === 'sending'
                    ? 'On its way now.'
                    : job.nextAttemptAt
                      ? `Next try at ${formatTime(job.nextAttemptAt)}.`
                      : 'Its turn comes next.'}
                  {job.lastError ? <span className="muted"> Last try: {job.lastError}</span> : null}
                </td>
              </tr>
            );
          })
        }
        pager={{
          offset,
          limit: PAGE,
          onOffset: setOffset,
          noun: 'waiting results',
          onlyWhenPaged: true,
        }}
      />
    </>
  );
}
