import { describe, expect, it, vi } from 'vitest';
import { IPC_COMMAND_PREFIX, IPC_EVENT_CHANNEL, type DeskBridge } from '../src-shared/contract';
import { createDeskBridge, type IpcRendererLike } from './bridge';

type Listener = (event: unknown, message: unknown) => void;

function fakeIpcRenderer(answer: (channel: string, input: unknown) => Promise<unknown>) {
  const listeners = new Map<string, Set<Listener>>();
  const ipc = {
    invoke: vi.fn((channel: string, input: unknown) => answer(channel, input)),
    on: vi.fn((channel: string, listener: Listener) => {
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
    }),
    removeListener: vi.fn((channel: string, listener: Listener) => {
      listeners.get(channel)?.delete(listener);
    }),
  } satisfies IpcRendererLike;
  const emit = (message: unknown) => {
    // The IPC event object must never reach page code; give it a recognisable shape to check that.
    for (const listener of listeners.get(IPC_EVENT_CHANNEL) ?? [])
      listener({ sender: 'ipc' }, message);
  };
  const listenerCount = () => listeners.get(IPC_EVENT_CHANNEL)?.size ?? 0;
  return { ipc, emit, listenerCount };
}

const ok = (value: unknown) => Promise.resolve({ ok: true, value });

describe('createDeskBridge', () => {
  it('exposes exactly invoke and on', () => {
    const bridge = createDeskBridge(fakeIpcRenderer(() => ok(null)).ipc);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('invokes a contract command on its own channel and returns the envelope', async () => {
    const { ipc } = fakeIpcRenderer((channel, input) => ok({ channel, input }));
    const bridge = createDeskBridge(ipc);
    await expect(bridge.invoke('workspaces:activate', { id: 'sandbox' })).resolves.toEqual({
      ok: true,
      value: { channel: `${IPC_COMMAND_PREFIX}workspaces:activate`, input: { id: 'sandbox' } },
    });
  });

  it.each(['nope', 'desk:app:get-info', '__proto__', 'toString', ''])(
    'refuses %j without touching IPC',
    async (name) => {
      const { ipc } = fakeIpcRenderer(() => ok(null));
      const bridge = createDeskBridge(ipc);
      const answer = await (
        bridge.invoke as (n: string, i: unknown) => ReturnType<DeskBridge['invoke']>
      )(name, {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
      expect(ipc.invoke).not.toHaveBeenCalled();
    },
  );

  it('resolves with an internal envelope when IPC itself fails', async () => {
    const { ipc } = fakeIpcRenderer(() => Promise.reject(new Error('No handler registered')));
    const answer = await createDeskBridge(ipc).invoke('app:get-info', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(answer.ok === false && answer.error.message).toContain('No handler registered');
  });

  it('delivers only the subscribed event, with the payload alone', () => {
    const { ipc, emit } = fakeIpcRenderer(() => ok(null));
    const bridge = createDeskBridge(ipc);
    const listener = vi.fn();
    bridge.on('workspaces:changed', listener);
    emit({ name: 'credentials:changed', payload: { workspaceId: 'w' } });
    emit({ name: 'workspaces:changed', payload: { activeId: 'w' } });
    emit({ name: 'not-an-event', payload: 1 });
    emit('garbage');
    expect(listener).toHaveBeenCalledExactlyOnceWith({ activeId: 'w' });
  });

  it('unsubscribes, and detaches from IPC when the last listener leaves', () => {
    const { ipc, emit, listenerCount } = fakeIpcRenderer(() => ok(null));
    const bridge = createDeskBridge(ipc);
    const a = vi.fn();
    const b = vi.fn();
    const offA = bridge.on('workspaces:changed', a);
    const offB = bridge.on('credentials:changed', b);
    expect(listenerCount()).toBe(1);
    offA();
    emit({ name: 'workspaces:changed', payload: { activeId: 'x' } });
    expect(a).not.toHaveBeenCalled();
    offB();
    offB();
    expect(listenerCount()).toBe(0);
    bridge.on('workspaces:changed', a);
    expect(listenerCount()).toBe(1);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const { ipc, emit } = fakeIpcRenderer(() => ok(null));
    const bridge = createDeskBridge(ipc);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const after = vi.fn();
    bridge.on('workspaces:changed', () => {
      throw new Error('boom');
    });
    bridge.on('workspaces:changed', after);
    emit({ name: 'workspaces:changed', payload: { activeId: 'x' } });
    expect(after).toHaveBeenCalledOnce();
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('throws for an event that is not in the contract', () => {
    const bridge = createDeskBridge(fakeIpcRenderer(() => ok(null)).ipc);
    const on = bridge.on as (name: string, listener: () => void) => () => void;
    expect(() => on('ipc-message', () => undefined)).toThrow(TypeError);
  });
});
