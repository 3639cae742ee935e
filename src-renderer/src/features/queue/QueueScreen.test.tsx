import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { orderRows, withQueueScreens } from '../../testing/queue-screens';
import { setDesk } from '../../lib/desk';
import { createFakeDesk } from '../../testing/fake-desk';
import { createFakeRecords } from '../../testing/fake-records';
import { SEARCH_COUNT_CAP } from '../../../../src-shared/contract';
import { useUiStore } from '../../app/ui-store';
import { CAPPED_COUNTS_NOTE, groupPackages } from './FilterBar';
import { QueueScreen } from './QueueScreen';
import { loadColumnPrefs } from './column-prefs';
import { useQueueStore } from './queue-store';
import { useWorkspaceScope } from '../../lib/workspace-scope';

let desk: ReturnType<typeof createFakeDesk>;
const currentDesk = withQueueScreens();
beforeEach(() => {
  desk = currentDesk();
});

const grid = () => screen.getByRole('grid', { name: 'All orders' });
const dataRows = () => orderRows();
const selectedId = () =>
  dataRows()
    .find((r) => r.getAttribute('aria-selected') === 'true')
    ?.getAttribute('data-order-id');
const shownCount = () => document.querySelector('.queue-count strong')?.textContent;
const listCalls = () => desk.calls.filter((c) => c.name === 'orders:list');

describe('QueueScreen', () => {
  it('fetches one window of rows, not the whole queue, and shows the count', async () => {
    render(<QueueScreen view="all" />);
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(10));
    expect(shownCount()).toBe('250');
    const limits = listCalls().map((c) => (c.input as { limit: number }).limit);
    expect(Math.max(...limits)).toBeLessThanOrEqual(100);
    expect(grid().getAttribute('aria-rowcount')).toBe('251');
    // Default sort: due time ascending, marked for assistive tech.
    expect(screen.getByRole('columnheader', { name: /Due/ }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
  });

  it('shows skeleton rows while the first page loads (no spinner)', async () => {
    desk.hold('orders:list');
    render(<QueueScreen view="all" />);
    expect(grid().getAttribute('aria-busy')).toBe('true');
    expect(grid().querySelectorAll('.queue-row-skeleton').length).toBeGreaterThan(5);
    desk.release('orders:list');
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0));
  });

  it('filter menus show counts, narrow the query in main, and become removable tokens', async () => {
    render(<QueueScreen view="all" />);
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0));
    const bar = screen.getByRole('group', { name: 'Filters' });
    fireEvent.click(within(bar).getByRole('button', { name: /^Status/ }));
    const menu = await screen.findByRole('group', { name: 'Status' });
    const sentCount = desk.records.orders.filter((o) => o.status === 'sent').length;
    const sent = await within(menu).findByRole('checkbox', {
      name: new RegExp(`Sent ${sentCount}`),
    });
    fireEvent.click(sent);
    await waitFor(() => expect(shownCount()).toBe(String(sentCount)));
    const last = listCalls().at(-1)?.input as { statuses?: string[] };
    expect(last.statuses).toEqual(['sent']);
    await waitFor(() =>
      expect(dataRows().every((r) => r.textContent?.includes('Sent'))).toBe(true),
    );
    const tokens = screen.getByRole('list', { name: 'Active filters' });
    fireEvent.click(within(tokens).getByRole('button', { name: 'Remove filter Status: Sent' }));
    await waitFor(() => expect(shownCount()).toBe('250'));
    expect(screen.queryByRole('list', { name: 'Active filters' })).toBeNull();
  });

  it('quick filters come first, one at a time, by click or by key (1, 2, 3)', async () => {
    render(<QueueScreen view="all" />);
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0));
    const quick = screen.getByRole('group', { name: 'Quick filters' });
    expect(
      within(quick)
        .getAllByRole('button')
        .map((b) => b.textContent?.replace(/\d+$/, '')),
    ).toEqual(['Overdue', 'Due today', 'Due soon']);
    const lastQuery = () => listCalls().at(-1)?.input as { overdue?: boolean; dueWithin?: string };

    fireEvent.click(within(quick).getByRole('button', { name: /Due today/ }));
    await waitFor(() => expect(lastQuery().dueWithin).toBe('today'));
    expect(lastQuery().overdue).toBeUndefined();

    fireEvent.keyDown(document.body, { key: '1' });
    await waitFor(() => expect(lastQuery().overdue).toBe(true));
    expect(lastQuery().dueWithin).toBeUndefined();
    expect(
      within(quick)
        .getByRole('button', { name: /Overdue/ })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    const overdue = desk.records.orders.filter(
      (o) => !['sent', 'cancelled'].includes(o.status) && Date.parse(o.dueAt) < Date.now(),
    ).length;
    await waitFor(() => expect(shownCount()).toBe(String(overdue)));

    fireEvent.keyDown(document.body, { key: '3' });
    await waitFor(() => expect(lastQuery().dueWithin).toBe('soon'));
    fireEvent.keyDown(document.body, { key: '3' });
    await waitFor(() => expect(shownCount()).toBe('250'));
  });

  it('shows the candidate email under the name and the due state on hover', async () => {
    render(<QueueScreen view="all" />);
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0));
    const row = dataRows()[0]!;
    const order = desk.records.orders.find((o) => o.id === row.getAttribute('data-order-id'))!;
    expect(row.querySelector('.candidate-email')?.textContent).toBe(order.candidateEmail);
    const due = row.querySelector('.due')!;
    expect(due.getAttribute('title')).toMatch(/^(Overdue|Due soon|Due today|Due|Was due) · \S/);
  });

  it('hides Kind in the kind queues and remembers columns per workspace', async () => {
    const { unmount } = render(<QueueScreen view="assessments" />);
    const assessments = () => screen.getByRole('grid', { name: 'Assessments' });
    await waitFor(() =>
      expect(within(assessments()).getAllByRole('row').length).toBeGreaterThan(1),
    );
    const headers = () =>
      within(assessments())
        .getAllByRole('columnheader')
        .map((h) => h.textContent);
    expect(headers()).not.toContain('Kind');
    fireEvent.click(screen.getByRole('button', { name: 'Columns' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Received' }));
    await waitFor(() => expect(headers()).not.toContain('Received'));
    unmount();

    // Back in the same workspace: the choice is kept.
    render(<QueueScreen view="assessments" />);
    await waitFor(() => expect(headers().length).toBeGreaterThan(0));
    expect(headers()).not.toContain('Received');

    // Another workspace (and another queue) has its own layout.
    expect(loadColumnPrefs('sandbox', 'assessments').visibility).toMatchObject({
      received_at: false,
    });
    expect(loadColumnPrefs('ws-other', 'assessments').visibility).toEqual({ kind: false });
    expect(loadColumnPrefs('sandbox', 'all').visibility).toEqual({});
  });

  it('exports every row of the view, not just those on screen, as CSV', async () => {
    const { readWholeView, viewCsv } = await import('./view-csv');
    const { call } = await import('../../lib/desk');
    const rows = await readWholeView(
      (input) => call('orders:list', input),
      { sort: { column: 'due_at', direction: 'asc' }, kind: 'assessment' },
      new Date().toISOString(),
      100,
    );
    const expected = desk.records.orders.filter((o) => o.kind === 'assessment').length;
    expect(expected).toBeGreaterThan(100);
    expect(rows).toHaveLength(expected);
    expect(new Set(rows.map((r) => r.id)).size).toBe(expected);
    expect(listCalls().length).toBe(Math.ceil((expected + 1) / 100));
    const csv = viewCsv(rows).split('\r\n');
    expect(csv[0]).toBe(
      'Order,Kind,Status,Due,Overdue,Received,Candidate,Email,Job,Package,Customer,Account',
    );
    expect(csv).toHaveLength(expected + 1);
  });

  it('sorts by a column when its header is clicked', async () => {
    render(<QueueScreen view="all" />);
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0));
    fireEvent.click(
      within(screen.getByRole('columnheader', { name: /Candidate/ })).getByRole('button'),
    );
    await waitFor(() =>
      expect((listCalls().at(-1)?.input as { sort: unknown }).sort).toEqual({
        column: 'candidate',
        direction: 'asc',
      }),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('columnheader', { name: /Candidate/ }).getAttribute('aria-sort'),
      ).toBe('ascending'),
    );
  });

  it('a new sort rewrites the row elements on screen instead of replacing them', async () => {
    render(<QueueScreen view="all" />);
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(10));
    const before = dataRows();
    const ids = (rows: HTMLElement[]) => rows.map((r) => r.getAttribute('data-order-id'));
    const idsBefore = ids(before);
    fireEvent.click(
      within(screen.getByRole('columnheader', { name: /Candidate/ })).getByRole('button'),
    );
    await waitFor(() => expect(ids(dataRows())).not.toEqual(idsBefore));
    const after = dataRows();
    expect(after.length).toBe(before.length);
    // Same elements, new orders in them: the browser re-lays out text, not a new set of rows.
    after.forEach((row, i) => expect(row).toBe(before[i]));
  });

  it('j/k move the selection, Enter opens the order, and the selection survives a live update', async () => {
    render(<QueueScreen view="all" />);
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0));
    fireEvent.keyDown(document.body, { key: 'j' });
    await waitFor(() => expect(selectedId()).toBe(dataRows()[0]?.getAttribute('data-order-id')));
    fireEvent.keyDown(document.body, { key: 'j' });
    fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    fireEvent.keyDown(grid(), { key: 'k' });
    const chosen = dataRows()[1]?.getAttribute('data-order-id');
    await waitFor(() => expect(selectedId()).toBe(chosen));
    expect(grid().getAttribute('aria-activedescendant')).toBe('queue-row-1');

    // A new order arrives that sorts above the selection: the same order stays selected.
    const first = desk.records.orders[0];
    if (!first) throw new Error('no orders');
    desk.records.orders.unshift({ ...first, id: 'ord-new', dueAt: '2000-01-01T00:00:00.000Z' });
    act(() => desk.emit('data:changed', { workspaceId: 'sandbox', tables: ['orders'] }));
    await waitFor(() => expect(shownCount()).toBe('251'));
    await waitFor(() => expect(selectedId()).toBe(chosen));
    expect(grid().getAttribute('aria-activedescendant')).toBe('queue-row-2');

    fireEvent.keyDown(grid(), { key: 'Enter' });
    expect(useUiStore.getState().sectionId).toBe('order');
    expect(useUiStore.getState().path[1]).toBe(chosen);
  });

  it('team mode: x, Ctrl-click and Shift-click mark rows; one claim takes them all; Esc unmarks', async () => {
    desk.team.identity = { state: 'team', coordinator: { id: 'c-dana', name: 'Dana' } };
    render(<QueueScreen view="all" />);
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(6));
    const idAt = (i: number) => dataRows()[i]!.getAttribute('data-order-id')!;
    const marked = () =>
      dataRows()
        .filter((r) => r.classList.contains('is-marked'))
        .map((r) => r.getAttribute('data-order-id'));
    const [a, b, c, d, e] = [0, 1, 2, 3, 4].map(idAt);

    fireEvent.keyDown(document.body, { key: 'j' });
    fireEvent.keyDown(document.body, { key: 'x' });
    await waitFor(() => expect(marked()).toEqual([a]));
    // Ctrl-click marks without opening; Shift-click marks the loaded rows up to it.
    fireEvent.click(dataRows()[2]!, { ctrlKey: true });
    fireEvent.click(dataRows()[4]!, { shiftKey: true });
    await waitFor(() => expect(marked()).toEqual([a, c, d, e]));
    expect(useUiStore.getState().sectionId).toBe('queue');
    expect(grid().getAttribute('aria-multiselectable')).toBe('true');
    expect(dataRows()[1]!.getAttribute('aria-selected')).toBe('false');
    expect(dataRows()[3]!.getAttribute('aria-selected')).toBe('true');

    fireEvent.click(await screen.findByRole('button', { name: 'Claim 4' }));
    await waitFor(() =>
      expect(document.querySelector('.queue-notice')?.textContent).toBe('Claimed 4 orders.'),
    );
    const claimedBy = (id: string | undefined) =>
      desk.records.orders.find((o) => o.id === id)?.team?.claim?.by.name;
    expect([a, b, c, d, e].map(claimedBy)).toEqual(['Dana', undefined, 'Dana', 'Dana', 'Dana']);
    await waitFor(() => expect(marked()).toEqual([]));

    // Esc unmarks; a new search does too, so an action never reaches rows out of sight.
    fireEvent.keyDown(document.body, { key: 'x' });
    await waitFor(() => expect(marked().length).toBe(1));
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await waitFor(() => expect(marked()).toEqual([]));
    fireEvent.keyDown(document.body, { key: 'x' });
    await waitFor(() => expect(marked().length).toBe(1));
    act(() => useQueueStore.getState().update('all', { search: 'zz' }));
    expect(useQueueStore.getState().views.all.marked).toEqual([]);
  });

  it('outside team mode a Ctrl-click selects the row and marks nothing', async () => {
    render(<QueueScreen view="all" />);
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(3));
    const id = dataRows()[2]!.getAttribute('data-order-id');
    fireEvent.click(dataRows()[2]!, { ctrlKey: true });
    await waitFor(() => expect(selectedId()).toBe(id));
    expect(useQueueStore.getState().views.all.marked).toEqual([]);
    expect(useUiStore.getState().sectionId).toBe('queue');
  });

  it('Esc leaves the search box for the results, keeping the search', async () => {
    render(<QueueScreen view="all" />);
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0));
    const box = screen.getByLabelText('Search orders') as HTMLInputElement;
    box.focus();
    fireEvent.change(box, { target: { value: 'anna' } });
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(document.activeElement).toBe(grid());
    expect(box.value).toBe('anna');
  });

  it('/ is left to the field when typing; ↓ in the search box moves to the results', async () => {
    render(<QueueScreen view="all" />);
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0));
    const box = screen.getByLabelText('Search orders');
    box.focus();
    fireEvent.keyDown(box, { key: 'j' });
    expect(selectedId()).toBeUndefined();
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(grid());
  });

  it('does not search one character: says how many are needed and keeps the list', async () => {
    render(<QueueScreen view="all" />);
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0));
    const box = screen.getByLabelText('Search orders');
    fireEvent.change(box, { target: { value: 'z' } });
    expect(await screen.findByText(/Type 2 or more characters to search/)).toBeTruthy();
    expect(shownCount()).toBe('250');
    expect(listCalls().some((c) => (c.input as { search?: string }).search !== undefined)).toBe(
      false,
    );
    fireEvent.change(box, { target: { value: 'zzz-nobody' } });
    expect(await screen.findByText('No orders match these filters')).toBeTruthy();
    expect(screen.queryByText(/Type 2 or more characters to search/)).toBeNull();
  });

  it('caps a search that matches most orders: "1,000+", the first 1,000 listed, chips uncounted', async () => {
    desk = createFakeDesk(createFakeRecords(SEARCH_COUNT_CAP + 200));
    setDesk(desk.bridge);
    render(<QueueScreen view="all" />);
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0));
    const box = screen.getByLabelText('Search orders');
    // Every order's job is an "Engineer …".
    fireEvent.change(box, { target: { value: 'engineer' } });
    await waitFor(() => expect(shownCount()).toBe('1,000+'));
    expect(screen.getByText(/the first 1,000 are listed/)).toBeTruthy();
    expect(grid().getAttribute('aria-rowcount')).toBe(String(SEARCH_COUNT_CAP + 1));
    const bar = screen.getByRole('group', { name: 'Filters' });
    fireEvent.click(within(bar).getByRole('button', { name: /^Status/ }));
    const menu = await screen.findByRole('group', { name: 'Status' });
    await within(menu).findByText(`${CAPPED_COUNTS_NOTE}.`);
    // The values stay choosable, without counts.
    expect(within(menu).getByRole('checkbox', { name: 'Sent' })).toBeTruthy();
    expect(menu.querySelector('.chip-count')).toBeNull();
    expect(within(bar).getByRole('button', { name: /^Overdue/ }).textContent).toBe('Overdue');
    // Narrowed below the cap, every count is exact again.
    fireEvent.change(box, { target: { value: 'engineer 3' } });
    const narrowed = desk.records.orders.filter((o) => o.jobTitle === 'Engineer 3').length;
    await waitFor(() => expect(Number(shownCount())).toBeGreaterThanOrEqual(narrowed));
    expect(shownCount()).not.toContain('+');
    expect(screen.queryByText(/the first 1,000 are listed/)).toBeNull();
    await waitFor(() => expect(within(menu).queryByText(`${CAPPED_COUNTS_NOTE}.`)).toBeNull());
    expect(within(menu).getByRole('checkbox', { name: /^Sent \d+$/ })).toBeTruthy();
  }, 20_000);

  it('says what an empty result means and how to get out of it', async () => {
    render(<QueueScreen view="all" />);
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0));
    fireEvent.change(screen.getByLabelText('Search orders'), { target: { value: 'zzz-nobody' } });
    expect(await screen.findByText('No orders match these filters')).toBeTruthy();
  });

  it('says the queue is empty (and why) when there are no orders at all', async () => {
    desk.records.orders.length = 0;
    useWorkspaceScope.setState({ workspaceId: 'sandbox', kind: 'sandbox' });
    const { unmount } = render(<QueueScreen view="all" />);
    expect(await screen.findByText('No orders yet')).toBeTruthy();
    expect(screen.getByText(/the sandbox creates one every minute/)).toBeTruthy();
    unmount();

    // A live workspace that syncs fine: no word of the sandbox.
    useWorkspaceScope.setState({ workspaceId: 'ws-1', kind: 'stackone' });
    render(<QueueScreen view="all" />);
    expect(await screen.findByText('No orders yet')).toBeTruthy();
    expect(screen.getByText(/as soon as the order gateway delivers them/)).toBeTruthy();
    expect(screen.queryByText(/sandbox/i)).toBeNull();
  });

  it('explains a failure in plain words and retries', async () => {
    const { DeskFailure } = await import('../../../../src-shared/contract');
    desk.fail('orders:list', new DeskFailure('unreachable', 'The local cache is not open yet.'));
    render(<QueueScreen view="all" />);
    expect(await screen.findByText('The local cache is not open yet.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0));
  });
});

describe('groupPackages', () => {
  it('merges the per-account ids of one package name into one chip', () => {
    const groups = groupPackages(
      [
        { value: 'p1', label: 'Coding test', count: 3 },
        { value: 'p2', label: 'Coding test', count: 2 },
        { value: 'p3', label: null, count: 1 },
      ],
      ['p9'],
    );
    expect(groups).toEqual([
      { label: 'Coding test', ids: ['p1', 'p2'], count: 5 },
      { label: 'p3', ids: ['p3'], count: 1 },
      { label: 'p9', ids: ['p9'], count: 0 },
    ]);
  });
});
