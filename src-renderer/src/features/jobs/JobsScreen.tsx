import { Fragment, useState } from 'react';
import type { Job } from '../../../../src-shared/contract';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { PagedTable } from '../../components/PagedTable';
import { SearchField } from '../../components/SearchField';
import { useAccountLabels } from '../../lib/use-account-labels';
import { useDeskQuery } from '../../lib/use-desk-query';
import { usePagedSearch } from '../../lib/use-paged-search';
import { formatDateTime, formatFull } from '../../lib/time-format';
import { enumText, humanize } from '../order/record-fields';
import { NoDataYet } from '../sync/NoDataYet';

const PAGE = 50;

/** Jobs and their postings per account, from the cache. */
export function JobsScreen() {
  const { search, setSearch, offset, setOffset, query } = usePagedSearch(PAGE);
  const [expanded, setExpanded] = useState<string | null>(null);
  const labels = useAccountLabels();
  const list = useDeskQuery('jobs:list', query, { refreshOn: ['data:changed'] });

  return (
    <div className="list-screen">
      <div className="queue-toolbar">
        <SearchField
          label="Search jobs"
          placeholder="Search cached jobs by title"
          value={search}
          onChange={setSearch}
        />
        <p className="queue-count muted">Jobs and job postings of every linked account.</p>
      </div>
      <PagedTable
        list={list}
        errorTitle="Jobs could not be loaded"
        empty={
          search ? (
            <EmptyState
              icon="briefcase"
              title="No cached job matches"
              hint="Check the spelling; only job titles are searched."
            />
          ) : (
            <NoDataYet
              service="stackone"
              icon="briefcase"
              title="No jobs cached yet"
              hint="Jobs are fetched for every linked account; they appear after the next sync."
            />
          )
        }
        className="table list-table"
        caption="Cached jobs"
        head={
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Code</th>
            <th scope="col">Status</th>
            <th scope="col">Customer</th>
            <th scope="col">Synced</th>
            <th scope="col">
              <span className="visually-hidden">Postings</span>
            </th>
          </tr>
        }
        skeleton={{ columns: 6 }}
        renderRows={(rows) =>
          rows.map((job) => {
            const key = `${job.accountId}/${job.id}`;
            const isOpen = expanded === key;
            return (
              <Fragment key={key}>
                <tr>
                  <th scope="row">
                    {job.title ?? <span className="cell-missing">No title given</span>}
                    {job.missing ? (
                      <span className="badge badge-missing">Not found in the ATS</span>
                    ) : null}
                  </th>
                  <td>{job.code ?? <span className="cell-missing">None</span>}</td>
                  <td>{jobStatus(job)}</td>
                  <td>{labels.get(job.accountId) ?? job.accountId}</td>
                  <td title={formatFull(job.syncedAt)}>{formatDateTime(job.syncedAt)}</td>
                  <td className="num">
                    <button
                      type="button"
                      className="btn btn-quiet btn-small"
                      aria-expanded={isOpen}
                      onClick={() => setExpanded(isOpen ? null : key)}
                    >
                      <Icon name={isOpen ? 'chevronDown' : 'chevronRight'} />
                      Postings
                      <span className="visually-hidden"> of {job.title ?? job.id}</span>
                    </button>
                  </td>
                </tr>
                {isOpen ? (
                  <tr className="subrow">
                    <td colSpan={6}>
                      <Postings job={job} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })
        }
        pager={{ offset, limit: PAGE, onOffset: setOffset, noun: 'jobs' }}
      />
    </div>
  );
}

function jobStatus(job: Job): string {
  const raw = job.raw as { job_status?: unknown } | null;
  return enumText(raw?.job_status) ?? (job.status ? humanize(job.status) : 'Not given');
}

function Postings({ job }: { job: Job }) {
  const list = useDeskQuery('job-postings:list', {
    accountId: job.accountId,
    jobId: job.id,
    limit: 100,
  });
  if (list.status === 'loading') return <p className="muted">Loading postings…</p>;
  if (list.status === 'error') return <p className="field-error">{list.error.message}</p>;
  if (list.data.total === 0) return <p className="muted">No postings cached for this job.</p>;
  return (
    <ul className="link-list postings">
      {list.data.rows.map((p) => (
        <li key={p.id}>
          <span>{p.title ?? 'Untitled posting'}</span>
          <span className="link-list-meta">
            <span>{p.status ? humanize(p.status) : 'No status'}</span>
            <span>{p.internal === 'true' ? 'Internal' : 'External'}</span>
            <code className="muted">{p.id}</code>
          </span>
        </li>
      ))}
    </ul>
  );
}
