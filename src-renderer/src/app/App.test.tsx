import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setDesk } from '../lib/desk';
import { createFakeDesk } from '../testing/fake-desk';
import { App } from './App';
import { useUiStore } from './ui-store';

let desk: ReturnType<typeof createFakeDesk>;

beforeEach(() => {
  desk = createFakeDesk();
  setDesk(desk.bridge);
  window.location.hash = '';
  useUiStore.setState({ sectionId: null, path: [], backTo: null, keyboardMapOpen: false });
});
afterEach(() => {
  cleanup();
  setDesk(null);
});

describe('App shell', () => {
  it('marks the Sandbox workspace in the top bar and drops the mark when a StackOne one is active', async () => {
    desk.workspaces.set('ws-1', {
      id: 'ws-1',
      name: 'Acme',
      kind: 'stackone',
      stackoneBaseUrl: 'https://api.stackone.com',
      gatewayUrl: null,
      linkedAccounts: [],
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
    });
    render(<App />);
    const banner = document.querySelector<HTMLElement>('.topbar') as HTMLElement;
    await within(banner).findByText('Sandbox');

    const switcher = screen.getByLabelText('Workspace');
    await waitFor(() => expect((switcher as HTMLSelectElement).disabled).toBe(false));
    fireEvent.change(switcher, { target: { value: 'ws-1' } });
    await within(banner).findByText('Acme');
    expect(within(banner).queryByText('Sandbox')).toBeNull();
  });

  it('lists only working sections and marks the current one', () => {
    render(<App />);
    const nav = screen.getByRole('navigation', { name: 'Sections' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((l) => l.querySelector('.nav-label')?.textContent)).toEqual([
      'Queue',
      'Assessments',
      'Background checks',
      'Candidates',
      'Jobs',
      'Packages',
      'Mappings',
      'Activity',
      'Settings',
    ]);
    expect(links[0]?.getAttribute('aria-current')).toBe('page');
  });

  it('an order page highlights the queue and Esc returns to where it was opened from', async () => {
    render(<App />);
    act(() => useUiStore.getState().open('order', ['acc-acme', 'ord-0000']));
    expect(window.location.hash).toBe('#/order/acc-acme/ord-0000');
    const nav = screen.getByRole('navigation', { name: 'Sections' });
    expect(within(nav).getByRole('link', { current: 'page' }).textContent).toContain('Queue');
    expect(await screen.findByRole('heading', { name: /Ada Lovelace 0/ })).toBeTruthy();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(useUiStore.getState().sectionId).toBe('queue');
  });

  it('an unmapped order says so in the queue and on its page, and links to the mappings', async () => {
    render(<App />);
    const grid = await screen.findByRole('grid');
    const row = await waitFor(() => {
      const r = grid.querySelector<HTMLElement>('[data-order-id="ord-0000"]');
      if (!r) throw new Error('row not rendered yet');
      return r;
    });
    const flag = within(row).getByRole('link', { name: /Unmapped/ });
    expect(flag.getAttribute('tabindex')).toBe('-1');
    expect(grid.querySelector('[data-order-id="ord-0002"]')?.textContent).not.toMatch(/Unmapped/);

    act(() => useUiStore.getState().open('order', ['acc-acme', 'ord-0000']));
    await screen.findByRole('heading', { name: /Ada Lovelace 0/ });
    const links = screen.getAllByRole('link', { name: /Unmapped · Map its package/ });
    expect(links.length).toBeGreaterThan(0);
    fireEvent.click(links[0]!);
    expect(window.location.hash).toBe('#/mappings/acc-acme');
    expect(await screen.findByRole('table', { name: /Job postings of Acme/ })).toBeTruthy();
  });

  it('shows the offline banner while a source is unreachable', async () => {
    desk.records.sync = {
      ...desk.records.sync,
      state: 'offline',
      offlineSince: '2025-03-10T11:00:00.000Z',
    };
    render(<App />);
    expect(await screen.findByText(/showing cached data from/)).toBeTruthy();
    act(() =>
      desk.emit('sync:status-changed', { ...desk.records.sync, state: 'idle', offlineSince: null }),
    );
    await waitFor(() => expect(screen.queryByText(/showing cached data from/)).toBeNull());
  });

  it('opens the keyboard map with ? and closes it with Esc, but not while typing', async () => {
    render(<App />);
    const name = await screen.findByLabelText('Workspace');
    fireEvent.keyDown(name, { key: '?' });
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.keyDown(document.body, { key: '?' });
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Go to Settings')).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('Close');

    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('g then s goes to Settings', () => {
    useUiStore.setState({ sectionId: 'elsewhere' });
    render(<App />);
    fireEvent.keyDown(document.body, { key: 'g' });
    fireEvent.keyDown(document.body, { key: 's' });
    expect(useUiStore.getState().sectionId).toBe('settings');
    expect(window.location.hash).toBe('#/settings');
  });
});
