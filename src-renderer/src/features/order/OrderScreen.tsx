import { useMemo, useState, type ReactNode } from 'react';
import { RetryButton } from '../../components/Alert';
import type { OrderDetail } from '../../../../src-shared/contract';
import { Card, Fact, Facts } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { JsonView } from '../../components/JsonView';
import { Skeleton } from '../../components/Skeleton';
import { useEscapeBack } from '../../app/use-escape-back';
import { useUiStore } from '../../app/ui-store';
import { useDeskQuery } from '../../lib/use-desk-query';
import { formatDateTime, formatFull } from '../../lib/time-format';
import { DueCell, KindCell, StatusCell } from '../queue/cells';
import { customerLabel } from '../queue/vocabulary';
import { useOrderStepping } from '../queue/use-order-stepping';
import { OrderLog } from '../results/OrderLog';
import { UnmappedFlag } from '../mappings/UnmappedFlag';
import { ResultPanel } from '../results/ResultPanel';
import { ClaimButton } from '../team/ClaimButton';
import { TeamBadge } from '../team/TeamBadge';
import '../results/results.css';
import { ApplicationCard, CandidateCard, JobCard } from './RecordCards';
import { historyWords } from './history-words';

/** `#/order/<accountId>/<orderId>`: everything the cache knows about one order. */
export function OrderScreen() {
  const path = useUiStore((s) => s.path);
  const back = useUiStore((s) => s.back);
  const open = useUiStore((s) => s.open);
  const [accountId, id, intent] = path;
  useEscapeBack('queue');
  const stepping = useOrderStepping();
  const now = useMemo(() => new Date().toISOString(), []);
  const order = useDeskQuery(
    'orders:get',
    { accountId: accountId ?? '', id: id ?? '', now },
    { refreshOn: ['data:changed'], enabled: Boolean(accountId && id) },
  );

  const backButton = (
    <div className="detail-nav">
      <button
        type="button"
        className="btn btn-quiet btn-small back-button"
        onClick={() => back('queue')}
      >
        <Icon name="arrowLeft" />
        Back to queue <kbd>Esc</kbd>
      </button>
      {stepping ? (
        <p className="muted small" aria-live="polite">
          Order {stepping.position.toLocaleString()} of {stepping.total.toLocaleString()} in{' '}
          {stepping.label} · <kbd>j</kbd>/<kbd>k</kbd> next/previous
        </p>
      ) : null}
    </div>
  );

  if (!accountId || !id) {
    return (
      <div className="detail-page">
        {backButton}
        <EmptyState title="No order chosen" hint="Open an order from the queue." />
      </div>
    );
  }
  if (order.status === 'loading') return <OrderSkeleton back={backButton} />;
  if (order.status === 'error') {
    return (
      <div className="detail-page">
        {backButton}
        <EmptyState
          tone="error"
          title="This order could not be loaded"
          hint={order.error.message}
          action={<RetryButton onRetry={order.reload} />}
        />
      </div>
    );
  }
  if (!order.data) {
    return (
      <div className="detail-page">
        {backButton}
        <EmptyState
          title="This order is not in the cache"
          hint={`No order ${id} for account ${accountId}. It may belong to another workspace.`}
        />
      </div>
    );
  }
  const o = order.data;
  return (
    <div className="detail-page order-page">
      {backButton}
      <header className="detail-header">
        <div>
          <h2 className="detail-title">
            {o.candidateName ?? o.candidate?.name ?? 'Unnamed candidate'}
          </h2>
          <p className="detail-subtitle">
            <KindCell kind={o.kind} />
            <span aria-hidden="true">·</span>
            <span>{o.jobTitle ?? o.job?.title ?? 'Job not synced yet'}</span>
            <span aria-hidden="true">·</span>
            <span>{customerLabel(o.accountName, o.accountProvider, o.accountId)}</span>
          </p>
        </div>
        <div className="detail-header-end">
          {o.unmapped ? <UnmappedFlag accountId={o.accountId} /> : null}
          <StatusCell status={o.status} />
          <TeamBadge team={o.team} />
          <DueCell dueAt={o.dueAt} overdue={o.overdue} status={o.status} now={Date.parse(now)} />
          <ClaimButton
            order={{ accountId: o.accountId, orderId: o.id }}
            team={o.team}
            onChanged={order.reload}
          />
        </div>
      </header>
      <div className="detail-columns">
        <div className="detail-main">
          <CandidateCard
            candidate={o.candidate}
            candidateId={o.candidateId}
            fallbackName={o.candidateName}
            footer={
              o.candidate && !o.candidate.missing ? (
                <a
                  href={`#/candidates/${encodeURIComponent(o.accountId)}/${encodeURIComponent(o.candidate.id)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    open('candidates', [o.accountId, o.candidate?.id ?? '']);
                  }}
                >
                  All applications and orders of this candidate
                </a>
              ) : null
            }
          />
          <ApplicationCard application={o.application} applicationId={o.applicationId} />
          <JobCard job={o.job} jobId={o.jobId} fallbackTitle={o.jobTitle} />
          <OrderLog accountId={o.accountId} orderId={o.id} />
          <StatusPanel order={o} now={Date.parse(now)} />
          <History order={o} />
          <RawEvent order={o} />
        </div>
        <aside className="detail-side" aria-label="Result entry">
          <ResultPanel
            key={`${o.accountId}/${o.id}`}
            accountId={o.accountId}
            orderId={o.id}
            kind={o.kind}
            intent={intent === 'result' || intent === 'resend' ? intent : null}
          />
        </aside>
      </div>
    </div>
  );
}

function StatusPanel({ order: o, now }: { order: OrderDetail; now: number }) {
  return (
    <Card title="Order">
      <Facts>
        <Fact label="Local status">
          <StatusCell status={o.status} />
        </Fact>
        <Fact label="Due">
          <span className="stack">
            <DueCell dueAt={o.dueAt} overdue={o.overdue} status={o.status} now={now} />
            <span className="muted small">{formatDateTime(o.dueAt)}</span>
          </span>
        </Fact>
        <Fact label="Received">
          <span title={formatFull(o.receivedAt)}>{formatDateTime(o.receivedAt)}</span>
        </Fact>
        <Fact label="Package" missing="No package named">
          {o.unmapped ? (
            <span className="stack">
              <UnmappedFlag accountId={o.accountId} />
              {o.packageId ? <code className="selectable small">{o.packageId}</code> : null}
            </span>
          ) : (
            (o.package?.name ?? o.packageName ?? o.packageId)
          )}
        </Fact>
        <Fact label="Customer">{customerLabel(o.accountName, o.accountProvider, o.accountId)}</Fact>
        <Fact label="Order">
          <code className="selectable">{o.id}</code>
        </Fact>
        {o.remoteId ? (
          <Fact label="ATS reference">
            <code className="selectable">{o.remoteId}</code>
          </Fact>
        ) : null}
      </Facts>
    </Card>
  );
}

function History({ order }: { order: OrderDetail }) {
  return (
    <Card title="History">
      {order.history.length === 0 ? (
        <p className="muted">Nothing has happened to this order yet.</p>
      ) : (
        <ol className="history">
          {order.history.map((h, i) => (
            <li key={`${h.at}-${i}`}>
              <span className="history-when" title={formatFull(h.at)}>
                {formatDateTime(h.at)}
              </span>
              <span className="history-what">{historyWords(h)}</span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function RawEvent({ order }: { order: OrderDetail }) {
  const [open, setOpen] = useState(false);
  return (
    <section className="card raw-event" aria-label="Raw event">
      <button
        type="button"
        className="card-toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <Icon name={open ? 'chevronDown' : 'chevronRight'} />
        <span className="card-toggle-title">Raw event</span>
        <span className="muted small">
          {order.eventId ? `Webhook ${order.eventId}` : 'The webhook as the gateway stored it'}
        </span>
      </button>
      {open ? (
        <div className="card-body">
          {order.rawEvent === null || order.rawEvent === undefined ? (
            <p className="muted">The gateway kept no raw event for this order.</p>
          ) : (
            <JsonView value={order.rawEvent} label="Raw webhook event JSON" />
          )}
        </div>
      ) : null}
    </section>
  );
}

function OrderSkeleton({ back }: { back: ReactNode }) {
  return (
    <div className="detail-page" aria-busy="true">
      {back}
      <header className="detail-header">
        <div style={{ width: '40%' }}>
          <Skeleton width="70%" />
          <div style={{ height: 10 }} />
          <Skeleton width="90%" />
        </div>
      </header>
      <div className="detail-columns">
        <div className="detail-main">
          {[0, 1, 2].map((i) => (
            <div key={i} className="card card-skeleton">
              <Skeleton width="30%" />
              <Skeleton width="80%" />
              <Skeleton width="60%" />
            </div>
          ))}
        </div>
        <div className="detail-side">
          <div className="card card-skeleton">
            <Skeleton width="40%" />
            <Skeleton width="70%" />
          </div>
        </div>
      </div>
    </div>
  );
}
