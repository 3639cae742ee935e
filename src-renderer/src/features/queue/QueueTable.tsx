import {
  memo,
  useCallback,
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
  type SortingState,
} from '@tanstack/react-table';
import type { QueueRow, QueueSortColumn } from '../../../../src-shared/contract';
import { Icon } from '../../components/Icon';
import { Skeleton } from '../../components/Skeleton';
import { rem } from '../../lib/rem';
import { QUEUE_CELLS, QueueClock, queueColumns, queueFeatures } from './columns';
import { orderKey, type QueueWindow, type WindowSnapshot } from './queue-window';
import { useRowWindow, type RowWindow } from './use-row-window';

/** In rem like the rest of the layout, converted once: the grid positions rows by it. */
export const ROW_HEIGHT = rem(2.125);
const HEADER_HEIGHT = rem(2);
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
  /** Rows marked for a bulk action, by key. */
  marked: ReadonlySet<string>;
  /** Ctrl/⌘-click marks or unmarks one row; Shift-click marks the rows from the selection to it. */
  onMark: (row: QueueRow, index: number, how: 'toggle' | 'range') => void;
  initialScrollTop: number;
  scrollTopRef: RefObject<number>;
  /** Set to the grid's row window, for keyboard moves that scroll a row into view. */
  rowWindowRef: RefObject<Pick<RowWindow, 'scrollToIndex' | 'viewportRows'> | null>;
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
  const { gridRef: scrollRef, scrollTopRef, rowWindowRef } = props;
  const total = snap.total ?? 0;
  const loading = snap.total === null && !snap.error;
  const count = loading ? LOADING_ROWS : total;

  const rows = useRowWindow(scrollRef, {
    count,
    rowHeight: ROW_HEIGHT,
    headerHeight: HEADER_HEIGHT,
    overscan: OVERSCAN,
    initialScrollTop: props.initialScrollTop,
  });
  useLayoutEffect(() => {
    rowWindowRef.current = rows;
  });
  const { first, last } = rows;

  useEffect(() => {
    if (!loading) win.ensureRange(first, last);
  }, [win, first, last, loading, snap.version]);

  const sorting = useMemo<SortingState>(
    () => [{ id: sort.column, desc: sort.direction === 'desc' }],
    [sort.column, sort.direction],
  );

  // react-table owns the columns (sorting, visibility, widths). The rows come from the QueueWindow,
  // already sorted and paged by main, and are rendered from QUEUE_CELLS: a row model rebuilt on
  // every page or query would only copy them.
  const table = useTable({
    features: queueFeatures,
    columns: queueColumns,
    data: NO_ROWS,
    manualSorting: true,
    // Every column sorts ascending first (react-table would otherwise guess from a row's values,
    // and it is given none).
    sortDescFirst: false,
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
    if (snap.lastChange === 'query' && el && scrollTopRef.current > 0) {
      el.scrollTop = 0;
      scrollTopRef.current = 0;
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
      // The scroll position as last seen by the scroll handler: reading the element's would force
      // a layout after every render.
      const topIndex = Math.max(0, Math.floor(scrollTopRef.current / ROW_HEIGHT));
      const row = win.rowAt(topIndex);
      anchor.current = row ? { key: orderKey(row), index: topIndex } : null;
    }
  });

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const columnKey = headers.map((h) => h.column.id).join(',');
  const columnIds = columnList(columnKey);
  // Rows are memoised: a stable click handler keeps them from re-rendering on every parent render.
  const { onSelect, onOpen, onMark } = props;
  const latest = useRef({ onSelect, onOpen, onMark });
  useLayoutEffect(() => {
    latest.current = { onSelect, onOpen, onMark };
  });
  const activate = useCallback((row: QueueRow, index: number, how: RowClick) => {
    if (how !== 'open') return latest.current.onMark(row, index, how);
    latest.current.onSelect(orderKey(row), index);
    latest.current.onOpen(row, index);
  }, []);
  const marking = props.marked.size > 0;
  // Each column asks for its width and gives way down to its minimum when the window is narrower
  // than their sum (Due never does): the row always fits, and scrolls sideways only below the sum
  // of the minimums.
  const widths: Record<string, string> = {};
  let minWidth = 0;
  for (const h of headers) {
    const min = Math.min(h.column.columnDef.minSize ?? 0, h.getSize());
    widths[`--col-${h.column.id}`] = `${h.getSize()}px`;
    widths[`--col-min-${h.column.id}`] = `${min}px`;
    minWidth += min;
  }
  const gridStyle = {
    ...widths,
    '--row-min-width': `${minWidth}px`,
    '--row-height': `${ROW_HEIGHT}px`,
    '--header-height': `${HEADER_HEIGHT}px`,
  } as CSSProperties;
  const now = snap.now ? Date.parse(snap.now) : 0;
  const activeRendered = selectedIndex >= first && selectedIndex <= last && selectedIndex < total;
  const pool = rowPoolSize(last - first + 1);

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
        aria-multiselectable={true}
        tabIndex={0}
        style={gridStyle}
        data-version={snap.version}
        onScroll={(e) => {
          scrollTopRef.current = e.currentTarget.scrollTop;
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
          style={{ height: loading || total > 0 ? rows.totalHeight : undefined }}
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
            indexes(first, last).map((index) => {
              const row = loading ? undefined : win.rowAt(index);
              const top = index * ROW_HEIGHT;
              const slot = index % pool;
              if (!row) {
                return (
                  <SkeletonRow
                    key={slot}
                    index={index}
                    rowIndex={loading ? undefined : index + 2}
                    top={top}
                    columnIds={columnIds}
                  />
                );
              }
              return (
                <QueueBodyRow
                  key={slot}
                  row={row}
                  index={index}
                  top={top}
                  selected={orderKey(row) === selectedKey}
                  marked={marking ? props.marked.has(orderKey(row)) : null}
                  columnIds={columnIds}
                  onActivate={activate}
                />
              );
            })
          )}
        </div>
      </div>
    </QueueClock.Provider>
  );
}

const NO_ROWS: QueueRow[] = [];

type RowClick = 'open' | 'toggle' | 'range';

/** One array per set of visible columns, so memoised rows see the same one across renders. */
const COLUMN_LISTS = new Map<string, readonly QueueSortColumn[]>();
function columnList(key: string): readonly QueueSortColumn[] {
  let list = COLUMN_LISTS.get(key);
  if (!list) COLUMN_LISTS.set(key, (list = key ? (key.split(',') as QueueSortColumn[]) : []));
  return list;
}

/**
 * Rows are keyed by their slot in a pool of row elements (index modulo the pool size), not by
 * order: a new sort or filter, and a scroll, then rewrite the text of rows already in the DOM
 * instead of replacing every row element (most of what a sort cost the browser in style and
 * layout at 100k orders; see bench/ui.ts). The pool is the rendered range rounded up to a power of
 * two, so its size (and with it every key) only changes when the viewport grows past it; slots are
 * unique because the rendered rows are a contiguous range no longer than the pool.
 */
function rowPoolSize(rendered: number): number {
  let size = 32;
  while (size < rendered) size *= 2;
  return size;
}

function indexes(first: number, last: number): number[] {
  const out: number[] = [];
  for (let i = first; i <= last; i++) out.push(i);
  return out;
}

/** Widths live in CSS variables on the grid: resizing a column re-renders no row. */
const CELL_WIDTHS = new Map<string, CSSProperties>();
function cellWidth(columnId: string): CSSProperties {
  let style = CELL_WIDTHS.get(columnId);
  if (!style)
    CELL_WIDTHS.set(
      columnId,
      (style = { flexBasis: `var(--col-${columnId})`, minWidth: `var(--col-min-${columnId})` }),
    );
  return style;
}

/**
 * One order. Memoised on the row object (a page's rows keep their identity until it is refetched),
 * its position and selection: a change elsewhere (a chip count, the busy flag, another row's
 * selection) renders no cell again.
 */
const QueueBodyRow = memo(function QueueBodyRow({
  row,
  index,
  top,
  selected,
  marked,
  columnIds,
  onActivate,
}: {
  row: QueueRow;
  index: number;
  top: number;
  selected: boolean;
  /** null when no row is marked: the selection is then the one selected row. */
  marked: boolean | null;
  columnIds: readonly QueueSortColumn[];
  onActivate: (row: QueueRow, index: number, how: RowClick) => void;
}) {
  return (
    <div
      id={rowDomId(index)}
      className={`queue-row${selected ? ' is-selected' : ''}${marked ? ' is-marked' : ''}${row.overdue ? ' is-overdue' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={marked ?? selected}
      data-order-id={row.id}
      style={{ transform: `translateY(${top}px)` }}
      onMouseDown={(e) => {
        // Shift-click marks a range of rows, not a range of text.
        if (e.shiftKey) e.preventDefault();
      }}
      onClick={(e) =>
        onActivate(row, index, e.ctrlKey || e.metaKey ? 'toggle' : e.shiftKey ? 'range' : 'open')
      }
    >
      {columnIds.map((id) => (
        <div
          key={id}
          role="gridcell"
          className={`queue-cell queue-cell-${id}`}
          style={cellWidth(id)}
        >
          {QUEUE_CELLS[id](row)}
        </div>
      ))}
    </div>
  );
});

const SkeletonRow = memo(function SkeletonRow({
  index,
  rowIndex,
  top,
  columnIds,
}: {
  index: number;
  rowIndex: number | undefined;
  top: number;
  columnIds: readonly QueueSortColumn[];
}) {
  return (
    <div
      className="queue-row queue-row-skeleton"
      role="row"
      aria-rowindex={rowIndex}
      style={{ transform: `translateY(${top}px)` }}
    >
      {columnIds.map((id, i) => (
        <div
          key={id}
          role="gridcell"
          className={`queue-cell queue-cell-${id}`}
          style={cellWidth(id)}
        >
          <Skeleton width={`${45 + ((index * 7 + i * 13) % 40)}%`} />
        </div>
      ))}
    </div>
  );
});

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
      className={`queue-cell queue-cell-${header.column.id} queue-th${sorted ? ' is-sorted' : ''}`}
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
