import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { orderRows, withQueueScreens } from '../testing/queue-screens';
import { isOverdue } from '../../../src-shared/contract/queue-filter';
import type { createFakeDesk } from '../testing/fake-desk';
import { useQueueStore } from '../features/queue/queue-store';
import { App } from './App';
import { useUiStore } from './ui-store';

let desk: ReturnType<typeof createFakeDesk>;
const currentDesk = withQueueScreens();
beforeEach(() => {
  desk = currentDesk();
});

const grid = () => screen.getByRole('grid', { name: 'All orders' });
const dataRows = () => orderRows();
const nav = () => screen.getByRole('navigation', { name: 'Sections' });

describe('Triage', () => {
  it('j/k and ] [ on an order page open the next and previous order of the view', async () => {
    render(<App />);
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(3));
    const ids = dataRows().map((r) => r.getAttribute('data-order-id'));
    fireEvent.keyDown(document.body, { key: 'j' });
    fireEvent.keyDown(grid(), { key: 'Enter' });
    expect(useUiStore.getState().path[1]).toBe(ids[0]);
    await screen.findByText(/Order 1 of 250 in All orders/);

    fireEvent.keyDown(document.body, { key: 'j' });
    expect(useUiStore.getState().path[1]).toBe(ids[1]);
    fireEvent.keyDown(document.body, { key: ']' });
    expect(useUiStore.getState().path[1]).toBe(ids[2]);
    fireEvent.keyDown(document.body, { key: '[' });
    fireEvent.keyDown(document.body, { key: 'k' });
    expect(useUiStore.getState().path[1]).toBe(ids[0]);
    // Before the first order there is none: it stays.
    fireEvent.keyDown(document.body, { key: 'k' });
    expect(useUiStore.getState().path[1]).toBe(ids[0]);

    fireEvent.keyDown(document.body, { key: 'j' });
    // Esc goes back to the queue (not to the previous order), with the last order selected.
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(useUiStore.getState().sectionId).toBe('queue');
    await waitFor(() =>
      expect(
        dataRows()
          .find((r) => r.getAttribute('aria-selected') === 'true')
          ?.getAttribute('data-order-id'),
      ).toBe(ids[1]),
    );
  });

  it('Ctrl+K opens the command palette; its commands filter, navigate and act', async () => {
    render(<App />);
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0));
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    const palette = await screen.findByRole('dialog', { name: 'Command palette' });
    const input = within(palette).getByRole('combobox');
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: 'due today' } });
    await waitFor(() =>
      expect(within(palette).getAllByRole('option')[0]?.textContent).toMatch(/due today/i),
    );
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull(),
    );
    expect(useQueueStore.getState().views.all.filters.due).toBe('today');

    fireEvent.keyDown(document.body, { key: 'k', metaKey: true });
    const again = await screen.findByRole('dialog', { name: 'Command palette' });
    fireEvent.click(within(again).getByRole('option', { name: /Go to Jobs/ }));
    expect(useUiStore.getState().sectionId).toBe('jobs');
  });

  it('Esc leaves the search box on Candidates and Jobs', async () => {
    for (const section of ['candidates', 'jobs']) {
      act(() => useUiStore.getState().navigate(section));
      const { unmount } = render(<App />);
      const box = (await screen.findAllByRole('searchbox'))[0]!;
      box.focus();
      fireEvent.change(box, { target: { value: 'ada' } });
      fireEvent.keyDown(box, { key: 'Escape' });
      expect(document.activeElement).not.toBe(box);
      expect((box as HTMLInputElement).value).toBe('ada');
      unmount();
    }
  });

  it('shows overdue counts per queue in the sidebar', async () => {
    render(<App />);
    const now = Date.now();
    const open = (kind?: string) =>
      desk.records.orders.filter(
        (o) => (!kind || o.kind === kind) && isOverdue(o.status, Date.parse(o.dueAt), now),
      ).length;
    expect(open()).toBeGreaterThan(0);
    const link = (name: string) =>
      within(nav())
        .getAllByRole('link')
        .find((l) => l.querySelector('.nav-label')?.textContent === name)!;
    await waitFor(() => expect(link('Queue').textContent).toContain(`${open()} overdue`));
    expect(link('Assessments').textContent).toContain(`${open('assessment')} overdue`);
    expect(link('Background checks').textContent).toContain(`${open('background_check')} overdue`);
  });

  it('saves a view (filters + sort) to the sidebar and opens it again', async () => {
    render(<App />);
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0));
    fireEvent.click(screen.getByRole('button', { name: /Overdue/ }));
    fireEvent.click(within(screen.getByRole('columnheader', { name: /Job/ })).getByRole('button'));
    await waitFor(() => expect(useQueueStore.getState().views.all.sort.column).toBe('job'));

    fireEvent.click(screen.getByRole('button', { name: 'Save view' }));
    fireEvent.change(screen.getByLabelText('Name of this view'), {
      target: { value: 'Overdue by job' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const link = await within(nav()).findByRole('link', { name: /Overdue by job/ });

    fireEvent.click(screen.getByRole('button', { name: 'Remove filter Overdue' }));
    act(() => useUiStore.getState().navigate('jobs'));
    fireEvent.click(link);
    expect(useUiStore.getState().sectionId).toBe('queue');
    const view = useQueueStore.getState().views.all;
    expect(view.filters.due).toBe('overdue');
    expect(view.sort).toEqual({ column: 'job', direction: 'asc' });
    // Kept for the workspace.
    expect(localStorage.getItem('screening-desk.saved-views.v1.sandbox')).toContain(
      'Overdue by job',
    );
  });

  it('collapses the sidebar to icons, keeping the names for assistive tech', async () => {
    render(<App />);
    fireEvent.click(screen.getByRole('button', { name: 'Collapse the sidebar' }));
    expect(document.querySelector('.app')?.classList.contains('is-sidebar-collapsed')).toBe(true);
    expect(within(nav()).getByRole('link', { name: /^Jobs/ })).toBeTruthy();
    expect(localStorage.getItem('screening-desk.sidebar-collapsed')).toBe('true');
  });
});
