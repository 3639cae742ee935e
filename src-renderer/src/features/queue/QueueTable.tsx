import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  type CSSProperties,
  type ReactNode,
  type RefObject,
} from 'react';
import {
  useTable,
  type ColumnSizingState,
  type ColumnVisibilityState,
  type Header,
  type Row,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import type { QueueRow, QueueSortColumn } from '../../../../src-shared/contract';
import { Icon } from '../../components/Icon';
import { Skeleton } from '../../components/Skeleton';
import { QueueClock, queueColumns, queueFeatures } from './columns';
import { orderKey, type QueueWindow, type WindowSnapshot } from './queue-window';

export const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 32;
const OVERSCAN = 12;
/** Skeleton rows while the first page loads: enough to fill the screen, no spinner. */
const LOADING_ROWS = 14;

export type QueueTableModel = ReturnType<typeof useTable<typeof queueFeatures, QueueRow>>;

export interface QueueTableProps {
  win: QueueWindow;
  snap: WindowSnapshot;
  label: string;
  sort: { column: QueueSortColumn; direction: 'asc' | 'desc' };
  onSortChange: (sort: { column: QueueSortColumn; direction: 'asc' | 'desc' }) => void;
  columnVisibility: ColumnVisibilityState;
  columnSizing: ColumnSizingState;
  onColumnVisibilityChange: (v: ColumnVisibilityState) => void;
  onColumnSizingChange: (v: ColumnSizingState) => void;
  selectedKey: string | null;
  selectedIndex: number;
  onSelect: (key: string | null, index: number) => void;
  onOpen: (row: QueueRow, index: number) => void;
  initialScrollTop: number;
  scrollTopRef: RefObject<number>;
  virtualizerRef: RefObject<Virtualizer<HTMLDivElement, Element> | null>;
  gridRef: RefObject<HTMLDivElement | null>;
  /** What to show when the query matches nothing. */
  empty: ReactNode;
  /** What to show when the first page could not be loaded. */
  failed: ReactNode;
}

/** The DOM id of a row, for aria-activedescendant. */
export function rowDomId(index: number): string {
  return `queue-row-${index}`;
}

/**
 * The queue grid. Only the rows on screen (plus a few) are in the DOM; their data comes from the
 * QueueWindow, which holds a few pages around the visible range. A row whose page has not landed
 * yet is a skeleton of the same height, so nothing jumps when it arrives.
 */
export function QueueTable(props: QueueTableProps) {
  const { win, snap, sort, selectedKey, selectedIndex } = props;
  const scrollRef = props.gridRef;
  const total = snap.total ?? 0;
  const loading = snap.total === null && !snap.error;
  const count = loading ? LOADING_ROWS : total;

  // The virtualizer is read only in this component's own render, never memoized downstream.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    initialOffset: props.initialScrollTop,
  });
  useLayoutEffect(() => {
    props.virtualizerRef.current = virtualizer;
  });

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (!loading) win.ensureRange(first, last);
  }, [win, first, last, loading, snap.version]);

  // The rows handed to react-table: the loaded pages that cover what is rendered.
  const firstPage = Math.floor(first / win.pageSize);
  const lastPage = Math.floor(last / win.pageSize);
  const { data, positions } = useMemo(() => {
    const rows: QueueRow[] = [];
    const at: number[] = [];
    if (snap.version >= 0) {
      const end = Math.min(total, (lastPage + 1) * win.pageSize);
      for (let i = firstPage * win.pageSize; i < end; i++) {
        const row = win.rowAt(i);
        if (row) {
          rows.push(row);
          at.push(i);
        }
      }
    }
    return { data: rows, positions: at };
  }, [win, snap.version, firstPage, lastPage, total]);

  const sorting = useMemo<SortingState>(
    () => [{ id: sort.column, desc: sort.direction === 'desc' }],
    [sort.column, sort.direction],
  );

  const table = useTable({
    features: queueFeatures,
    columns: queueColumns,
    data,
    getRowId: (row) => orderKey(row),
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    columnResizeMode: 'onChange',
    state: {
      sorting,
      columnVisibility: props.columnVisibility,
      columnSizing: props.columnSizing,
    },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const top = next[0];
      if (top)
        props.onSortChange({
          column: top.id as QueueSortColumn,
          direction: top.desc ? 'desc' : 'asc',
        });
    },
    onColumnVisibilityChange: (updater) =>
      props.onColumnVisibilityChange(
        typeof updater === 'function' ? updater(props.columnVisibility) : updater,
      ),
    onColumnSizingChange: (updater) =>
      props.onColumnSizingChange(
        typeof updater === 'function' ? updater(props.columnSizing) : updater,
      ),
  });

  const rowByIndex = useMemo(() => {
    const map = new Map<number, Row<typeof queueFeatures, QueueRow>>();
    for (const row of table.getRowModel().rows) {
      const position = positions[row.index];
      if (position !== undefined) map.set(position, row);
    }
    return map;
    // The row model follows `data`; positions change with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, positions, table, props.columnVisibility]);

  // Back from an order: the grid opens where it was left.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && props.initialScrollTop > 0) el.scrollTop = props.initialScrollTop;
    // Mount only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Keep the row under the cursor in place when a live update inserts or removes rows above it.
  const anchor = useRef<{ key: string; index: number } | null>(null);
  // Only a change of the rows counts: remounting on rows that were already there changes nothing.
  const seenVersion = useRef(snap.version);
  useLayoutEffect(() => {
    if (seenVersion.current === snap.version) return;
    seenVersion.current = snap.version;
    const el = scrollRef.current;
    const a = anchor.current;
    if (snap.lastChange === 'refresh' && el && a) {
      const now = win.indexOf(a.key);
      if (now >= 0 && now !== a.index) {
        el.scrollTop += (now - a.index) * ROW_HEIGHT;
      }
    }
    // A new query starts at its top (the stored offset is reset with the filters).
    if (snap.lastChange === 'query' && el && props.scrollTopRef.current > 0) {
      el.scrollTop = 0;
      props.scrollTopRef.current = 0;
    }
    if (selectedKey) {
      const at = win.indexOf(selectedKey);
      if (at >= 0 && at !== selectedIndex) props.onSelect(selectedKey, at);
    } else if (selectedIndex >= 0) {
      const row = win.rowAt(selectedIndex);
      if (row) props.onSelect(orderKey(row), selectedIndex);
    }
    // Runs once per change of the rows, before paint.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [snap.version]);

  useEffect(() => {
    const selectedVisible = selectedIndex >= first && selectedIndex <= last && selectedKey;
    if (selectedVisible) {
      anchor.current = { key: selectedKey, index: selectedIndex };
    } else {
      const el = scrollRef.current;
      const topIndex = el ? Math.max(0, Math.floor(el.scrollTop / ROW_HEIGHT)) : first;
      const row = win.rowAt(topIndex);
      anchor.current = row ? { key: orderKey(row), index: topIndex } : null;
    }
  });

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const widths: Record<string, string> = {};
  for (const h of headers) widths[`--col-${h.column.id}`] = `${h.getSize()}px`;
  const totalWidth = table.getTotalSize();
  const gridStyle = { ...widths, '--row-width': `${totalWidth}px` } as CSSProperties;
  const now = snap.now ? Date.parse(snap.now) : 0;
  const activeRendered = selectedIndex >= first && selectedIndex <= last && selectedIndex < total;

  return (
    <QueueClock.Provider value={now}>
      <div
        ref={scrollRef}
        className="queue-grid"
        role="grid"
        aria-label={props.label}
        aria-rowcount={loading ? -1 : total + 1}
        aria-colcount={headers.length}
        aria-busy={snap.busy || loading}
        aria-activedescendant={activeRendered ? rowDomId(selectedIndex) : undefined}
        aria-multiselectable={false}
        tabIndex={0}
        style={gridStyle}
        data-version={snap.version}
        onScroll={(e) => {
          props.scrollTopRef.current = e.currentTarget.scrollTop;
        }}
      >
        <div className="queue-head" role="rowgroup">
          <div className="queue-row queue-row-head" role="row" aria-rowindex={1}>
            {headers.map((header, i) => (
              <HeaderCell key={header.id} header={header} colIndex={i + 1} table={table} />
            ))}
          </div>
        </div>
        <div
          className="queue-body"
          role="rowgroup"
          style={{ height: loading || total > 0 ? virtualizer.getTotalSize() : undefined }}
        >
          {!loading && total === 0 ? (
            <div role="row" className="queue-state-row">
              <div role="gridcell" className="queue-state">
                {snap.error ? props.failed : props.empty}
              </div>
            </div>
          ) : snap.error && snap.total === null ? (
            <div role="row" className="queue-state-row">
              <div role="gridcell" className="queue-state">
                {props.failed}
              </div>
            </div>
          ) : (
            items.map((item) => {
              const row = loading ? undefined : rowByIndex.get(item.index);
              const style: CSSProperties = {
                transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)`,
              };
              if (!row) {
                return (
                  <div
                    key={`s${item.index}`}
                    className="queue-row queue-row-skeleton"
                    role="row"
                    aria-rowindex={loading ? undefined : item.index + 2}
                    style={style}
                  >
                    {headers.map((h, i) => (
                      <div
                        key={h.id}
                        role="gridcell"
                        className="queue-cell"
                        style={cellWidth(h.column.id)}
                      >
                        <Skeleton width={`${45 + ((item.index * 7 + i * 13) % 40)}%`} />
                      </div>
                    ))}
                  </div>
                );
              }
              const selected = row.id === selectedKey;
              return (
                <div
                  key={row.id}
                  id={rowDomId(item.index)}
                  className={`queue-row${selected ? ' is-selected' : ''}${row.original.overdue ? ' is-overdue' : ''}`}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={selected}
                  data-order-id={row.original.id}
                  style={style}
                  onClick={() => {
                    props.onSelect(row.id, item.index);
                    props.onOpen(row.original, item.index);
                  }}
                >
                  {row.getVisibleCells().map((cell) => (
                    <div
                      key={cell.id}
                      role="gridcell"
                      className={`queue-cell queue-cell-${cell.column.id}`}
                      style={cellWidth(cell.column.id)}
                    >
                      <table.FlexRender cell={cell} />
                    </div>
                  ))}
                </div>
              );
            })
          )}
        </div>
      </div>
    </QueueClock.Provider>
  );
}

function cellWidth(columnId: string): CSSProperties {
  return { width: `var(--col-${columnId})` };
}

function HeaderCell({
  header,
  colIndex,
  table,
}: {
  header: Header<typeof queueFeatures, QueueRow, unknown>;
  colIndex: number;
  table: QueueTableModel;
}) {
  const sorted = header.column.getIsSorted();
  const ariaSort = sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
  const resize = header.getResizeHandler();
  const label =
    typeof header.column.columnDef.header === 'string' ? header.column.columnDef.header : header.id;
  return (
    <div
      role="columnheader"
      aria-sort={ariaSort}
      aria-colindex={colIndex}
      className={`queue-cell queue-th${sorted ? ' is-sorted' : ''}`}
      style={cellWidth(header.column.id)}
    >
      <button
        type="button"
        className="queue-sort"
        onClick={header.column.getToggleSortingHandler()}
        title={`Sort by ${label}`}
      >
        <span>
          <table.FlexRender header={header} />
        </span>
        {sorted ? <Icon name={sorted === 'asc' ? 'arrowUp' : 'arrowDown'} size={12} /> : null}
      </button>
      <div
        className={`queue-resize${header.column.getIsResizing() ? ' is-resizing' : ''}`}
        aria-hidden="true"
        onMouseDown={resize}
        onTouchStart={resize}
        onDoubleClick={() => header.column.resetSize()}
      />
    </div>
  );
}
