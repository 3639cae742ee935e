import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeDesk } from '../testing/fake-desk';
import { setDesk } from './desk';
import { useDeskQuery } from './use-desk-query';

let desk: ReturnType<typeof createFakeDesk>;

beforeEach(() => {
  desk = createFakeDesk();
  setDesk(desk.bridge);
});
afterEach(() => {
  cleanup();
  setDesk(null);
});

function Count() {
  const q = useDeskQuery('quarantine:list', {}, { refreshOn: ['data:changed'] });
  return <p>{q.status === 'ready' ? `total ${q.data.total}` : q.status}</p>;
}

const listCalls = () => desk.calls.filter((c) => c.name === 'quarantine:list').length;
const changed = () => desk.emit('data:changed', { workspaceId: 'sandbox', tables: ['quarantine'] });

describe('useDeskQuery', () => {
  it('refetches on its events, and coalesces a burst into one request after the one in flight', async () => {
    render(<Count />);
    await screen.findByText(/^total /);
    expect(listCalls()).toBe(1);

    desk.hold('quarantine:list');
    act(changed);
    await waitFor(() => expect(listCalls()).toBe(2));
    // Five more changes while that answer is held back: one request follows, not five.
    act(() => {
      for (let i = 0; i < 5; i++) changed();
    });
    expect(listCalls()).toBe(2);
    act(() => desk.release('quarantine:list'));
    await waitFor(() => expect(listCalls()).toBe(3));
    await screen.findByText(/^total /);
    expect(listCalls()).toBe(3);

    // Idle again: the next change is fetched at once.
    act(changed);
    await waitFor(() => expect(listCalls()).toBe(4));
  });
});
