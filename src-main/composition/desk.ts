import type { Envelope } from '../../src-shared/contract';
import type { DeskEventListener } from '../infra/events/event-bus';

export type { DeskEventListener };

/**
 * The desk core as every transport sees it. Electron's ipcMain and the browser preview's HTTP server
 * both forward raw, untrusted input to `invoke`; it validates, runs the use case and always resolves
 * with an Envelope (it never rejects).
 */
export interface Desk {
  invoke(command: string, input: unknown): Promise<Envelope<unknown>>;
  /** Every event main emits; returns the unsubscribe function. */
  subscribe(listener: DeskEventListener): () => void;
  close(): Promise<void>;
}
