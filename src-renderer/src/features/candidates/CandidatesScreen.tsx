import { useEffect, useRef, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { Pager } from '../../components/Pager';
import { SearchField } from '../../components/SearchField';
import { TableSkeletonRows } from '../../components/TableSkeleton';
import { useUiStore } from '../../app/ui-store';
import { useAccountLabels } from '../../lib/use-account-labels';
import { useDeskQuery } from '../../lib/use-desk-query';
import { formatDateTime, formatFull } from '../../lib/time-format';
import { CandidatePage } from './CandidatePage';

const PAGE = 50;

/** `#/candidates` lists cached candidates; `#/candidates/<account>/<id>` shows one. */
export function CandidatesScreen() {
  const path = useUiStore((s) => s.path);
  const [accountId, id] = path;
  if (accountId && id) return <CandidatePage accountId={accountId} id={id} />;
  return <CandidateList />;
}

// Kept between visits, like the queue: back from a candidate lands on the same page of results.
let remembered = { search: '', offset: 0 };

function CandidateList() {
  const [search, setSearch] = useState(remembered.search);
  const [offset, setOffset] = useState(remembered.offset);
  useEffect(() => {
    remembered = { search, offset };
  }, [search, offset]);
  const open = useUiStore((s) => s.open);
  const labels = useAccountLabels();
  const searchRef = useRef<HTMLInputElement>(null);
  const list = useDeskQuery(
    'candidates:list',
    { ...(search.trim() ? { search: search.trim() } : {}), offset, limit: PAGE },
    { refreshOn: ['data:changed'] },
  );

  return (
    <div className="list-screen">
      <div className="queue-toolbar">
        <SearchField
          ref={searchRef}
          label="Search candidates"
          placeholder="Search cached candidates by name or email"
          value={search}
          onChange={(s) => {
            setSearch(s);
            setOffset(0);
          }}
        />
        <p className="queue-count muted">Cached on this computer: usable offline.</p>
      </div>
      {list.status === 'error' ? (
        <EmptyState
          tone="error"
          title="Candidates could not be loaded"
          hint={list.error.message}
          action={
            <button type="button" className="btn btn-small" onClick={list.reload}>
              Try again
            </button>
          }
        />
      ) : list.status === 'ready' && list.data.total === 0 ? (
        <EmptyState
          icon="user"
          title={search ? 'No cached candidate matches' : 'No candidates cached yet'}
          hint={
            search
              ? 'Only candidates behind synced orders are cached. Check the spelling, or search by email.'
              : 'Candidates are fetched with the orders that name them; they appear after the next sync.'
          }
        />
      ) : (
        <>
          <table className="table list-table">
            <caption className="visually-hidden">Cached candidates</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Customer</th>
                <th scope="col">Synced</th>
              </tr>
            </thead>
            <tbody>
              {list.status === 'loading' ? (
                <TableSkeletonRows columns={4} />
              ) : (
                list.data.rows.map((c) => (
                  <tr key={`${c.accountId}/${c.id}`}>
                    <th scope="row">
                      <a
                        href={`#/candidates/${encodeURIComponent(c.accountId)}/${encodeURIComponent(c.id)}`}
                        onClick={(e) => {
                          e.preventDefault();
                          open('candidates', [c.accountId, c.id]);
                        }}
                      >
                        {c.name ?? <span className="cell-missing">No name given</span>}
                      </a>
                      {c.missing ? (
                        <span className="badge badge-missing">Not found in the ATS</span>
                      ) : null}
                    </th>
                    <td>{c.email ?? <span className="cell-missing">No email</span>}</td>
                    <td>{labels.get(c.accountId) ?? c.accountId}</td>
                    <td title={formatFull(c.syncedAt)}>{formatDateTime(c.syncedAt)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
          {list.status === 'ready' ? (
            <Pager
              offset={offset}
              limit={PAGE}
              total={list.data.total}
              onOffset={setOffset}
              noun="candidates"
            />
          ) : null}
        </>
      )}
    </div>
  );
}
