import { Card } from '../../components/Card';
import { RetryButton } from '../../components/Alert';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { Skeleton } from '../../components/Skeleton';
import { useEscapeBack } from '../../app/use-escape-back';
import { useUiStore } from '../../app/ui-store';
import { useDeskQuery } from '../../lib/use-desk-query';
import { formatDateTime, formatFull } from '../../lib/time-format';
import { KindCell, StatusCell } from '../queue/cells';
import { customerLabel } from '../queue/vocabulary';
import { applicationView } from '../order/record-fields';
import { CandidateCard } from '../order/RecordCards';

/** One cached candidate with their applications and orders: works offline, from the cache. */
export function CandidatePage({ accountId, id }: { accountId: string; id: string }) {
  const back = useUiStore((s) => s.back);
  const open = useUiStore((s) => s.open);
  useEscapeBack('candidates');
  const result = useDeskQuery('candidates:get', { accountId, id }, { refreshOn: ['data:changed'] });

  const backButton = (
    <button
      type="button"
      className="btn btn-quiet btn-small back-button"
      onClick={() => back('candidates')}
    >
      <Icon name="arrowLeft" />
      Back <kbd>Esc</kbd>
    </button>
  );

  if (result.status === 'loading') {
    return (
      <div className="detail-page" aria-busy="true">
        {backButton}
        <div className="card card-skeleton">
          <Skeleton width="30%" />
          <Skeleton width="60%" />
        </div>
      </div>
    );
  }
  if (result.status === 'error') {
    return (
      <div className="detail-page">
        {backButton}
        <EmptyState
          tone="error"
          title="This candidate could not be loaded"
          hint={result.error.message}
          action={<RetryButton onRetry={result.reload} />}
        />
      </div>
    );
  }
  if (!result.data) {
    return (
      <div className="detail-page">
        {backButton}
        <EmptyState
          icon="user"
          title="Not synced yet"
          hint={`Candidate ${id} is not in this computer's cache. It is fetched with the next order that names it.`}
        />
      </div>
    );
  }
  const { candidate, applications, orders } = result.data;
  return (
    <div className="detail-page candidate-page">
      {backButton}
      <header className="detail-header">
        <div>
          <h2 className="detail-title">{candidate.name ?? 'Unnamed candidate'}</h2>
          <p className="detail-subtitle">
            <span>{candidate.email ?? 'No email'}</span>
            <span aria-hidden="true">·</span>
            <span>
              {orders.length} {orders.length === 1 ? 'order' : 'orders'}, {applications.length}{' '}
              {applications.length === 1 ? 'application' : 'applications'}
            </span>
          </p>
        </div>
      </header>
      <div className="detail-columns">
        <div className="detail-main">
          <CandidateCard
            candidate={candidate}
            candidateId={candidate.id}
            fallbackName={candidate.name}
            title="Profile"
          />
        </div>
        <div className="detail-side">
          <Card title="Orders">
            {orders.length === 0 ? (
              <p className="muted">No orders for this candidate in the cache.</p>
            ) : (
              <ul className="link-list">
                {orders.map((o) => (
                  <li key={`${o.accountId}/${o.id}`}>
                    <a
                      href={`#/order/${encodeURIComponent(o.accountId)}/${encodeURIComponent(o.id)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        open('order', [o.accountId, o.id]);
                      }}
                    >
                      {o.jobTitle ?? 'Job not synced yet'}
                    </a>
                    <span className="link-list-meta">
                      <KindCell kind={o.kind} />
                      <StatusCell status={o.status} />
                      <span className="muted" title={formatFull(o.receivedAt)}>
                        {formatDateTime(o.receivedAt)}
                      </span>
                    </span>
                    <span className="muted small">
                      {customerLabel(o.accountName, o.accountProvider, o.accountId)}
                      {o.packageName ? ` · ${o.packageName}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Applications">
            {applications.length === 0 ? (
              <p className="muted">No applications cached for this candidate.</p>
            ) : (
              <ul className="link-list">
                {applications.map((a) => {
                  const v = applicationView(a.raw, a);
                  // The job's title comes with the candidate's orders for that job, if any.
                  const job = orders.find(
                    (o) => o.accountId === a.accountId && o.jobId === a.jobId && o.jobTitle,
                  )?.jobTitle;
                  return (
                    <li key={`${a.accountId}/${a.id}`}>
                      <span>
                        {job ?? (a.jobId ? `Job ${a.jobId}` : 'No job named')}
                        <span className="muted"> · {v.stage ?? 'No stage given'}</span>
                      </span>
                      <span className="link-list-meta">
                        <span>
                          {a.missing ? 'Not found in the ATS' : (v.status ?? 'No status given')}
                        </span>
                        <code className="muted">{a.id}</code>
                      </span>
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
