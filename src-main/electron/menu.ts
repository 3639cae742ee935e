import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu, built instead of Electron's default one. The default binds Ctrl+R / F5 /
 * Cmd+R to "reload", which would throw away a half-typed result form and collides with the desk's own
 * Ctrl+R ("sync now"). Zoom stays: people who need larger text rely on it.
 */
export function applicationMenuTemplate(options: {
  platform: NodeJS.Platform;
  isPackaged: boolean;
}): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(options.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
    ],
  };
  if (options.platform === 'darwin') {
    return [{ role: 'appMenu' }, { role: 'editMenu' }, view, { role: 'windowMenu' }];
  }
  return [{ role: 'editMenu' }, view];
}
