import { useEffect } from 'react';
import { create } from 'zustand';
import type { SourceStatus, SyncStatus } from '../../../../src-shared/contract';
import { call, onDeskEvent } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { useConnectionStore } from '../../lib/connection-store';
import { onWorkspaceSwitch, useWorkspaceScope } from '../../lib/workspace-scope';

interface SyncStore {
  status: SyncStatus | null;
  /** Why the status could not be read (the desk itself is unreachable). */
  error: string | null;
  set: (status: SyncStatus) => void;
  fail: (error: string) => void;
}

/** The sync state, pushed by main with each change; read once when the window opens. */
export const useSyncStore = create<SyncStore>((set) => ({
  status: null,
  error: null,
  // A late status of the workspace just left must not show as the new one's.
  set: (status) => {
    const scope = useWorkspaceScope.getState().workspaceId;
    if (scope === null || status.workspaceId === scope) set({ status, error: null });
  },
  fail: (error) => set({ error }),
}));

onWorkspaceSwitch(() => useSyncStore.setState({ status: null, error: null }));

/** Mount once (in the shell): keeps the store current. */
export function useSyncStatusFeed(): void {
  const resyncs = useConnectionStore((s) => s.resyncs);
  const generation = useWorkspaceScope((s) => s.generation);
  useEffect(() => {
    const { set, fail } = useSyncStore.getState();
    let current = true;
    call('sync:get-status', {}).then(
      (status) => current && set(status),
      (e: unknown) => current && fail(errorMessage(e)),
    );
    const off = onDeskEvent('sync:status-changed', (status) => set(status));
    return () => {
      current = false;
      off();
    };
  }, [resyncs, generation]);
}

export function isOffline(status: SyncStatus | null): boolean {
  return status !== null && (status.state === 'offline' || status.offlineSince !== null);
}

/** The source that has been waiting for its service the longest, or null. */
export function longestWait(
  status: SyncStatus | null,
): (SourceStatus & { waiting: NonNullable<SourceStatus['waiting']> }) | null {
  let found: (SourceStatus & { waiting: NonNullable<SourceStatus['waiting']> }) | null = null;
  for (const s of status?.sources ?? []) {
    if (s.waiting && (!found || s.waiting.since < found.waiting.since)) {
      found = { ...s, waiting: s.waiting };
    }
  }
  return found;
}

/** "StackOne" or "the order gateway": who a source waits for. */
export function serviceOf(source: SourceStatus): string {
  return source.source === 'orders' ? 'the order gateway' : 'StackOne';
}
