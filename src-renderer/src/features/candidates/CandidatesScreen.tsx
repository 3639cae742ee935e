import { useEffect, useRef } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { PagedTable } from '../../components/PagedTable';
import { SearchField } from '../../components/SearchField';
import { useUiStore } from '../../app/ui-store';
import { useAccountLabels } from '../../lib/use-account-labels';
import { useDeskQuery } from '../../lib/use-desk-query';
import { usePagedSearch } from '../../lib/use-paged-search';
import { formatDateTime, formatFull } from '../../lib/time-format';
import { NoDataYet } from '../sync/NoDataYet';
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
  const { search, setSearch, offset, setOffset, query } = usePagedSearch(PAGE, remembered);
  useEffect(() => {
    remembered = { search, offset };
  }, [search, offset]);
  const open = useUiStore((s) => s.open);
  const labels = useAccountLabels();
  const searchRef = useRef<HTMLInputElement>(null);
  const list = useDeskQuery('candidates:list', query, { refreshOn: ['data:changed'] });

  return (
    <div className="list-screen">
      <div className="queue-toolbar">
        <SearchField
          ref={searchRef}
          label="Search candidates"
          placeholder="Search cached candidates by name or email"
          value={search}
          onChange={setSearch}
        />
        <p className="queue-count muted">Cached on this computer: usable offline.</p>
      </div>
      <PagedTable
        list={list}
        errorTitle="Candidates could not be loaded"
        empty={
          search ? (
            <EmptyState
              icon="user"
              title="No cached candidate matches"
              hint="Only candidates behind synced orders are cached. Check the spelling, or search by email."
            />
          ) : (
            <NoDataYet
              service="stackone"
              icon="user"
              title="No candidates cached yet"
              hint="Candidates are fetched with the orders that name them; they appear after the next sync."
            />
          )
        }
        className="table list-table"
        caption="Cached candidates"
        head={
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Customer</th>
            <th scope="col">Synced</th>
          </tr>
        }
        skeleton={{ columns: 4 }}
        renderRows={(rows) =>
          rows.map((c) => (
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
        }
        pager={{ offset, limit: PAGE, onOffset: setOffset, noun: 'candidates' }}
      />
    </div>
  );
}
