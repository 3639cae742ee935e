import {
  act,
  cleanup,
  configure,
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setDesk } from '../../lib/desk';
import { createFakeDesk } from '../../testing/fake-desk';
import { useUiStore } from '../../app/ui-store';
import { groupPackages } from './FilterChips';
import { QueueScreen } from './QueueScreen';
import { useQueueStore } from './queue-store';
import { forgetQueueWindows } from './queue-windows';
import { useWorkspaceScope } from '../../lib/workspace-scope';

// A busy CI machine can take more than the default second to render a few hundred rows.
configure({ asyncUtilTimeout: 5_000 });

// happy-dom does no layout: give the grid a viewport so the virtualizer renders rows.
const sizes = { clientHeight: 600, clientWidth: 1000 };
const saved: Record<string, PropertyDescriptor | undefined> = {};
beforeAll(() => {
  for (const [key, value] of Object.entries(sizes)) {
    saved[key] = Object.getOwnPropertyDescriptor(HTMLElement.prototype, key);
    Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get: () => value });
  }
});
afterAll(() => {
  for (const [key, d] of Object.entries(saved)) {
    if (d) Object.defineProperty(HTMLElement.prototype, key, d);
  }
});

let desk: ReturnType<typeof createFakeDesk>;
beforeEach(() => {
  desk = createFakeDesk();
  setDesk(desk.bridge);
  forgetQueueWindows();
  useQueueStore.getState().reset();
  localStorage.clear();
  window.location.hash = '#/queue';
  useUiStore.setState({ sectionId: 'queue', path: [], backTo: null });
});
afterEach(() => {
  cleanup();
  setDesk(null);
});

const grid = () => screen.getByRole('grid', { name: 'All orders' });
const dataRows = () =>
  within(grid())
    .getAllByRole('row')
    .filter((r) => r.hasAttribute('data-order-id'));
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

  it('filter chips narrow the query in main and show their counts', async () => {
    render(<QueueScreen view="all" />);
    const status = await screen.findByRole('group', { name: 'Status' });
    const sent = await within(status).findByRole('button', { name: /Sent/ });
    const sentCount = desk.records.orders.filter((o) => o.status === 'sent').length;
    expect(sent.textContent).toContain(String(sentCount));
    fireEvent.click(sent);
    await waitFor(() => expect(shownCount()).toBe(String(sentCount)));
    expect(sent.getAttribute('aria-pressed')).toBe('true');
    const last = listCalls().at(-1)?.input as { statuses?: string[] };
    expect(last.statuses).toEqual(['sent']);
    await waitFor(() =>
      expect(dataRows().every((r) => r.textContent?.includes('Sent'))).toBe(true),
    );
    expect(screen.getByText(/Status: Sent/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(shownCount()).toBe('250'));
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
