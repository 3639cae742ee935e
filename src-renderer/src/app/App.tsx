import { useEffect } from 'react';
import { onConnectionChange } from '../lib/desk';
import { useConnectionStore } from '../lib/connection-store';
import { useSyncStatusFeed } from '../features/sync/sync-store';
import { BannerSlot } from './BannerSlot';
import { CommandPalette } from './CommandPalette';
import { KeyboardMap } from './KeyboardMap';
import { findSection } from './sections';
import { Sidebar } from './Sidebar';
import { TopBar } from './TopBar';
import { useUiStore } from './ui-store';
import { useGlobalShortcuts } from './use-global-shortcuts';

export function App() {
  const sectionId = useUiStore((s) => s.sectionId);
  const section = findSection(sectionId);
  const sidebarCollapsed = useUiStore((s) => s.sidebarCollapsed);
  useGlobalShortcuts();
  useSyncStatusFeed();

  useEffect(() => onConnectionChange(useConnectionStore.getState().setState), []);
  useEffect(() => {
    const sync = useUiStore.getState().syncFromLocation;
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, []);
  useEffect(() => {
    document.title = `${section.label} — Screening Desk`;
  }, [section.label]);
  // Without a section in the URL the first one is shown: record it, so that a page opened from
  // it knows where it came from (Esc, j/k through the queue it was opened from).
  useEffect(() => {
    if (useUiStore.getState().sectionId === null) useUiStore.setState({ sectionId: section.id });
  }, [section.id]);

  const { Screen } = section;
  return (
    <div className={sidebarCollapsed ? 'app is-sidebar-collapsed' : 'app'}>
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
        <main id="main" className="app-content" tabIndex={-1}>
          <Screen />
        </main>
      </div>
      <KeyboardMap />
      <CommandPalette />
    </div>
  );
}
