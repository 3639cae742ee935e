import type { AppOrigin } from './app-origin';

/**
 * The only URLs ever handed to the OS: https, with a host and without embedded credentials (a
 * `https://bank.example@evil.example` link reads as one site and opens another).
 */
export function isSafeExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.hostname !== '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** The app's windows only ever show the app itself; in-page routing does not navigate. */
export function isAllowedNavigation(url: string, origin: AppOrigin): boolean {
  return origin.isAppUrl(url);
}

export type OpenExternal = (url: string) => Promise<void>;

export interface WindowOpenDecision {
  action: 'deny';
}

/**
 * `window.open` and `target=_blank` never create an Electron window. A safe https link (a candidate's
 * LinkedIn, a result URL) goes to the user's browser; anything else is refused silently.
 */
export function decideWindowOpen(
  url: string,
  openExternal: OpenExternal,
  onError: (error: unknown) => void = () => undefined,
): WindowOpenDecision {
  if (isSafeExternalUrl(url)) {
    openExternal(url).catch(onError);
  }
  return { action: 'deny' };
}
