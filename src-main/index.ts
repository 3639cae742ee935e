import { join } from 'node:path';
import {
  app,
  type BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  protocol,
  session,
  shell,
} from 'electron';
import { createDesk } from './composition/create-desk';
import { createKeytarCredentialStore } from './credentials/keytar-store';
import type { Desk } from './composition/desk';
import { createLogger } from './infra/logging/logger';
import { createAppOrigin, resolveAppLocation } from './electron/app-origin';
import { APP_SCHEME_PRIVILEGES } from './electron/app-protocol';
import { PRODUCTION_CSP, devServerCspDirectives, serializeCsp } from './electron/csp';
import { createSenderCheck, forwardDeskEvents, registerDeskIpc } from './electron/ipc';
import { createMainWindow } from './electron/main-window';
import { showDeskNotifications } from './electron/notifications';
import { applicationMenuTemplate } from './electron/menu';
import { closeBeforeQuit } from './electron/quit';
import { hardenSession } from './electron/session-security';
import { installWebContentsGuards } from './electron/web-contents-guards';

// The Electron shell: wiring only. Every rule lives in src-main/electron/, every use case in the core.

const logger = createLogger({ base: { runtime: 'electron' } });
const outDir = join(import.meta.dirname, '..');

// Tests and developers can point an unpackaged app at a throwaway profile; must precede 'ready'.
const userDataOverride = process.env.SCREENING_DESK_USER_DATA;
if (!app.isPackaged && userDataOverride) app.setPath('userData', userDataOverride);

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

// One process per profile: two would open the same SQLite files and keychain entries.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start().catch((error: unknown) => {
    logger.error('desk failed to start', { err: error });
    dialog.showErrorBox(
      'Screening Desk could not start',
      error instanceof Error ? error.message : String(error),
    );
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const origin = createAppOrigin(
    resolveAppLocation({
      isPackaged: app.isPackaged,
      rendererDir: join(outDir, 'renderer'),
      devServerUrl: process.env.ELECTRON_RENDERER_URL,
    }),
  );
  const csp =
    origin.location.kind === 'dev-server'
      ? serializeCsp(devServerCspDirectives(origin.location.url))
      : PRODUCTION_CSP;
  const openExternal = (url: string) => shell.openExternal(url);
  installWebContentsGuards(app, {
    origin,
    openExternal,
    onRefused: (what, url) => logger.warn('refused', { what, url }),
    onError: (err) => logger.warn('could not open link', { err }),
  });

  await app.whenReady();
  hardenSession(session.defaultSession, {
    origin,
    csp,
    onPermissionDenied: (permission) => logger.info('permission denied', { permission }),
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      applicationMenuTemplate({ platform: process.platform, isPackaged: app.isPackaged }),
    ),
  );

  const credentialStore = createKeytarCredentialStore();
  app.on('quit', () => {
    // A keychain call that never returned (a keyring waiting on an invisible prompt) pins a libuv
    // thread, and libuv joins its threads at exit: the process would linger forever with no window.
    // The desk has already closed its databases by now, so nothing is lost by ending it hard.
    if (credentialStore.hasHungCall()) process.kill(process.pid, 'SIGKILL');
  });
  const desk: Desk = await createDesk({
    userDataDir: app.getPath('userData'),
    credentialStore,
    runtime: 'electron',
    version: app.getVersion(),
    logger,
    // Bundled main code cannot find resources/ relative to its own module; the app path can.
    resourcesDir: join(app.getAppPath(), 'resources'),
  });
  closeBeforeQuit(
    app,
    () => desk.close(),
    (err) => logger.error('desk close failed', { err }),
  );

  let window: BrowserWindow | null = null;
  const getContents = () => (window && !window.isDestroyed() ? window.webContents : null);
  registerDeskIpc({
    ipcMain,
    desk,
    isTrustedSender: createSenderCheck({ getContents, origin }),
    onRejected: (command, url) => logger.warn('IPC refused', { command, url }),
  });
  forwardDeskEvents(desk, getContents);

  const openWindow = () => {
    window = createMainWindow({
      preloadPath: join(outDir, 'preload', 'index.cjs'),
      origin,
      onLoadError: (err) => logger.error('window failed to load', { err }),
    });
    window.on('closed', () => (window = null));
  };
  openWindow();

  showDeskNotifications(desk, {
    isSupported: () => Notification.isSupported(),
    create: (content) => new Notification(content),
    onClick: () => {
      if (!window) return openWindow();
      if (window.isMinimized()) window.restore();
      window.focus();
    },
  });

  app.on('second-instance', () => {
    if (!window) return openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (!window) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
