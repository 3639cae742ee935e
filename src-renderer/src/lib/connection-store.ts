import { create } from 'zustand';
import type { ConnectionState } from './http-bridge';

interface ConnectionStore {
  state: ConnectionState;
  /** Bumped each time the stream comes back after a drop: queries refetch what they may have missed. */
  resyncs: number;
  /** When the stream first opened (Date.now()): reads made before it may have missed events. */
  openedAt: number | null;
  setState: (state: ConnectionState) => void;
}

export const useConnectionStore = create<ConnectionStore>((set, get) => ({
  state: 'connecting',
  resyncs: 0,
  openedAt: null,
  setState: (next) => {
    const { state, resyncs, openedAt } = get();
    if (next === state) return;
    set({
      state: next,
      resyncs: state === 'reconnecting' && next === 'open' ? resyncs + 1 : resyncs,
      openedAt: openedAt ?? (next === 'open' ? Date.now() : null),
    });
  },
}));
