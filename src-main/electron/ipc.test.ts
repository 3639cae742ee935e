import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  IPC_COMMAND_PREFIX,
  IPC_EVENT_CHANNEL,
  commandNames,
  type Envelope,
} from '../../src-shared/contract';
import { createDesk } from '../composition/create-desk';
import { createEphemeralCredentialStoreForTests } from '../credentials/memory-store';
import type { Desk, DeskEventListener } from '../composition/desk';
import { silentLogger } from '../infra/logging/logger';
import { createAppOrigin } from './app-origin';
import {
  UNAUTHORIZED_SENDER,
  createSenderCheck,
  forwardDeskEvents,
  registerDeskIpc,
  type InvokeEvent,
  type IpcMainLike,
  type TrustedContents,
} from './ipc';

type Handler = (event: InvokeEvent, input: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
  return { ipcMain, handlers };
}

function fakeContents(overrides: Partial<TrustedContents> = {}): TrustedContents {
  return {
    id: 7,
    isDestroyed: () => false,
    mainFrame: { processId: 3, routingId: 1 },
    send: vi.fn(),
    ...overrides,
  };
}

const origin = createAppOrigin({ kind: 'bundle', rendererDir: '/r' });

function event(
  overrides: { senderId?: number; frame?: Partial<InvokeEvent['senderFrame']> | null } = {},
): InvokeEvent {
  return {
    sender: { id: overrides.senderId ?? 7 },
    senderFrame:
      overrides.frame === null
        ? null
        : {
            url: 'app://desk/index.html',
            processId: 3,
            routingId: 1,
            parent: null,
            ...overrides.frame,
          },
  };
}

describe('createSenderCheck', () => {
  const check = createSenderCheck({ getContents: () => fakeContents(), origin });

  it('accepts the main frame of our window showing the app', () => {
    expect(check(event())).toBe(true);
    expect(check(event({ frame: { url: 'app://desk/index.html#/settings' } }))).toBe(true);
  });

  it.each([
    ['another webContents', event({ senderId: 8 })],
    ['a destroyed frame', event({ frame: null })],
    ['a subframe', event({ frame: { parent: {} } })],
    ['a frame that is not the main frame', event({ frame: { routingId: 9 } })],
    ['a frame in another process', event({ frame: { processId: 4 } })],
    ['our window navigated elsewhere', event({ frame: { url: 'https://evil.example/' } })],
    ['a file:// page', event({ frame: { url: 'file:///work/out/renderer/index.html' } })],
  ])('refuses %s', (_label, e) => {
    expect(check(e)).toBe(false);
  });

  it('refuses everything while there is no window, or after it was destroyed', () => {
    expect(createSenderCheck({ getContents: () => null, origin })(event())).toBe(false);
    const destroyed = fakeContents({ isDestroyed: () => true });
    expect(createSenderCheck({ getContents: () => destroyed, origin })(event())).toBe(false);
  });
});

describe('registerDeskIpc', () => {
  it('registers exactly one channel per contract command', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerDeskIpc({ ipcMain, desk: { invoke: vi.fn() }, isTrustedSender: () => true });
    expect([...handlers.keys()].sort()).toEqual(
      commandNames.map((name) => IPC_COMMAND_PREFIX + name).sort(),
    );
  });

  it('is generic: any command name in the list is forwarded to desk.invoke unchanged', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const invoke = vi.fn(async (name: string, input: unknown) => ({
      ok: true,
      value: { name, input },
    }));
    registerDeskIpc({
      ipcMain,
      desk: { invoke: invoke as Desk['invoke'] },
      isTrustedSender: () => true,
      commandNames: ['future:command'],
    });
    const answer = await handlers.get('desk:future:command')?.(event(), { a: 1 });
    expect(answer).toEqual({ ok: true, value: { name: 'future:command', input: { a: 1 } } });
    expect(invoke).toHaveBeenCalledExactlyOnceWith('future:command', { a: 1 });
  });

  it('answers an untrusted sender with unauthorized and never reaches the desk', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const invoke = vi.fn();
    const onRejected = vi.fn();
    registerDeskIpc({ ipcMain, desk: { invoke }, isTrustedSender: () => false, onRejected });
    const answer = (await handlers.get('desk:workspaces:list')?.(
      event({ frame: { url: 'https://evil.example/' } }),
      {},
    )) as Envelope<unknown>;
    expect(answer).toEqual(UNAUTHORIZED_SENDER);
    expect(answer.ok === false && answer.error.code).toBe('unauthorized');
    expect(invoke).not.toHaveBeenCalled();
    expect(onRejected).toHaveBeenCalledWith('workspaces:list', 'https://evil.example/');
  });

  it('removes its handlers when disposed', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const dispose = registerDeskIpc({
      ipcMain,
      desk: { invoke: vi.fn() },
      isTrustedSender: () => true,
    });
    dispose();
    expect(handlers.size).toBe(0);
  });
});

describe('forwardDeskEvents', () => {
  function fakeDesk() {
    const listeners = new Set<DeskEventListener>();
    return {
      desk: {
        subscribe: (listener: DeskEventListener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
      emit: (name: 'workspaces:changed', payload: { activeId: string }) => {
        for (const listener of listeners) listener(name, payload);
      },
    };
  }

  it('sends every event to the window on the one event channel', () => {
    const { desk, emit } = fakeDesk();
    const contents = fakeContents();
    forwardDeskEvents(desk, () => contents);
    emit('workspaces:changed', { activeId: 'sandbox' });
    expect(contents.send).toHaveBeenCalledExactlyOnceWith(IPC_EVENT_CHANNEL, {
      name: 'workspaces:changed',
      payload: { activeId: 'sandbox' },
    });
  });

  it('drops events while there is no live window, and stops when unsubscribed', () => {
    const { desk, emit } = fakeDesk();
    const destroyed = fakeContents({ isDestroyed: () => true });
    forwardDeskEvents(desk, () => null);
    const stop = forwardDeskEvents(desk, () => destroyed);
    emit('workspaces:changed', { activeId: 'a' });
    expect(destroyed.send).not.toHaveBeenCalled();
    const live = fakeContents();
    const stopLive = forwardDeskEvents(desk, () => live);
    stopLive();
    stop();
    emit('workspaces:changed', { activeId: 'b' });
    expect(live.send).not.toHaveBeenCalled();
  });
});

describe('IPC over the real desk core', () => {
  let dir: string | undefined;
  let desk: Desk | undefined;
  afterEach(async () => {
    await desk?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers contract commands and turns bad input into an invalid_input envelope', async () => {
    dir = await mkdtemp(join(tmpdir(), 'desk-ipc-'));
    desk = await createDesk({
      userDataDir: dir,
      credentialStore: createEphemeralCredentialStoreForTests(),
      runtime: 'test',
      version: '9.9.9',
      logger: silentLogger,
    });
    const { ipcMain, handlers } = fakeIpcMain();
    registerDeskIpc({
      ipcMain,
      desk,
      isTrustedSender: createSenderCheck({ getContents: () => fakeContents(), origin }),
    });
    const info = await handlers.get('desk:app:get-info')?.(event(), {});
    expect(info).toMatchObject({ ok: true, value: { version: '9.9.9', runtime: 'test' } });
    const bad = (await handlers.get('desk:workspaces:activate')?.(event(), {
      id: 42,
    })) as Envelope<unknown>;
    expect(bad.ok === false && bad.error.code).toBe('invalid_input');
    const refused = await handlers.get('desk:app:get-info')?.(event({ senderId: 99 }), {});
    expect(refused).toEqual(UNAUTHORIZED_SENDER);
  });
});
