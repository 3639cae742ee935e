import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { closeBeforeQuit, type QuitEvent } from './quit';

function fakeApp() {
  const emitter = new EventEmitter();
  const app = {
    on: (event: 'will-quit', listener: (event: QuitEvent) => void) => emitter.on(event, listener),
    quit: vi.fn(() => {
      emitter.emit('will-quit', event());
    }),
  };
  const event = () => ({ preventDefault: vi.fn() });
  const willQuit = () => {
    const e = event();
    emitter.emit('will-quit', e);
    return e.preventDefault.mock.calls.length > 0;
  };
  return { app, willQuit };
}

describe('closeBeforeQuit', () => {
  it('holds the quit until the desk has closed, then quits once', async () => {
    const { app, willQuit } = fakeApp();
    let finish!: () => void;
    const close = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    closeBeforeQuit(app, close, vi.fn());

    expect(willQuit()).toBe(true);
    expect(willQuit()).toBe(true);
    expect(close).toHaveBeenCalledTimes(1);
    expect(app.quit).not.toHaveBeenCalled();

    finish();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    expect(willQuit()).toBe(false);
  });

  it('still quits when closing fails, and reports the failure', async () => {
    const { app, willQuit } = fakeApp();
    const failure = new Error('disk gone');
    const onError = vi.fn();
    closeBeforeQuit(app, () => Promise.reject(failure), onError);
    willQuit();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    expect(onError).toHaveBeenCalledWith(failure);
  });
});
