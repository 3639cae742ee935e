import { create } from 'zustand';
import type { Workspace } from '../../../src-shared/contract';

/**
 * The workspace the screens show. UI state that belongs to a workspace (queue filters, search,
 * selection, the sync status) is swapped by the stores themselves when it changes: each registers
 * with `onWorkspaceSwitch`, which runs before the new workspace's screens render.
 */
interface WorkspaceScope {
  /** Null until the desk said which workspace is active. */
  workspaceId: string | null;
  kind: Workspace['kind'] | null;
  /** Grows with every switch: screens are keyed by it, so nothing local survives a switch. */
  generation: number;
  enter: (workspace: Pick<Workspace, 'id' | 'kind'>) => void;
}

type SwitchListener = (from: string, to: string) => void;
const switchListeners = new Set<SwitchListener>();

/** Called with (old id, new id) on every switch (not on the first `enter`). */
export function onWorkspaceSwitch(listener: SwitchListener): () => void {
  switchListeners.add(listener);
  return () => switchListeners.delete(listener);
}

export const useWorkspaceScope = create<WorkspaceScope>((set, get) => ({
  workspaceId: null,
  kind: null,
  generation: 0,
  enter: ({ id, kind }) => {
    const { workspaceId: from, generation } = get();
    if (from === id) {
      if (get().kind !== kind) set({ kind });
      return;
    }
    if (from !== null) for (const listener of switchListeners) listener(from, id);
    set({ workspaceId: id, kind, generation: from === null ? generation : generation + 1 });
  },
}));
