import type { WriteBatch } from './write-batch';

/**
 * Messages between the main thread and the cache writer. The in-thread writer gets the same
 * messages, so both obey one contract: batches apply strictly in `seq` order (an operation may go
 * ahead of batches still queued); every one is settled exactly once (committed with its result, or failed with an error); a
 * `flush` is answered only after everything sent before it was settled.
 */
export type ToWriter =
  | { type: 'batch'; seq: number; stream: number; batch: WriteBatch }
  /** A named write operation (write-operations.ts) in a transaction of its own. */
  | { type: 'run'; seq: number; name: string; args: unknown }
  | { type: 'flush'; id: number };

export type FromWriter =
  | {
      type: 'settled';
      /** A batch's result is its BatchOutcome; an operation's is what it returned. */
      committed: { seq: number; result: unknown }[];
      failed: { seq: number; error: WireError }[];
    }
  /** These batch rows left the writer's queue (applied in the open transaction, or refused). */
  | { type: 'taken'; rows: number }
  | { type: 'flushed'; id: number };

/** An error as it crosses threads (class identity does not; the SQLite code does). */
export interface WireError {
  name: string;
  message: string;
  code?: string;
}

export function toWireError(error: unknown): WireError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  return { name: 'Error', message: String(error) };
}

/** A write the cache writer could not store; `code` is SQLite's (SQLITE_CONSTRAINT_NOTNULL, …). */
export class CacheWriteError extends Error {
  readonly code: string | undefined;
  constructor(wire: WireError) {
    super(wire.message);
    this.name = 'CacheWriteError';
    this.code = wire.code;
  }
}

/** The writer itself is gone (its thread died or was stopped): nothing queued was stored. */
export class CacheWriterStoppedError extends Error {
  constructor(detail: string) {
    super(
      `The cache writer stopped unexpectedly (${detail}). The sync will try again; nothing already stored is lost.`,
    );
    this.name = 'CacheWriterStoppedError';
  }
}
