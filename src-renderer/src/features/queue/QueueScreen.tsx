import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ColumnSizingState, ColumnVisibilityState } from '@tanstack/react-table';
import { MIN_SEARCH_LENGTH, searchToRun, type QueueRow } from '../../../../src-shared/contract';
import { LoadFailed, RetryButton } from '../../components/Alert';
import { EmptyState } from '../../components/EmptyState';
import { SearchField } from '../../components/SearchField';
import { useUiStore } from '../../app/ui-store';
import { onDeskEvent } from '../../lib/desk';
import { useConnectionStore } from '../../lib/connection-store';
import { useDeskQuery } from '../../lib/use-desk-query';
import { useActiveWorkspaceId } from '../../app/use-workspaces';
import { ColumnsMenu } from './ColumnsMenu';
import { loadColumnPrefs, saveColumnPrefs, type ColumnPrefs } from './column-prefs';
import { ExportViewButton } from './ExportViewButton';
import { FilterBar } from './FilterBar';
import { QueueTable, ROW_HEIGHT } from './QueueTable';
import { SaveViewButton } from './SaveViewButton';
import {
  DUE_FILTERS,
  QUEUE_VIEWS,
  activeFilterCount,
  emptyFilters,
  useQueueStore,
  type QueueViewId,
} from './queue-store';
import { toFilterInput } from './queue-query';
import type { QueueQuery } from './queue-window';
import { orderKey, orderOfKey } from './queue-window';
import { useQueueKeyboard } from './use-queue-keyboard';
import { useQueueResultKeys } from '../results/use-queue-result-keys';
import { NoDataYet } from '../sync/NoDataYet';
import type { RowWindow } from './use-row-window';
import { queueWindow } from './queue-windows';
import { ClaimButton, ClaimMarked } from '../team/ClaimButton';
import { useTeamIdentity } from '../team/use-team-identity';

const number = new Intl.NumberFormat();
/** A claim or release names at most this many orders (the command's limit). */
const MAX_MARKED = 500;

export function AllQueueScreen() {
  return <QueueScreen view="all" />;
}
export function AssessmentQueueScreen() {
  return <QueueScreen view="assessments" />;
}
export function BackgroundCheckQueueScreen() {
  return <QueueScreen view="background-checks" />;
}

export function QueueScreen({ view }: { view: QueueViewId }) {
  const state = useQueueStore((s) => s.views[view]);
  const update = useQueueStore((s) => s.update);
  const setFilters = useQueueStore((s) => s.setFilters);
  const openPage = useUiStore((s) => s.open);
  const win = queueWindow(view);
  const snap = useSyncExternalStore(win.subscribe, win.getSnapshot);

  const filterInput = useMemo(
    () => toFilterInput(view, state.filters, state.search),
    [view, state.filters, state.search],
  );
  const query = useMemo<QueueQuery>(
    () => ({ ...filterInput, sort: state.sort }),
    [filterInput, state.sort],
  );

  const gridRef = useRef<HTMLDivElement | null>(null);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const rowWindowRef = useRef<Pick<RowWindow, 'scrollToIndex' | 'viewportRows'> | null>(null);
  const scrollTopRef = useRef(state.scrollTop);
  const [initialScrollTop] = useState(state.scrollTop);

  // The first page covers the rows on screen and a few more. The grid's height comes from the
  // row window's last measurement: reading clientHeight here would force a layout on every change.
  const visibleRows = () =>
    Math.max(10, (rowWindowRef.current?.viewportRows() || Math.ceil(600 / ROW_HEIGHT)) + 5);

  // A new query (or the first one) for this window; coming back to the same one is a no-op.
  useEffect(() => {
    win.setQuery(query, visibleRows());
  }, [win, query]);

  // Back from an order: what is on screen may be out of date (unless it has just been fetched, as
  // on the first visit, whose rows were asked for before the screen mounted).
  useEffect(() => {
    win.refresh({ ifOlderThanMs: 2_000 });
  }, [win]);
  // The first page is asked for before the event stream is up: a change in between went unheard.
  const streamOpenedAt = useConnectionStore((s) => s.openedAt);
  useEffect(() => {
    if (streamOpenedAt !== null) win.refresh({ ifRequestedBefore: streamOpenedAt });
  }, [win, streamOpenedAt]);
  // After missed events (the event stream reconnected).
  const resyncs = useConnectionStore((s) => s.resyncs);
  const seenResyncs = useRef(resyncs);
  useEffect(() => {
    if (seenResyncs.current === resyncs) return;
    seenResyncs.current = resyncs;
    win.refresh();
  }, [win, resyncs]);
  useEffect(
    () =>
      onDeskEvent('data:changed', ({ tables }) => {
        if (tables.includes('orders') || tables.includes('candidates') || tables.includes('jobs'))
          win.refresh();
      }),
    [win],
  );

  // Remember the scroll position for Esc-back (stored once, on leaving: not on every scroll).
  useEffect(
    () => () => useQueueStore.getState().update(view, { scrollTop: scrollTopRef.current }),
    [view],
  );

  // Column layout is remembered per workspace and queue; another workspace brings its own.
  const workspaceId = useActiveWorkspaceId() ?? '';
  const [prefs, setPrefs] = useState(() => ({
    workspaceId,
    ...loadColumnPrefs(workspaceId, view),
  }));
  if (prefs.workspaceId !== workspaceId)
    setPrefs({ workspaceId, ...loadColumnPrefs(workspaceId, view) });
  const savePrefs = (next: ColumnPrefs) => {
    setPrefs({ workspaceId, ...next });
    if (workspaceId) saveColumnPrefs(workspaceId, view, next);
  };
  const setVisibility = (visibility: ColumnVisibilityState) =>
    savePrefs({ sizing: prefs.sizing, visibility: visibility as Record<string, boolean> });
  const setSizing = (sizing: ColumnSizingState) =>
    savePrefs({ visibility: prefs.visibility, sizing: sizing as Record<string, number> });

  // The chip counts go with the rows being fetched: the same clock, so chips and rows agree on
  // what is overdue, and asked after the rows, so they never delay them.
  const facets = useDeskQuery(
    'orders:get-facets',
    { ...filterInput, now: snap.fetchNow ?? '' },
    { enabled: snap.fetchNow !== null },
  );

  const select = useCallback(
    (key: string | null, index: number) => update(view, { selectedKey: key, selectedIndex: index }),
    [update, view],
  );
  /** `intent` 'result': the order page opens with the result form focused. */
  const open = (row: QueueRow, index: number, intent?: 'result') => {
    update(view, {
      selectedKey: orderKey(row),
      selectedIndex: index,
      scrollTop: scrollTopRef.current,
    });
    openPage('order', intent ? [row.accountId, row.id, intent] : [row.accountId, row.id]);
  };

  /** Marks for a bulk action: one row (Ctrl/⌘-click, `x`), or the loaded rows from the selection to it. */
  const mark = (row: QueueRow, index: number, how: 'toggle' | 'range') => {
    // Claims are the only bulk action: outside team mode a modified click just selects.
    if (identity?.state !== 'team') return select(orderKey(row), index);
    setMarkNotice('');
    const current = useQueueStore.getState().views[view];
    const marked = new Set(current.marked);
    const key = orderKey(row);
    if (how === 'toggle') {
      if (!marked.delete(key)) marked.add(key);
    } else {
      const from = current.selectedIndex >= 0 ? current.selectedIndex : index;
      for (let i = Math.min(from, index); i <= Math.max(from, index); i++) {
        const r = win.rowAt(i);
        if (r) marked.add(orderKey(r));
      }
    }
    update(view, {
      marked: [...marked].slice(0, MAX_MARKED),
      selectedKey: key,
      selectedIndex: index,
    });
  };
  const [markNotice, setMarkNotice] = useState('');

  const total = snap.total ?? 0;
  const goTo = (index: number) => {
    if (total === 0) return;
    const clamped = Math.max(0, Math.min(total - 1, index));
    const row = win.rowAt(clamped);
    select(row ? orderKey(row) : null, clamped);
    rowWindowRef.current?.scrollToIndex(clamped);
  };

  useQueueKeyboard({
    move: (delta) => {
      const { selectedIndex } = useQueueStore.getState().views[view];
      if (selectedIndex < 0) {
        // Nothing selected yet: start at the top of what is on screen.
        const top = Math.floor((gridRef.current?.scrollTop ?? 0) / ROW_HEIGHT);
        goTo(top);
        return;
      }
      goTo(selectedIndex + delta);
    },
    jump: (to) => goTo(to === 'first' ? 0 : total - 1),
    openSelected: () => {
      const { selectedIndex } = useQueueStore.getState().views[view];
      const row = win.rowAt(selectedIndex);
      if (row) open(row, selectedIndex);
    },
    toggleMark: () => {
      const { selectedIndex } = useQueueStore.getState().views[view];
      const row = win.rowAt(selectedIndex);
      if (row) mark(row, selectedIndex, 'toggle');
    },
    clearMarks: () => {
      if (useQueueStore.getState().views[view].marked.length === 0) return false;
      update(view, { marked: [] });
      return true;
    },
    quickFilter: (key) => {
      const quick = DUE_FILTERS.find((d) => d.key === key);
      if (!quick) return false;
      const { due } = useQueueStore.getState().views[view].filters;
      setFilters(view, { due: due === quick.id ? undefined : quick.id });
      return true;
    },
    grid: () => gridRef.current,
    search: () => searchRef.current,
    pageRows: () =>
      Math.max(1, Math.floor((gridRef.current?.clientHeight ?? 340) / ROW_HEIGHT) - 2),
  });

  const selectedRow = () => win.rowAt(useQueueStore.getState().views[view].selectedIndex) ?? null;
  const resultNotice = useQueueResultKeys(selectedRow, (row) =>
    open(row, useQueueStore.getState().views[view].selectedIndex, 'result'),
  );

  const markedSet = useMemo(() => new Set(state.marked), [state.marked]);
  const selected = state.selectedIndex >= 0 ? (win.rowAt(state.selectedIndex) ?? null) : null;
  const identity = useTeamIdentity();

  const activeCount = activeFilterCount(state.filters, state.search);
  const clearAll = () => {
    setFilters(view, emptyFilters());
    update(view, { search: '' });
  };
  const grandTotal = facets.data && activeCount === 0 ? facets.data.total : null;
  // Typed, but too short to be searched (see MIN_SEARCH_LENGTH): say why the list did not change.
  const searchTooShort = state.search.trim() !== '' && searchToRun(state.search) === undefined;

  return (
    <div className="queue-screen">
      <div className="queue-toolbar">
        <SearchField
          ref={searchRef}
          label="Search orders"
          placeholder="Search candidate, email, job or order reference"
          value={state.search}
          onChange={(search) => update(view, { search, scrollTop: 0 })}
          onLeave={() => gridRef.current?.focus()}
        />
        <p className="queue-count" aria-live="polite">
          {snap.total === null ? (
            <span className="muted">Loading orders…</span>
          ) : (
            <>
              <strong>{number.format(snap.total)}</strong> {snap.total === 1 ? 'order' : 'orders'}
              {activeCount > 0 ? <span className="muted"> match</span> : null}
              {grandTotal !== null && grandTotal !== snap.total ? (
                <span className="muted"> of {number.format(grandTotal)}</span>
              ) : null}
            </>
          )}
          {searchTooShort ? (
            <span className="muted"> · Type {MIN_SEARCH_LENGTH} or more characters to search</span>
          ) : null}
        </p>
        <div className="queue-toolbar-end">
          {state.marked.length > 0 ? (
            <span className="queue-marked">
              <span className="muted">{number.format(state.marked.length)} marked</span>
              <ClaimMarked
                orders={state.marked.map(orderOfKey)}
                onDone={(message) => {
                  setMarkNotice(message);
                  update(view, { marked: [] });
                  win.refresh();
                }}
              />
              <button
                type="button"
                className="btn btn-quiet btn-small"
                onClick={() => update(view, { marked: [] })}
              >
                Unmark
              </button>
            </span>
          ) : (
            <ClaimButton
              order={selected ? { accountId: selected.accountId, orderId: selected.id } : null}
              team={selected?.team}
              onChanged={() => win.refresh()}
            />
          )}
          <SaveViewButton queue={view} state={state} />
          <ExportViewButton query={query} total={snap.total} label={QUEUE_VIEWS[view].label} />
          <ColumnsMenu
            visibility={prefs.visibility}
            onChange={setVisibility}
            onResetWidths={() => setSizing({})}
          />
        </div>
      </div>
      <FilterBar
        facets={facets.data}
        filters={state.filters}
        search={state.search}
        showKind={QUEUE_VIEWS[view].kind === undefined}
        showClaims={identity?.state === 'team'}
        onChange={(patch) => setFilters(view, patch)}
        onClearSearch={() => update(view, { search: '', scrollTop: 0 })}
        onClearAll={clearAll}
      />
      <p className="queue-notice" role="status">
        {resultNotice || markNotice}
      </p>
      {snap.error && snap.total !== null ? (
        <LoadFailed
          title="Some orders could not be loaded"
          message={snap.error}
          onRetry={() => win.retry()}
        />
      ) : null}
      <QueueTable
        win={win}
        snap={snap}
        label={QUEUE_VIEWS[view].label}
        sort={state.sort}
        onSortChange={(sort) => update(view, { sort, scrollTop: 0 })}
        columnVisibility={prefs.visibility}
        columnSizing={prefs.sizing}
        onColumnVisibilityChange={setVisibility}
        onColumnSizingChange={setSizing}
        selectedKey={state.selectedKey}
        selectedIndex={state.selectedIndex}
        onSelect={select}
        onOpen={open}
        marked={markedSet}
        onMark={mark}
        initialScrollTop={initialScrollTop}
        scrollTopRef={scrollTopRef}
        rowWindowRef={rowWindowRef}
        gridRef={gridRef}
        empty={
          activeCount > 0 ? (
            <EmptyState
              title="No orders match these filters"
              hint="Loosen a filter or clear them all to see every order."
              action={
                <button type="button" className="btn btn-small" onClick={clearAll}>
                  Clear filters
                </button>
              }
            />
          ) : (
            <NoDataYet
              service="orders"
              title="No orders yet"
              hint="New orders appear here as soon as the order gateway delivers them."
              sandboxHint="New orders appear here as soon as they are synced; the sandbox creates one every minute."
            />
          )
        }
        failed={
          <EmptyState
            title="The queue could not be loaded"
            hint={snap.error ?? ''}
            tone="error"
            action={<RetryButton onRetry={() => win.retry()} />}
          />
        }
      />
    </div>
  );
}
