export interface QuitEvent {
  preventDefault(): void;
}
export interface QuittableApp {
  on(event: 'will-quit', listener: (event: QuitEvent) => void): unknown;
  quit(): void;
}

/**
 * Electron does not wait for async work in quit handlers, so the first 'will-quit' is held back until
 * the desk has closed (pending writes flushed, SQLite closed cleanly), then quitting resumes. A failed
 * close is reported but never keeps the app from quitting.
 */
export function closeBeforeQuit(
  app: QuittableApp,
  close: () => Promise<void>,
  onError: (error: unknown) => void,
): void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('will-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    close()
      .catch(onError)
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
}
