import { useId, useState } from 'react';
import type { SyncStatus } from '../../../../src-shared/contract';
import { Icon, type IconName } from '../../components/Icon';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { useNow } from '../../lib/use-now';
import { usePopover } from '../../lib/use-popover';
import { useAccountLabels } from '../../lib/use-account-labels';
import { formatAgo, formatFull, formatTime } from '../../lib/time-format';
import { SOURCE_LABELS, STATE_LABELS } from './source-labels';
import { isOffline, longestWait, serviceOf, useSyncStore } from './sync-store';

export function summarize(
  status: SyncStatus | null,
  now: number,
): { text: string; icon: IconName; tone: string; lastSynced: string | null } {
  if (!status) {
    return { text: 'Sync status unknown', icon: 'circle', tone: 'muted', lastSynced: null };
  }
  // While it syncs or waits, the last success stays in view: it is what the data on screen is from.
  const lastSynced = status.lastSuccessAt
    ? `last synced ${formatAgo(status.lastSuccessAt, now)}`
    : null;
  if (isOffline(status)) return { text: 'Offline', icon: 'offline', tone: 'warn', lastSynced };
  // A service that does not answer or asks to wait: say so, with since when, not "Syncing…".
  const waiting = longestWait(status);
  if (waiting) {
    const text = `Still waiting for ${serviceOf(waiting)} since ${formatTime(waiting.waiting.since)}`;
    return { text, icon: 'warning', tone: 'warn', lastSynced };
  }
  if (status.state === 'running') {
    return { text: 'Syncing…', icon: 'refresh', tone: 'active', lastSynced };
  }
  if (status.state === 'error') {
    return { text: 'Sync failed', icon: 'warning', tone: 'danger', lastSynced };
  }
  if (!status.lastSuccessAt) {
    return { text: 'Not synced yet', icon: 'circle', tone: 'muted', lastSynced: null };
  }
  return {
    text: `Synced ${formatAgo(status.lastSuccessAt, now)}`,
    icon: 'dot',
    tone: 'ok',
    lastSynced: null,
  };
}

/** "● Synced 12 s ago ⟳" in the top bar; details per source on click. */
export function SyncIndicator() {
  const status = useSyncStore((s) => s.status);
  const readError = useSyncStore((s) => s.error);
  const now = useNow(5_000);
  const { open, setOpen, root, toggle } = usePopover();
  const [runError, setRunError] = useState<string | null>(null);
  const panelId = useId();
  const summary = summarize(status, now);

  const syncNow = async () => {
    setRunError(null);
    try {
      await call('sync:run-now', {});
    } catch (e) {
      setRunError(errorMessage(e));
    }
  };

  return (
    <div className="sync-indicator" ref={root}>
      <button
        ref={toggle}
        type="button"
        className={`sync-status sync-tone-${summary.tone}`}
        aria-expanded={open}
        aria-controls={panelId}
        title={
          status?.lastSuccessAt ? `Last synced ${formatFull(status.lastSuccessAt)}` : undefined
        }
        onClick={() => setOpen(!open)}
      >
        <span className={summary.icon === 'refresh' ? 'spin' : undefined}>
          <Icon name={summary.icon} />
        </span>
        <span className="sync-text">{summary.text}</span>
        {summary.lastSynced ? (
          <span className="sync-last muted small"> · {summary.lastSynced}</span>
        ) : null}
      </button>
      <button
        type="button"
        className="btn btn-quiet btn-icon"
        aria-label="Sync now"
        title="Sync now"
        disabled={status?.state === 'running'}
        onClick={() => void syncNow()}
      >
        <Icon name="refresh" />
      </button>
      {open ? (
        <div className="popover sync-popover" id={panelId} role="region" aria-label="Sync status">
          <SyncDetails
            status={status}
            now={now}
            readError={readError ?? runError}
            onSyncNow={() => void syncNow()}
          />
        </div>
      ) : null}
    </div>
  );
}

function SyncDetails({
  status,
  now,
  readError,
  onSyncNow,
}: {
  status: SyncStatus | null;
  now: number;
  readError: string | null;
  onSyncNow: () => void;
}) {
  const labels = useAccountLabels();
  if (!status) {
    return <p className="muted">{readError ?? 'Reading the sync status…'}</p>;
  }
  const interval = Math.round(status.intervalMs / 1000);
  return (
    <>
      <p className="popover-title">
        {summarize(status, now).text}
        <span className="muted small">
          {' '}
          · every {interval >= 60 ? `${Math.round(interval / 60)} min` : `${interval} s`}
          {status.lastSuccessAt ? ` · last synced ${formatAgo(status.lastSuccessAt, now)}` : ''}
        </span>
      </p>
      {readError ? <p className="field-error">{readError}</p> : null}
      <ul className="source-list">
        {status.sources.length === 0 ? <li className="muted">No sources configured.</li> : null}
        {status.sources.map((s) => (
          <li key={`${s.source}/${s.accountId ?? ''}`} className={`source source-${s.state}`}>
            <span className="source-name">
              {SOURCE_LABELS[s.source]}
              {s.accountId ? (
                <span className="muted"> · {labels.get(s.accountId) ?? s.accountId}</span>
              ) : null}
            </span>
            <span className="source-state">
              {STATE_LABELS[s.state]} · {formatAgo(s.lastSuccessAt, now)}
            </span>
            {s.waiting ? (
              <span className="source-error">
                Waiting for {serviceOf(s)} since {formatTime(s.waiting.since)}
                {s.waiting.until ? `, next try at ${formatTime(s.waiting.until)}` : ''}:{' '}
                {s.waiting.reason}
              </span>
            ) : s.lastError ? (
              <span className="source-error">{s.lastError}</span>
            ) : null}
            {s.notice ? <span className="muted small">{s.notice}</span> : null}
          </li>
        ))}
      </ul>
      <div className="popover-footer">
        <button
          type="button"
          className="btn btn-small btn-primary"
          onClick={onSyncNow}
          disabled={status.state === 'running'}
        >
          <Icon name="refresh" />
          Sync now
        </button>
        {status.quarantined > 0 ? (
          <a href="#/activity" className="small">
            {status.quarantined} quarantined {status.quarantined === 1 ? 'record' : 'records'}
          </a>
        ) : null}
      </div>
    </>
  );
}
