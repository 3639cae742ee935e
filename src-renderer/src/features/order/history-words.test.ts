import { describe, expect, it } from 'vitest';
import { historyWords } from './history-words';

describe('historyWords', () => {
  it('says what happened in plain words', () => {
    expect(
      historyWords({ at: '', event: 'received', detail: 'background_check', data: null }),
    ).toBe('Order received: Background check');
    expect(
      historyWords({
        at: '',
        event: 'status_changed',
        detail: 'new -> needs_attention',
        data: { from: 'new', to: 'needs_attention' },
      }),
    ).toBe('Status changed from New to Needs attention');
    // Without the structured data, the stored detail still reads.
    expect(
      historyWords({ at: '', event: 'status_changed', detail: 'draft -> sent', data: null }),
    ).toBe('Status changed from Draft to Sent');
  });

  it('shows an unknown event as stored', () => {
    expect(historyWords({ at: '', event: 'note_added', detail: 'hello', data: null })).toBe(
      'Note added: hello',
    );
  });
});
