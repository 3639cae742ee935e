import type { AppOrigin } from './app-origin';
import { decideWindowOpen, isAllowedNavigation, type OpenExternal } from './navigation';

export interface PreventableEvent {
  preventDefault(): void;
}
export interface NavigationEvent extends PreventableEvent {
  url: string;
}

/** The part of Electron's WebContents the guards use (kept small so tests can fake it). */
export interface GuardableContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface GuardDeps {
  origin: AppOrigin;
  openExternal: OpenExternal;
  onRefused?: (what: string, url: string) => void;
  onError?: (error: unknown) => void;
}

/**
 * Applied to every webContents the app ever creates (see installWebContentsGuards), so a frame or
 * window that slips past one rule still meets all the others.
 */
export function guardWebContents(contents: GuardableContents, deps: GuardDeps): void {
  const refuse = (what: string) => (event: NavigationEvent) => {
    if (isAllowedNavigation(event.url, deps.origin)) return;
    event.preventDefault();
    deps.onRefused?.(what, event.url);
  };
  contents.on('will-navigate', refuse('navigation'));
  contents.on('will-frame-navigate', refuse('frame navigation'));
  contents.on('will-redirect', refuse('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    deps.onRefused?.('webview', '');
  });
  contents.setWindowOpenHandler(({ url }) => {
    deps.onRefused?.('window.open', url);
    return decideWindowOpen(url, deps.openExternal, deps.onError);
  });
}

export interface WebContentsCreatedSource {
  on(
    event: 'web-contents-created',
    listener: (event: unknown, contents: GuardableContents) => void,
  ): unknown;
}

export function installWebContentsGuards(app: WebContentsCreatedSource, deps: GuardDeps): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, deps));
}
