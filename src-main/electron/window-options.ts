import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The renderer gets no Node, no Electron internals and no way to widen its own privileges: the
 * preload's contract bridge (`window.desk`) is the only door to main.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Screening Desk',
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    // Shown on 'ready-to-show', so the user never sees an empty white frame.
    show: false,
    // Windows/Linux: the menu (zoom, edit) stays reachable with Alt without taking a row of pixels.
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath),
  };
}
