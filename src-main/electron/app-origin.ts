/**
 * Where the renderer is loaded from, and the one predicate every guard uses to tell the app's own
 * pages from everything else (navigation, IPC sender check, CSP headers).
 *
 * The packaged renderer is served from a privileged custom scheme (`app://desk/...`, see
 * app-protocol.ts) rather than `file://`: a real origin makes CSP `'self'` mean "the bundle" instead of
 * "any local file", lets main set response headers itself, and keeps an injected script from reading
 * the user's files.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export type AppLocation =
  | { kind: 'bundle'; rendererDir: string }
  /** `electron-vite dev` only; never honoured in a packaged app (see resolveAppLocation). */
  | { kind: 'dev-server'; url: string };

export interface AppOrigin {
  readonly location: AppLocation;
  /** The URL the main window loads. */
  readonly entryUrl: string;
  isAppUrl(url: string): boolean;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Picks the renderer location. The dev server URL comes from an environment variable, so it is only
 * accepted in an unpackaged app and only on loopback http: a packaged app must never be talked into
 * loading a page from elsewhere with the app's IPC bridge attached.
 */
export function resolveAppLocation(options: {
  isPackaged: boolean;
  rendererDir: string;
  devServerUrl: string | undefined;
}): AppLocation {
  const { isPackaged, rendererDir, devServerUrl } = options;
  if (isPackaged || !devServerUrl) return { kind: 'bundle', rendererDir };
  const url = parseUrl(devServerUrl);
  if (!url || url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(
      `ELECTRON_RENDERER_URL must be a loopback http URL (got ${JSON.stringify(devServerUrl)})`,
    );
  }
  return { kind: 'dev-server', url: url.href };
}

export function createAppOrigin(location: AppLocation): AppOrigin {
  if (location.kind === 'bundle') {
    return {
      location,
      entryUrl: APP_ENTRY_URL,
      isAppUrl(url) {
        const parsed = parseUrl(url);
        return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
      },
    };
  }
  const devOrigin = new URL(location.url).origin;
  return {
    location,
    entryUrl: location.url,
    isAppUrl(url) {
      return parseUrl(url)?.origin === devOrigin;
    },
  };
}
