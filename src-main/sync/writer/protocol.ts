import type { BatchOutcome, WriteBatch } from './write-batch';

/**
 * Messages between the sync (main thread) and its cache writer. The same messages go to the
 * in-thread writer, so both obey one contract: batches apply strictly in `seq` order; every batch
 * is settled exactly once (committed, or failed with an error); a `flush` is answered only after
 * every batch sent before it was settled.
 */
export type ToWriter =
  { type: 'batch'; seq: number; stream: number; batch: WriteBatch } | { type: 'flush'; id: number };

export type FromWriter =
  | {
      type: 'settled';
      committed: ({ seq: number } & BatchOutcome)[];
      failed: { seq: number; error: WireError }[];
    }
  /** These rows left the writer's queue (applied in the open transaction, or refused). */
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

/** A batch the cache writer could not store; `code` is SQLite's (SQLITE_CONSTRAINT_NOTNULL, …). */
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
