import {
  IPC_COMMAND_PREFIX,
  IPC_EVENT_CHANNEL,
  isCommandName,
  isEventName,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type DeskBridge,
  type Envelope,
  type EventName,
} from '../src-shared/contract';

/** The part of Electron's ipcRenderer the bridge uses (tests pass a fake). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
}

function failure(code: 'unknown_command' | 'internal', message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

function isEventMessage(message: unknown): message is { name: EventName; payload: unknown } {
  return (
    typeof message === 'object' &&
    message !== null &&
    isEventName((message as { name?: unknown }).name)
  );
}

/**
 * `window.desk`: exactly the contract's commands and events. The renderer never receives
 * ipcRenderer, an IPC event object (whose `sender` would be ipcRenderer) or a way to name a channel.
 * `invoke` never rejects, like the core behind it: a failure of the transport itself becomes an
 * `internal` envelope.
 */
export function createDeskBridge(ipcRenderer: IpcRendererLike): DeskBridge {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let attached = false;

  const dispatch = (_event: unknown, message: unknown) => {
    if (!isEventMessage(message)) return;
    for (const listener of [...(listeners.get(message.name) ?? [])]) {
      try {
        listener(message.payload as never);
      } catch (error) {
        // One broken subscriber must not starve the others of the event.
        console.error(`desk event listener for ${message.name} failed`, error);
      }
    }
  };

  const bridge: DeskBridge = {
    async invoke<N extends CommandName>(
      name: N,
      input: CommandInput<N>,
    ): Promise<Envelope<CommandOutput<N>>> {
      if (!isCommandName(name)) {
        return failure('unknown_command', `"${String(name)}" is not a desk command.`);
      }
      try {
        // Main answers every command with an Envelope shaped by the contract.
        return (await ipcRenderer.invoke(IPC_COMMAND_PREFIX + name, input)) as Envelope<
          CommandOutput<N>
        >;
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return failure('internal', `The desk did not answer ${name}: ${detail}`);
      }
    },
    on(name, listener) {
      if (!isEventName(name)) throw new TypeError(`"${String(name)}" is not a desk event.`);
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      // A wrapper per subscription, so subscribing the same function twice needs two unsubscribes.
      const entry = (payload: never) => listener(payload);
      set.add(entry);
      if (!attached) {
        ipcRenderer.on(IPC_EVENT_CHANNEL, dispatch);
        attached = true;
      }
      return () => {
        set.delete(entry);
        if (set.size === 0) listeners.delete(name);
        if (listeners.size === 0 && attached) {
          ipcRenderer.removeListener(IPC_EVENT_CHANNEL, dispatch);
          attached = false;
        }
      };
    },
  };
  return bridge;
}
