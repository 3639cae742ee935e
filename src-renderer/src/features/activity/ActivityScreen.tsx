import { Fragment, useState } from 'react';
import type { SyncSource } from '../../../../src-shared/contract';
import { Card } from '../../components/Card';
import { Icon } from '../../components/Icon';
import { JsonView } from '../../components/JsonView';
import { PagedTable } from '../../components/PagedTable';
import { useDeskQuery } from '../../lib/use-desk-query';
import { useNow } from '../../lib/use-now';
import { useAccountLabels } from '../../lib/use-account-labels';
import { formatAgo, formatDateTime, formatFull } from '../../lib/time-format';
import { SOURCE_LABELS, STATE_LABELS } from '../sync/source-labels';
import { useSyncStore } from '../sync/sync-store';
import '../results/results.css';
import { BulkImportCard } from './BulkImportCard';
import { OutboundLogCard } from './OutboundLogCard';
import { OutboxCard } from './OutboxCard';

const PAGE = 50;

/**
 * What went out and what came in: the outbox (refused sends first), the log of every send to an
 * ATS, bulk results from CSV, sync state per source, and the records that failed validation.
 */
export function ActivityScreen() {
  return (
    <div className="activity-screen">
      <OutboxCard />
      <OutboundLogCard />
      <BulkImportCard />
      <SyncSources />
      <Quarantine />
    </div>
  );
}

function SyncSources() {
  const status = useSyncStore((s) => s.status);
  const error = useSyncStore((s) => s.error);
  const now = useNow(5_000);
  const labels = useAccountLabels();
  return (
    <Card
      title="Sync"
      level={2}
      aside={
        status ? (
          <span className="muted small">Every {Math.round(status.intervalMs / 1000)} s</span>
        ) : null
      }
    >
      {!status ? (
        <p className="muted">{error ?? 'Reading the sync status…'}</p>
      ) : status.sources.length === 0 ? (
        <p className="muted">Nothing to sync yet: this workspace has no sources.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Sync state per source</caption>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Account</th>
              <th scope="col">State</th>
              <th scope="col">Last success</th>
              <th scope="col" className="num">
                Fetched
              </th>
              <th scope="col" className="num">
                Quarantined
              </th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {status.sources.map((s) => (
              <tr key={`${s.source}/${s.accountId ?? ''}`}>
                <th scope="row">{SOURCE_LABELS[s.source as SyncSource] ?? s.source}</th>
                <td>
                  {s.accountId ? (
                    (labels.get(s.accountId) ?? s.accountId)
                  ) : (
                    <span className="muted">Gateway</span>
                  )}
                </td>
                <td>
                  <span className={`status status-sync-${s.state}`}>
                    <Icon
                      name={
                        s.state === 'idle'
                          ? 'check'
                          : s.state === 'running'
                            ? 'refresh'
                            : s.state === 'offline'
                              ? 'offline'
                              : 'warning'
                      }
                    />
                    {STATE_LABELS[s.state]}
                  </span>
                </td>
                <td title={formatFull(s.lastSuccessAt)}>{formatAgo(s.lastSuccessAt, now)}</td>
                <td className="num">{s.counts.fetched}</td>
                <td className="num">{s.counts.quarantined}</td>
                <td className="wrap">{s.lastError ?? <span className="muted">None</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function Quarantine() {
  const [offset, setOffset] = useState(0);
  const [openId, setOpenId] = useState<number | null>(null);
  const list = useDeskQuery(
    'quarantine:list',
    { offset, limit: PAGE },
    { refreshOn: ['data:changed'] },
  );
  return (
    <Card
      title="Quarantine"
      level={2}
      aside={
        <span className="muted small">Records that failed validation. They never stop a sync.</span>
      }
    >
      <PagedTable
        list={list}
        errorTitle="The quarantine list could not be loaded"
        empty={
          <p className="muted">
            <Icon name="check" /> Nothing quarantined: every synced record passed validation.
          </p>
        }
        caption="Quarantined records"
        head={
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Record</th>
            <th scope="col">Reason</th>
            <th scope="col" className="num">
              Seen
            </th>
            <th scope="col">Last seen</th>
            <th scope="col">
              <span className="visually-hidden">Raw record</span>
            </th>
          </tr>
        }
        skeleton={{ columns: 6, rows: 3 }}
        renderRows={(rows) =>
          rows.map((q) => (
            <Fragment key={q.id}>
              <tr>
                <th scope="row">{SOURCE_LABELS[q.source as SyncSource] ?? q.source}</th>
                <td>
                  <code>{q.recordId ?? 'no id'}</code>
                  {q.accountId ? <span className="muted small"> · {q.accountId}</span> : null}
                </td>
                <td className="wrap">{q.reason}</td>
                <td className="num">{q.seenCount}×</td>
                <td title={formatFull(q.lastSeenAt)}>{formatDateTime(q.lastSeenAt)}</td>
                <td className="num">
                  <button
                    type="button"
                    className="btn btn-quiet btn-small"
                    aria-expanded={openId === q.id}
                    onClick={() => setOpenId(openId === q.id ? null : q.id)}
                  >
                    Raw
                    <span className="visually-hidden"> record {q.recordId ?? q.id}</span>
                  </button>
                </td>
              </tr>
              {openId === q.id ? (
                <tr className="subrow">
                  <td colSpan={6}>
                    <JsonView
                      value={q.raw}
                      label={`Raw quarantined record ${q.recordId ?? q.id}`}
                    />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))
        }
        pager={{ offset, limit: PAGE, onOffset: setOffset, noun: 'records', onlyWhenPaged: true }}
      />
    </Card>
  );
}
