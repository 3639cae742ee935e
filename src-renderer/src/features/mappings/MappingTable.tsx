import { useEffect, useRef, type KeyboardEvent } from 'react';
import {
  createColumnHelper,
  rowSelectionFeature,
  tableFeatures,
  useTable,
  type RowSelectionState,
} from '@tanstack/react-table';
import type { MappingRow } from '../../../../src-shared/contract';
import { Icon } from '../../components/Icon';
import { TableSkeletonRows } from '../../components/TableSkeleton';
import { TextCell } from '../queue/cells';
import { useRowWindow } from '../queue/use-row-window';

export const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 30;
const OVERSCAN = 10;

export const mappingFeatures = tableFeatures({ rowSelectionFeature });
const helper = createColumnHelper<typeof mappingFeatures, MappingRow>();

/** A row's key in the selection: its kind and id (a job and a posting may share an id). */
export const targetKey = (r: Pick<MappingRow, 'target' | 'id'>) => `${r.target}/${r.id}`;

function PackageCell({ row }: { row: MappingRow }) {
  const m = row.mapping;
  if (!m?.packageId) {
    return (
      <span className="flag flag-unmapped">
        <Icon name="warning" size={12} />
        Unmapped
      </span>
    );
  }
  return (
    <span className="state-stack">
      <span title={m.packageId}>{m.packageName ?? m.packageId}</span>
      {m.conflict ? (
        <span className="status status-tone-danger small">
          <Icon name="warning" size={12} />
          Conflict
        </span>
      ) : m.pending ? (
        <span className="status muted small">
          <Icon name="clock" size={12} />
          Saving to the team…
        </span>
      ) : null}
    </span>
  );
}

const columns = helper.columns([
  helper.display({
    id: 'select',
    header: ({ table }) => (
      <input
        type="checkbox"
        aria-label="Select all shown"
        checked={table.getIsAllRowsSelected()}
        ref={(el) => {
          if (el) el.indeterminate = !table.getIsAllRowsSelected() && table.getIsSomeRowsSelected();
        }}
        onChange={table.getToggleAllRowsSelectedHandler()}
      />
    ),
    cell: ({ row }) => (
      <input
        type="checkbox"
        className="row-check"
        aria-label={`Select ${row.original.title ?? row.original.id}`}
        checked={row.getIsSelected()}
        // A click (not change) carries Shift, for selecting a range.
        onClick={row.getToggleSelectedHandler()}
        onChange={() => {}}
      />
    ),
  }),
  helper.accessor((r) => r.title, {
    id: 'title',
    header: 'Title',
    cell: (info) => <TextCell value={info.row.original.title} missing="Untitled" />,
  }),
  helper.accessor((r) => r.id, {
    id: 'id',
    header: 'Id',
    cell: (info) => <span className="mono">{info.row.original.id}</span>,
  }),
  helper.accessor((r) => r.status, {
    id: 'status',
    header: 'Status',
    cell: (info) => <TextCell value={info.row.original.status} missing="—" />,
  }),
  helper.accessor((r) => r.mapping?.packageId ?? null, {
    id: 'package',
    header: 'Package',
    cell: (info) => <PackageCell row={info.row.original} />,
  }),
  helper.accessor((r) => r.unmappedOrders, {
    id: 'orders',
    header: () => (
      <span title="Open orders of this target that resolve to no package">Waiting</span>
    ),
    cell: (info) =>
      info.row.original.unmappedOrders > 0 ? (
        <span className="status status-tone-danger">
          <Icon name="warning" size={12} />
          {info.row.original.unmappedOrders.toLocaleString()}
        </span>
      ) : (
        <span className="muted">—</span>
      ),
  }),
]);

/**
 * Job postings or jobs of one account with their mapped package: a react-table (selection with
 * Shift ranges, select-all) rendered as a real <table> of which only the rows on screen are in the
 * DOM, between two spacer rows that keep the scroll range. ↑/↓ move between row checkboxes,
 * Space toggles one.
 */
export function MappingTable({
  rows,
  caption,
  selection,
  onSelectionChange,
  empty,
}: {
  rows: MappingRow[] | null;
  caption: string;
  selection: RowSelectionState;
  onSelectionChange: (next: RowSelectionState) => void;
  empty: string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const data = rows ?? NO_ROWS;
  const table = useTable({
    features: mappingFeatures,
    columns,
    data,
    getRowId: targetKey,
    state: { rowSelection: selection },
    onRowSelectionChange: (updater) =>
      onSelectionChange(typeof updater === 'function' ? updater(selection) : updater),
  });
  const modelRows = table.getRowModel().rows;
  const win = useRowWindow(scrollRef, {
    count: modelRows.length,
    rowHeight: ROW_HEIGHT,
    headerHeight: HEADER_HEIGHT,
    overscan: OVERSCAN,
    initialScrollTop: 0,
  });
  const pendingFocus = useRef<number | null>(null);
  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const box = scrollRef.current?.querySelector<HTMLInputElement>(
      `tr[data-index="${index}"] .row-check`,
    );
    if (box) {
      pendingFocus.current = null;
      box.focus();
    }
  });

  function onKeyDown(e: KeyboardEvent<HTMLTableSectionElement>) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const tr = (e.target as HTMLElement).closest('tr[data-index]');
    if (!tr) return;
    e.preventDefault();
    const next = Number(tr.getAttribute('data-index')) + (e.key === 'ArrowDown' ? 1 : -1);
    if (next < 0 || next >= modelRows.length) return;
    pendingFocus.current = next;
    win.scrollToIndex(next);
    const box = scrollRef.current?.querySelector<HTMLInputElement>(
      `tr[data-index="${next}"] .row-check`,
    );
    if (box) {
      pendingFocus.current = null;
      box.focus();
    }
  }

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const shown = modelRows.length > 0 ? modelRows.slice(win.first, win.last + 1) : [];
  const before = win.first * ROW_HEIGHT;
  const after = Math.max(0, (modelRows.length - win.last - 1) * ROW_HEIGHT);

  return (
    <div ref={scrollRef} className="mapping-scroll">
      <table className="table mapping-table" aria-rowcount={rows ? rows.length + 1 : -1}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h.id} scope="col" className={`col-${h.column.id}`}>
                <table.FlexRender header={h} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {rows === null ? (
            <TableSkeletonRows rows={10} columns={headers.length} />
          ) : rows.length === 0 ? (
            <tr>
              <td colSpan={headers.length} className="muted">
                {empty}
              </td>
            </tr>
          ) : (
            <>
              {before > 0 ? <tr aria-hidden="true" style={{ height: before }} /> : null}
              {shown.map((row) => (
                <tr
                  key={row.id}
                  data-index={row.index}
                  aria-rowindex={row.index + 2}
                  className={row.getIsSelected() ? 'is-selected' : undefined}
                >
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} className={`col-${cell.column.id}`}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              ))}
              {after > 0 ? <tr aria-hidden="true" style={{ height: after }} /> : null}
            </>
          )}
        </tbody>
      </table>
    </div>
  );
}

const NO_ROWS: MappingRow[] = [];
