import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setDesk } from '../../lib/desk';
import { useWorkspaceScope } from '../../lib/workspace-scope';
import { createFakeDesk } from '../../testing/fake-desk';
import { NotificationsPanel } from './NotificationsPanel';
import { SandboxPanel } from './SandboxPanel';

let desk: ReturnType<typeof createFakeDesk>;
beforeEach(() => {
  desk = createFakeDesk();
  setDesk(desk.bridge);
  useWorkspaceScope.setState({ workspaceId: 'sandbox', kind: 'sandbox', generation: 0 });
});
afterEach(() => {
  cleanup();
  setDesk(null);
});

describe('Settings: Sandbox and notifications', () => {
  it('"Reset sandbox" asks first, then resets the Sandbox workspace', async () => {
    render(<SandboxPanel />);
    fireEvent.click(screen.getByRole('button', { name: 'Reset sandbox' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Reset the sandbox?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reset sandbox' }));
    expect(await screen.findByText(/The sandbox was reset/)).toBeTruthy();
    expect(desk.calls.filter((c) => c.name === 'sync:reset-sandbox')).toEqual([
      { name: 'sync:reset-sandbox', input: { workspaceId: 'sandbox' } },
    ]);
  });

  it('is not offered in a live workspace', () => {
    act(() => useWorkspaceScope.setState({ workspaceId: 'ws-1', kind: 'stackone' }));
    render(<SandboxPanel />);
    expect(screen.queryByRole('button', { name: 'Reset sandbox' })).toBeNull();
  });

  it('turns desktop notifications off and on', async () => {
    render(<NotificationsPanel />);
    const box = screen.getByRole<HTMLInputElement>('checkbox', { name: /Desktop notifications/ });
    await waitFor(() => expect(box.checked).toBe(true));
    fireEvent.click(box);
    await waitFor(() => expect(box.checked).toBe(false));
    expect(desk.calls.some((c) => c.name === 'notifications:set-settings')).toBe(true);
  });
});
