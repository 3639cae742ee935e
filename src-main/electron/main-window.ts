import { BrowserWindow } from 'electron';
import type { AppOrigin } from './app-origin';
import { mainWindowOptions } from './window-options';

/** Creates the one desk window and loads the app into it. */
export function createMainWindow(options: {
  preloadPath: string;
  origin: AppOrigin;
  onLoadError: (error: unknown) => void;
}): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options.preloadPath));
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.origin.entryUrl).catch(options.onLoadError);
  return window;
}
