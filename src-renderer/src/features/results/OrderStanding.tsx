import { useState } from 'react';
import type { OrderResultState, OutboxJob, OutboxStatus } from '../../../../src-shared/contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { formatDateTime, formatFull, formatTime } from '../../lib/time-format';
import { resultLabel } from './vocabulary';

const STEPS = [
  { status: 'draft', label: 'Draft' },
  { status: 'queued', label: 'Queued' },
  { status: 'sending', label: 'Sending' },
  { status: 'sent', label: 'Sent' },
  { status: 'needs_attention', label: 'Needs attention' },
] as const;

interface OrderStandingProps {
  state: OrderResultState;
  outbox: OutboxStatus | null;
  /** Load a refused job's values into the form to fix them. */
  onEdit: (job: OutboxJob) => void;
  onChanged: (message: string) => void;
}

/**
 * Where the order's result stands, always in view: Draft · Queued · Sending · Sent · Needs
 * attention, with the current step marked, why a queued result waits, and StackOne's own words
 * when the ATS refused it.
 */
export function OrderStanding({ state, outbox, onEdit, onChanged }: OrderStandingProps) {
  const parked = state.jobs.find((j) => j.state === 'parked') ?? null;
  const active = state.jobs.find((j) => j.state === 'queued' || j.state === 'sending') ?? null;
  const sent = state.jobs.find((j) => j.state === 'sent') ?? null;
  const current = STEPS.some((s) => s.status === state.status) ? state.status : null;

  return (
    <div className="standing" data-status={state.status}>
      <ol className="standing-steps" aria-label="Where the result stands">
        {STEPS.map((s) => (
          <li
            key={s.status}
            className={`standing-step${s.status === current ? ' is-current' : ''}${
              s.status === 'needs_attention' ? ' is-danger' : ''
            }`}
            aria-current={s.status === current ? 'step' : undefined}
          >
            {s.label}
          </li>
        ))}
      </ol>
      <p className="standing-detail" role="status">
        <StandingText state={state} active={active} sent={sent} outbox={outbox} />
      </p>
      {parked ? <ParkedJob job={parked} onEdit={onEdit} onChanged={onChanged} /> : null}
    </div>
  );
}

function StandingText({
  state,
  active,
  sent,
  outbox,
}: {
  state: OrderResultState;
  active: OutboxJob | null;
  sent: OutboxJob | null;
  outbox: OutboxStatus | null;
}) {
  switch (state.status) {
    case 'new':
      return <>Nothing entered yet.</>;
    case 'in_progress':
      return <>In progress. No result sent yet.</>;
    case 'draft':
      return state.draft ? (
        <span title={formatFull(state.draft.savedAt)}>
          Draft saved {formatDateTime(state.draft.savedAt)}. Not sent.
        </span>
      ) : (
        <>Draft. Not sent.</>
      );
    case 'queued': {
      const why = outbox?.wait.message;
      const retryAt = active?.nextAttemptAt;
      return (
        <>
          {resultLabel(active?.resultValue)} is queued
          {active && active.attempts > 0 ? ` (attempt ${active.attempts + 1})` : ''}.{' '}
          {why ? why : retryAt ? `Next try at ${formatTime(retryAt)}.` : 'It goes out in a moment.'}
          {active?.lastError ? <span className="muted"> Last try: {active.lastError}</span> : null}
        </>
      );
    }
    case 'sending':
      return <>Sending {resultLabel(active?.resultValue).toLowerCase()} to the ATS…</>;
    case 'sent':
      return sent ? (
        <span title={formatFull(sent.sentAt)}>
          <Icon name="check" size={12} /> {resultLabel(sent.resultValue)} sent{' '}
          {formatDateTime(sent.sentAt)}; the ATS accepted it.
        </span>
      ) : (
        <>Sent.</>
      );
    case 'needs_attention':
      return <>The ATS refused the last result. Fix it and resend, or discard it.</>;
    default:
      return <>{state.status}</>;
  }
}

function ParkedJob({
  job,
  onEdit,
  onChanged,
}: {
  job: OutboxJob;
  onEdit: (job: OutboxJob) => void;
  onChanged: (message: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const discard = async () => {
    try {
      await call('outbox:discard', { jobId: job.id });
      setConfirming(false);
      onChanged('The refused result is discarded.');
    } catch (e) {
      setConfirming(false);
      setError(errorMessage(e));
    }
  };
  return (
    <div className="alert alert-error parked" role="alert">
      <Icon name="warning" />
      <div className="parked-body">
        <p className="alert-title">
          The ATS refused {resultLabel(job.resultValue).toLowerCase()}
          {job.lastStatus ? ` (HTTP ${job.lastStatus})` : ''}
        </p>
        <p className="parked-message">{job.lastError ?? 'No message came with the refusal.'}</p>
        <ProviderErrors errors={job.providerErrors} />
        {error ? <p className="field-error">{error}</p> : null}
        <div className="alert-action">
          <button type="button" className="btn btn-small btn-primary" onClick={() => onEdit(job)}>
            <Icon name="pencil" size={12} />
            Edit and resend
          </button>
          <button type="button" className="btn btn-small" onClick={() => setConfirming(true)}>
            Discard
          </button>
        </div>
      </div>
      {confirming ? (
        <ConfirmDialog
          title="Discard the refused result?"
          confirmLabel="Discard"
          onCancel={() => setConfirming(false)}
          onConfirm={() => void discard()}
        >
          <p>Nothing more is sent for it. The outbound log keeps the refused attempt.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/** StackOne's `provider_errors`, as received: each one's message when it has one, else its JSON. */
export function ProviderErrors({ errors }: { errors: unknown[] | null }) {
  if (!errors || errors.length === 0) return null;
  return (
    <ul className="provider-errors">
      {errors.map((e, i) => (
        <li key={i}>
          <span className="muted small">Provider: </span>
          {describeProviderError(e)}
        </li>
      ))}
    </ul>
  );
}

/** The spec's ProviderError: `{ status, url, raw, headers }`; `raw` is the provider's own answer. */
function describeProviderError(e: unknown): string {
  if (!e || typeof e !== 'object') return JSON.stringify(e);
  const { status, raw } = e as { status?: unknown; raw?: unknown };
  const rawMessage =
    raw && typeof raw === 'object' && typeof (raw as { message?: unknown }).message === 'string'
      ? (raw as { message: string }).message
      : raw === undefined || raw === null
        ? null
        : JSON.stringify(raw);
  const parts = [typeof status === 'number' ? `HTTP ${status}` : null, rawMessage].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : JSON.stringify(e);
}
