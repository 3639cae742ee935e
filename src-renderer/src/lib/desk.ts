import {
  DeskCallError,
  commands,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type DeskBridge,
  type EventName,
  type EventPayload,
} from '../../../src-shared/contract';
import { createHttpBridge, type ConnectionState, type HttpDeskBridge } from './http-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser preview. */
    desk?: DeskBridge;
  }
}

let bridge: DeskBridge | null = null;

function isHttpBridge(b: DeskBridge): b is HttpDeskBridge {
  return typeof (b as Partial<HttpDeskBridge>).onConnectionChange === 'function';
}

/** The contract's bridge: Electron's preload when present, else the preview's loopback HTTP. */
export function getDesk(): DeskBridge {
  bridge ??= window.desk ?? createHttpBridge();
  return bridge;
}

/** Tests swap in a fake bridge; pass null to go back to the default. */
export function setDesk(next: DeskBridge | null): void {
  bridge = next;
}

/**
 * Invoke a command and unwrap its Envelope. The value is checked against the contract's output
 * schema, so the inferred type is a fact, not a hope; a failure is thrown as `DeskCallError`.
 */
export async function call<N extends CommandName>(
  name: N,
  input: CommandInput<N>,
): Promise<CommandOutput<N>> {
  const envelope = await getDesk().invoke(name, input);
  if (!envelope.ok) throw new DeskCallError(name, envelope.error);
  const parsed = commands[name].output.safeParse(envelope.value);
  if (!parsed.success) {
    throw new DeskCallError(name, {
      code: 'internal',
      message: `The desk answered ${name} in an unexpected shape. Please report this.`,
    });
  }
  return parsed.data as CommandOutput<N>;
}

export function onDeskEvent<E extends EventName>(
  name: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return getDesk().on(name, listener);
}

/**
 * Event-stream health. Electron IPC cannot drop, so there it is always `open`; the HTTP bridge
 * reports its EventSource.
 */
export function onConnectionChange(listener: (state: ConnectionState) => void): () => void {
  const desk = getDesk();
  if (isHttpBridge(desk)) return desk.onConnectionChange(listener);
  listener('open');
  return () => {};
}

export type { ConnectionState };
