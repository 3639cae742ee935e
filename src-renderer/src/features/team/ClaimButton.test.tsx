import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setDesk } from '../../lib/desk';
import { createFakeDesk } from '../../testing/fake-desk';
import { ClaimButton } from './ClaimButton';
import { SignedInAs } from './SignedInAs';
import { SignedOutBanner } from './SignedOutBanner';
import { TeamBadge } from './TeamBadge';

let desk: ReturnType<typeof createFakeDesk>;
const DANA = { id: 'c-dana', name: 'Dana' };
const ELI = { id: 'c-eli', name: 'Eli' };
const ORDER = { accountId: 'acc-globex', orderId: 'ord-0001' } as const;

beforeEach(() => {
  desk = createFakeDesk();
  setDesk(desk.bridge);
});
afterEach(() => {
  cleanup();
  setDesk(null);
});

const row = () => desk.records.orders.find((o) => o.id === ORDER.orderId)!;

function renderButton() {
  const view = render(<ClaimButton order={ORDER} team={row().team} />);
  return () => view.rerender(<ClaimButton order={ORDER} team={row().team} />);
}

describe('team mode in the desk', () => {
  it('shows no claim button outside team mode (shared token)', async () => {
    render(<ClaimButton order={ORDER} team={undefined} />);
    await waitFor(() => expect(desk.calls.some((c) => c.name === 'team:me')).toBe(true));
    expect(screen.queryByRole('button', { name: 'Claim' })).toBeNull();
  });

  it('claims, then offers to release', async () => {
    desk.team.identity = { state: 'team', coordinator: DANA };
    const rerender = renderButton();
    fireEvent.click(await screen.findByRole('button', { name: 'Claim' }));
    await waitFor(() => expect(row().team?.claim?.by.name).toBe('Dana'));
    rerender();
    expect(await screen.findByRole('button', { name: 'Release claim' })).toBeTruthy();
  });

  it('asks before taking over someone else’s claim, and takes it only when confirmed', async () => {
    desk.team.identity = { state: 'team', coordinator: ELI };
    row().team = {
      claim: { by: DANA, expiresAt: '2099-01-01T00:00:00Z' },
      report: null,
      conflict: [],
    };
    renderButton();
    fireEvent.click(await screen.findByRole('button', { name: 'Claim' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Take over this claim?' });
    expect(dialog.textContent).toContain('Dana claimed this order');
    expect(row().team?.claim?.by.name).toBe('Dana');
    fireEvent.click(screen.getByRole('button', { name: 'Take over' }));
    await waitFor(() => expect(row().team?.claim?.by.name).toBe('Eli'));
    const takeovers = desk.calls.filter(
      (c) => c.name === 'orders:claim' && (c.input as { takeover?: boolean }).takeover,
    );
    expect(takeovers).toHaveLength(1);
  });

  it('says who the desk is signed in as, and signed out when the token is refused', async () => {
    desk.team.identity = { state: 'team', coordinator: DANA };
    render(
      <>
        <SignedInAs />
        <SignedOutBanner />
      </>,
    );
    expect(await screen.findByText('Signed in as Dana')).toBeTruthy();
    desk.team.set({ state: 'signed_out', message: 'The token was revoked.' });
    expect(await screen.findByText(/The token was revoked/)).toBeTruthy();
    expect(screen.queryByText('Signed in as Dana')).toBeNull();
  });

  it('shows Sent by, Claimed by, and a conflict when two coordinators sent results', () => {
    const { rerender } = render(
      <TeamBadge
        team={{
          claim: { by: DANA, expiresAt: '2099-01-01T00:00:00Z' },
          report: { outcome: 'sent', result: 'passed', by: 'Eli', at: '2026-01-01T00:00:00Z' },
          conflict: [],
        }}
      />,
    );
    expect(screen.getByText('Sent by Eli')).toBeTruthy();
    expect(screen.getByText('Claimed by Dana')).toBeTruthy();
    rerender(
      <TeamBadge
        team={{
          claim: null,
          report: { outcome: 'sent', result: 'failed', by: 'Eli', at: '2026-01-01T00:00:00Z' },
          conflict: ['Dana', 'Eli'],
        }}
      />,
    );
    expect(screen.getByText('Conflict: Dana, Eli')).toBeTruthy();
  });
});
