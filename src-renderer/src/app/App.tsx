import { useEffect, useLayoutEffect } from 'react';
import { onConnectionChange } from '../lib/desk';
import { useConnectionStore } from '../lib/connection-store';
import { useSyncStatusFeed } from '../features/sync/sync-store';
import { BannerSlot } from './BannerSlot';
import { KeyboardMap } from './KeyboardMap';
import { findSection } from './sections';
import { Sidebar } from './Sidebar';
import { TopBar } from './TopBar';
import { useUiStore } from './ui-store';
import { useGlobalShortcuts } from './use-global-shortcuts';
import { useWorkspaces } from './use-workspaces';
import { useWorkspaceScope } from '../lib/workspace-scope';
import { useDesktopNotifications } from '../lib/desktop-notifications';

export function App() {
  const sectionId = useUiStore((s) => s.sectionId);
  const section = findSection(sectionId);
  useGlobalShortcuts();
  useSyncStatusFeed();
  useDesktopNotifications();
  const generation = useActiveWorkspaceScope();

  useEffect(() => onConnectionChange(useConnectionStore.getState().setState), []);
  useEffect(() => {
    const sync = useUiStore.getState().syncFromLocation;
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, []);
  useEffect(() => {
    document.title = `${section.label} — Screening Desk`;
  }, [section.label]);

  const { Screen } = section;
  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          // The hash carries the route; move focus without touching it.
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to main content
      </a>
      <Sidebar current={section} />
      <div className="app-main">
        <TopBar title={section.label} />
        <BannerSlot />
        {/* Keyed by the workspace: a switch leaves no screen state (search, pages) behind. */}
        <main key={generation ?? 'switching'} id="main" className="app-content" tabIndex={-1}>
          {generation === null ? null : <Screen />}
        </main>
      </div>
      <KeyboardMap />
    </div>
  );
}

/**
 * Follows the active workspace into the workspace scope (which swaps the per-workspace stores)
 * and returns the generation to key the screens by; null for the moment between a switch and the
 * stores having swapped (the layout effect runs before the browser paints).
 */
function useActiveWorkspaceScope(): number | null {
  const list = useWorkspaces();
  const active = list.data?.workspaces.find((w) => w.id === list.data?.activeId);
  const scopeId = useWorkspaceScope((s) => s.workspaceId);
  const generation = useWorkspaceScope((s) => s.generation);
  const activeId = active?.id;
  const kind = active?.kind;
  useLayoutEffect(() => {
    if (activeId && kind) useWorkspaceScope.getState().enter({ id: activeId, kind });
  }, [activeId, kind]);
  return activeId !== undefined && scopeId !== null && scopeId !== activeId ? null : generation;
}
