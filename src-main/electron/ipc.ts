import {
  IPC_COMMAND_PREFIX,
  IPC_EVENT_CHANNEL,
  commandNames as contractCommandNames,
  type Envelope,
} from '../../src-shared/contract';
import type { Desk } from '../composition/desk';
import type { AppOrigin } from './app-origin';

/** The facts about an IPC message's origin that the sender check looks at. */
export interface SenderFrame {
  url: string;
  processId: number;
  routingId: number;
  parent: unknown;
}
export interface InvokeEvent {
  sender: { id: number };
  senderFrame: SenderFrame | null;
}
export interface TrustedContents {
  id: number;
  isDestroyed(): boolean;
  mainFrame: { processId: number; routingId: number };
  send(channel: string, ...args: unknown[]): void;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, input: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/**
 * A command is accepted only from the main frame of our own window while it shows the app: not from
 * a subframe, another webContents, or our window after it was somehow navigated elsewhere.
 */
export function createSenderCheck(options: {
  getContents: () => TrustedContents | null;
  origin: AppOrigin;
}): (event: InvokeEvent) => boolean {
  return (event) => {
    const contents = options.getContents();
    const frame = event.senderFrame;
    if (!contents || contents.isDestroyed() || !frame) return false;
    return (
      event.sender.id === contents.id &&
      frame.parent === null &&
      frame.processId === contents.mainFrame.processId &&
      frame.routingId === contents.mainFrame.routingId &&
      options.origin.isAppUrl(frame.url)
    );
  };
}

export const UNAUTHORIZED_SENDER: Envelope<never> = {
  ok: false,
  error: { code: 'unauthorized', message: 'This window is not allowed to call the desk.' },
};

/**
 * One `ipcMain.handle` per contract command, all alike: the transport knows no command by name, so a
 * new command needs a contract entry and a core handler, never a change here. Input goes to the core
 * untouched; `desk.invoke` validates it.
 */
export function registerDeskIpc(options: {
  ipcMain: IpcMainLike;
  desk: Pick<Desk, 'invoke'>;
  isTrustedSender: (event: InvokeEvent) => boolean;
  commandNames?: readonly string[];
  onRejected?: (command: string, url: string | undefined) => void;
}): () => void {
  const names = options.commandNames ?? contractCommandNames;
  for (const name of names) {
    options.ipcMain.handle(IPC_COMMAND_PREFIX + name, async (event, input) => {
      if (!options.isTrustedSender(event)) {
        options.onRejected?.(name, event.senderFrame?.url);
        return UNAUTHORIZED_SENDER;
      }
      return options.desk.invoke(name, input);
    });
  }
  return () => {
    for (const name of names) options.ipcMain.removeHandler(IPC_COMMAND_PREFIX + name);
  };
}

/** Pushes every desk event to the window; dropped while there is no live window. */
export function forwardDeskEvents(
  desk: Pick<Desk, 'subscribe'>,
  getContents: () => TrustedContents | null,
): () => void {
  return desk.subscribe((name, payload) => {
    const contents = getContents();
    if (!contents || contents.isDestroyed()) return;
    contents.send(IPC_EVENT_CHANNEL, { name, payload });
  });
}
