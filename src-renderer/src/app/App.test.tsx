import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setDesk } from '../lib/desk';
import { createFakeDesk } from '../test-support/fake-desk';
import { App } from './App';
import { useUiStore } from './ui-store';

let desk: ReturnType<typeof createFakeDesk>;

beforeEach(() => {
  desk = createFakeDesk();
  setDesk(desk.bridge);
  window.location.hash = '';
  useUiStore.setState({ sectionId: null, keyboardMapOpen: false });
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
    expect(links.map((l) => l.textContent)).toEqual(['Settings']);
    expect(links[0]?.getAttribute('aria-current')).toBe('page');
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
