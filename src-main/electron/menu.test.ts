import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate } from './menu';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('applicationMenuTemplate', () => {
  it.each(['darwin', 'linux', 'win32'] as const)('%s: no reload, zoom kept', (platform) => {
    const all = roles(applicationMenuTemplate({ platform, isPackaged: true }));
    expect(all).not.toContain('reload');
    expect(all).not.toContain('forceReload');
    expect(all).not.toContain('toggleDevTools');
    expect(all).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom', 'editMenu']));
  });

  it('offers the dev tools only in an unpackaged app', () => {
    expect(roles(applicationMenuTemplate({ platform: 'linux', isPackaged: false }))).toContain(
      'toggleDevTools',
    );
  });
});
