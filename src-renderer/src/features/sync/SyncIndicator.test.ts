import { describe, expect, it } from 'vitest';
import type { SourceStatus, SyncStatus } from '../../../../src-shared/contract';
import { formatTime } from '../../lib/time-format';
import { summarize } from './SyncIndicator';

function source(patch: Partial<SourceStatus>): SourceStatus {
  return {
    source: 'candidates',
    accountId: 'acc',
    state: 'running',
    lastSuccessAt: '2026-01-01T09:00:00.000Z',
    lastAttemptAt: '2026-01-01T10:00:00.000Z',
    lastError: null,
    counts: { fetched: 0, written: 0, quarantined: 0 },
    waiting: null,
    notice: null,
    ...patch,
  };
}

function status(sources: SourceStatus[]): SyncStatus {
  return {
    workspaceId: 'ws',
    state: 'running',
    lastSuccessAt: '2026-01-01T09:00:00.000Z',
    nextRunAt: null,
    intervalMs: 60_000,
    offlineSince: null,
    sources,
    quarantined: 0,
  };
}

describe('sync summary', () => {
  const now = Date.parse('2026-01-01T10:05:00.000Z');

  it('says StackOne is not answering instead of "Syncing…"', () => {
    const s = status([
      source({ source: 'orders', accountId: null, state: 'idle' }),
      source({
        state: 'waiting',
        waiting: {
          since: '2026-01-01T10:00:00.000Z',
          until: '2026-01-01T10:06:00.000Z',
          reason: 'StackOne is not answering (StackOne did not answer within 75 s.)',
        },
      }),
    ]);
    expect(summarize(s, now).text).toMatch(/^Still waiting for StackOne since /);
    // The last successful sync stays in view.
    expect(summarize(s, now).lastSynced).toBe('last synced 1 h ago');
  });

  it('a request StackOne keeps open past the threshold reads the same, with no next try', () => {
    const s = status([
      source({ source: 'orders', accountId: null, state: 'idle' }),
      source({
        state: 'waiting',
        waiting: {
          since: '2026-01-01T10:01:00.000Z',
          until: null,
          reason: 'StackOne has not answered for 25 s; the request is still open.',
        },
      }),
    ]);
    const summary = summarize(s, now);
    expect(summary.text).toBe(
      `Still waiting for StackOne since ${formatTime('2026-01-01T10:01:00.000Z')}`,
    );
    expect(summary.lastSynced).toMatch(/^last synced /);
    expect(summarize({ ...s, sources: [source({ state: 'running' })] }, now)).toMatchObject({
      text: 'Syncing…',
      lastSynced: 'last synced 1 h ago',
    });
  });

  it('says since when it waits on a Retry-After', () => {
    const s = status([
      source({
        state: 'waiting',
        waiting: {
          since: '2026-01-01T10:00:00.000Z',
          until: '2026-01-01T10:00:30.000Z',
          reason: 'StackOne is rate limiting requests (429). StackOne asks to wait 30 s.',
        },
      }),
    ]);
    expect(summarize(s, now).text).toMatch(/^Still waiting for StackOne since /);
    expect(summarize(status([source({})]), now).text).toBe('Syncing…');
  });
});
