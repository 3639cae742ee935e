import type { ReactNode } from 'react';
import type { Application, Candidate, Job } from '../../../../src-shared/contract';
import { Card, Fact, Facts } from '../../components/Card';
import { Icon } from '../../components/Icon';
import { useNow } from '../../lib/use-now';
import { formatCompact, formatDateTime, formatFull } from '../../lib/time-format';
import { applicationView, candidateView, isWebLink, jobView } from './record-fields';

/**
 * What the cache knows about a record that is not there: never fetched ("Not synced yet"), or
 * StackOne answered 404 ("Not found in the ATS").
 */
export function MissingRecord({
  what,
  id,
  missing,
}: {
  what: string;
  id: string | null;
  missing: boolean;
}) {
  return (
    <div className="missing-record">
      <Icon name={missing ? 'warning' : 'clock'} />
      <div>
        <p className="missing-title">{missing ? 'Not found in the ATS' : 'Not synced yet'}</p>
        <p className="muted">
          {missing
            ? `StackOne no longer has this ${what}${id ? ` (${id})` : ''}. It may have been deleted or merged in the ATS.`
            : id
              ? `The ${what} (${id}) has not been fetched yet; it appears after the next sync.`
              : `The order does not name a ${what}.`}
        </p>
      </div>
    </div>
  );
}

function SyncedNote({ at }: { at: string }) {
  const now = useNow(60_000);
  return (
    <span className="muted small" title={`Synced ${formatFull(at)}`}>
      Synced {formatCompact(at, now)}
    </span>
  );
}

export function CandidateCard({
  candidate,
  candidateId,
  fallbackName,
  title = 'Candidate',
  footer,
}: {
  candidate: Candidate | null;
  candidateId: string | null;
  fallbackName?: string | null;
  title?: string;
  footer?: ReactNode;
}) {
  if (!candidate || candidate.missing) {
    return (
      <Card title={title}>
        {fallbackName ? <p className="record-name">{fallbackName}</p> : null}
        <MissingRecord
          what="candidate"
          id={candidate?.id ?? candidateId}
          missing={candidate?.missing ?? false}
        />
      </Card>
    );
  }
  const v = candidateView(candidate.raw, { name: candidate.name, emails: candidate.emails });
  return (
    <Card title={title} aside={<SyncedNote at={candidate.syncedAt} />}>
      <p className="record-name">{v.name ?? <span className="cell-missing">No name given</span>}</p>
      <Facts>
        {v.title ? <Fact label="Current title">{v.title}</Fact> : null}
        {v.company ? <Fact label="Current company">{v.company}</Fact> : null}
        <Fact label="Email">
          {v.emails.length ? (
            <ul className="value-list">
              {v.emails.map((e) => (
                <li key={e.value}>
                  <span className="selectable">{e.value}</span>
                  {e.label ? <span className="value-type">{e.label}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </Fact>
        <Fact label="Phone">
          {v.phones.length ? (
            <ul className="value-list">
              {v.phones.map((p) => (
                <li key={p.value}>
                  <span className="selectable">{p.value}</span>
                  {p.label ? <span className="value-type">{p.label}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </Fact>
        <Fact label="Links" missing="None">
          {v.links.length ? (
            <ul className="value-list">
              {v.links.map((l) => (
                <li key={l.value}>
                  {isWebLink(l.value) ? (
                    <a href={l.value} target="_blank" rel="noreferrer noopener">
                      {l.label ? `${l.label}: ` : ''}
                      {l.value}
                    </a>
                  ) : (
                    <span className="selectable">{l.value}</span>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </Fact>
        <Fact label="Tags" missing="None">
          {v.tags.length ? (
            <ul className="tag-list">
              {v.tags.map((t) => (
                <li key={t} className="tag">
                  {t}
                </li>
              ))}
            </ul>
          ) : null}
        </Fact>
        {v.country ? <Fact label="Country">{v.country}</Fact> : null}
        <Fact label="ATS id">
          <code className="selectable">{candidate.id}</code>
        </Fact>
      </Facts>
      {footer ? <p className="card-link">{footer}</p> : null}
    </Card>
  );
}

export function ApplicationCard({
  application,
  applicationId,
}: {
  application: Application | null;
  applicationId: string | null;
}) {
  if (!application || application.missing) {
    return (
      <Card title="Application">
        <MissingRecord
          what="application"
          id={application?.id ?? applicationId}
          missing={application?.missing ?? false}
        />
      </Card>
    );
  }
  const v = applicationView(application.raw, application);
  return (
    <Card title="Application" aside={<SyncedNote at={application.syncedAt} />}>
      <Facts>
        <Fact label="Status">{v.status}</Fact>
        <Fact label="Stage">{v.stage}</Fact>
        {v.rejectedAt || v.rejectedReasons.length ? (
          <Fact label="Rejected">
            {[
              v.rejectedAt ? formatDateTime(v.rejectedAt) : null,
              v.rejectedReasons.join(', ') || null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Fact>
        ) : (
          <Fact label="Rejection" missing="Not rejected">
            {null}
          </Fact>
        )}
        <Fact label="ATS id">
          <code className="selectable">{application.id}</code>
        </Fact>
      </Facts>
    </Card>
  );
}

export function JobCard({
  job,
  jobId,
  fallbackTitle,
}: {
  job: Job | null;
  jobId: string | null;
  fallbackTitle?: string | null;
}) {
  if (!job || job.missing) {
    return (
      <Card title="Job">
        {fallbackTitle ? <p className="record-name">{fallbackTitle}</p> : null}
        <MissingRecord what="job" id={job?.id ?? jobId} missing={job?.missing ?? false} />
      </Card>
    );
  }
  const v = jobView(job.raw, job);
  return (
    <Card title="Job" aside={<SyncedNote at={job.syncedAt} />}>
      <p className="record-name">
        {v.title ?? <span className="cell-missing">No title given</span>}
      </p>
      <Facts>
        <Fact label="Status">{v.status}</Fact>
        {v.code ? <Fact label="Code">{v.code}</Fact> : null}
        <Fact label="Hiring team" missing="None listed">
          {v.hiringTeam.length ? (
            <ul className="value-list">
              {v.hiringTeam.map((m, i) => (
                <li key={`${m.email ?? ''}${i}`}>
                  {m.name ?? m.email}
                  {m.role ? <span className="value-type">{m.role}</span> : null}
                  {m.name && m.email ? <span className="muted"> · {m.email}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </Fact>
        <Fact label="ATS id">
          <code className="selectable">{job.id}</code>
        </Fact>
      </Facts>
    </Card>
  );
}
