import { create } from 'zustand';

/** UI state only: what is on screen. Data from main lives in queries, never here. */
interface UiStore {
  /** Section id from the URL hash (`#/settings`), so a reload lands where the user was. */
  sectionId: string | null;
  keyboardMapOpen: boolean;
  navigate: (sectionId: string) => void;
  syncFromLocation: () => void;
  setKeyboardMapOpen: (open: boolean) => void;
}

export function sectionIdFromHash(hash: string): string | null {
  const match = /^#\/([\w-]+)/.exec(hash);
  return match?.[1] ?? null;
}

export const useUiStore = create<UiStore>((set) => ({
  sectionId: sectionIdFromHash(window.location.hash),
  keyboardMapOpen: false,
  navigate: (sectionId) => {
    if (window.location.hash !== `#/${sectionId}`) window.location.hash = `#/${sectionId}`;
    set({ sectionId });
  },
  // A hash that is not a route (an in-page anchor) leaves the section alone.
  syncFromLocation: () => {
    const sectionId = sectionIdFromHash(window.location.hash);
    if (sectionId) set({ sectionId });
  },
  setKeyboardMapOpen: (keyboardMapOpen) => set({ keyboardMapOpen }),
}));
