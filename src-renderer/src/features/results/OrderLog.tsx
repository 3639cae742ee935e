import { useState } from 'react';
import { Card } from '../../components/Card';
import { PagedTable } from '../../components/PagedTable';
import { formatDateTime, formatFull } from '../../lib/time-format';
import { useDeskQuery } from '../../lib/use-desk-query';
import { LogEntryRows, OutcomeCell } from './LogEntry';

const PAGE = 20;

/** "What the ATS received": every send attempt for this order, request and response. */
export function OrderLog({ accountId, orderId }: { accountId: string; orderId: string }) {
  const [offset, setOffset] = useState(0);
  const [openId, setOpenId] = useState<number | null>(null);
  const list = useDeskQuery(
    'results:log',
    { accountId, orderId, offset, limit: PAGE },
    { refreshOn: ['outbox:changed'] },
  );
  return (
    <Card title="What the ATS received" className="order-log">
      <PagedTable
        list={list}
        errorTitle="The send log could not be loaded"
        empty={<p className="muted">Nothing has been sent to the ATS for this order yet.</p>}
        caption="Send attempts for this order"
        head={
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col" className="num">
              Try
            </th>
            <th scope="col">Answer</th>
            <th scope="col">
              <span className="visually-hidden">Details</span>
            </th>
          </tr>
        }
        skeleton={{ columns: 5, rows: 2 }}
        renderRows={(rows) =>
          rows.map((entry) => (
            <LogEntryRows
              key={entry.id}
              entry={entry}
              columns={5}
              what={`request and response of attempt ${entry.attempt}`}
              open={openId === entry.id}
              onToggle={() => setOpenId(openId === entry.id ? null : entry.id)}
              cells={
                <>
                  <td title={formatFull(entry.at)} className="tabular">
                    {formatDateTime(entry.at)}
                  </td>
                  <td>{entry.osUser}</td>
                  <td className="num tabular">{entry.attempt}</td>
                  <td>
                    <OutcomeCell entry={entry} />
                  </td>
                </>
              }
            />
          ))
        }
        pager={{ offset, limit: PAGE, onOffset: setOffset, noun: 'attempts', onlyWhenPaged: true }}
      />
    </Card>
  );
}
