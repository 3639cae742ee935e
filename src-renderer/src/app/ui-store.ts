import { create } from 'zustand';

/** UI state only: what is on screen. Data from main lives in queries, never here. */
interface UiStore {
  /** Section id from the URL hash (`#/settings`), so a reload lands where the user was. */
  sectionId: string | null;
  /** What follows the section in the hash, decoded: `#/order/acc-1/ord-9` → `['acc-1', 'ord-9']`. */
  path: string[];
  keyboardMapOpen: boolean;
  /** The sidebar as a narrow rail of icons (remembered; starts collapsed on a narrow window). */
  sidebarCollapsed: boolean;
  setSidebarCollapsed: (collapsed: boolean) => void;
  paletteOpen: boolean;
  setPaletteOpen: (open: boolean) => void;
  /** Where `back` returns to: the screen a detail page was opened from (with its state kept). */
  backTo: { sectionId: string; path: string[] } | null;
  /** Open a detail page, remembering the current screen for `back`. */
  open: (sectionId: string, path?: readonly string[]) => void;
  back: (fallbackSectionId: string) => void;
  navigate: (sectionId: string, path?: readonly string[]) => void;
  syncFromLocation: () => void;
  setKeyboardMapOpen: (open: boolean) => void;
}

export function sectionIdFromHash(hash: string): string | null {
  const match = /^#\/([\w-]+)/.exec(hash);
  return match?.[1] ?? null;
}

export function pathFromHash(hash: string): string[] {
  const match = /^#\/[\w-]+\/(.+)$/.exec(hash);
  if (!match?.[1]) return [];
  return match[1].split('/').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
}

/** Ids from StackOne may hold any character: each path part is encoded on its own. */
export function hashFor(sectionId: string, path: readonly string[] = []): string {
  return ['#', sectionId, ...path.map(encodeURIComponent)].join('/');
}

const SIDEBAR_KEY = 'screening-desk.sidebar-collapsed';

function initialSidebarCollapsed(): boolean {
  try {
    const stored = globalThis.localStorage?.getItem(SIDEBAR_KEY);
    if (stored === 'true' || stored === 'false') return stored === 'true';
  } catch {
    // Storage disabled: decide by the window's width.
  }
  // A narrow window (or a high zoom, which narrows it in CSS pixels) gives the room to the list.
  return typeof window !== 'undefined' && window.innerWidth < 800;
}

export const useUiStore = create<UiStore>((set, get) => ({
  sectionId: sectionIdFromHash(window.location.hash),
  path: pathFromHash(window.location.hash),
  keyboardMapOpen: false,
  sidebarCollapsed: initialSidebarCollapsed(),
  setSidebarCollapsed: (sidebarCollapsed) => {
    try {
      globalThis.localStorage?.setItem(SIDEBAR_KEY, String(sidebarCollapsed));
    } catch {
      // Remembered for this session only.
    }
    set({ sidebarCollapsed });
  },
  paletteOpen: false,
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  backTo: null,
  open: (sectionId, path = []) => {
    const { sectionId: from, path: fromPath, navigate } = get();
    set({ backTo: from ? { sectionId: from, path: fromPath } : null });
    navigate(sectionId, path);
  },
  back: (fallbackSectionId) => {
    const { backTo, navigate } = get();
    set({ backTo: null });
    if (backTo) navigate(backTo.sectionId, backTo.path);
    else navigate(fallbackSectionId);
  },
  navigate: (sectionId, path = []) => {
    const hash = hashFor(sectionId, path);
    if (window.location.hash !== hash) window.location.hash = hash;
    set({ sectionId, path: [...path] });
  },
  // A hash that is not a route (an in-page anchor) leaves the section alone.
  syncFromLocation: () => {
    const sectionId = sectionIdFromHash(window.location.hash);
    if (sectionId) set({ sectionId, path: pathFromHash(window.location.hash) });
  },
  setKeyboardMapOpen: (keyboardMapOpen) => set({ keyboardMapOpen }),
}));
