import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder Electron's `app.getPath('userData')` returns for this app (package name
 * "screening-desk"), computed without Electron so that the browser preview opens the same
 * workspaces as the desktop app.
 */
export function defaultUserDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const appName = 'screening-desk';
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', appName);
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appName);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), appName);
}
