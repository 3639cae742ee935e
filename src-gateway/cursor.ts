/**
 * Feed cursors: opaque to clients, `base64url("<inboxId>:<seq>")` inside. Binding the cursor to the
 * inbox lets the gateway refuse a cursor from a recreated database, where the same seq would mean a
 * different event and the desk would silently skip events.
 */

export type CursorDecode =
  { ok: true; seq: number } | { ok: false; error: 'invalid_cursor' | 'cursor_from_other_inbox' };

export function encodeCursor(inboxId: string, seq: number): string {
  return Buffer.from(`${inboxId}:${seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(inboxId: string, cursor: string): CursorDecode {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return { ok: false, error: 'invalid_cursor' };
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return { ok: false, error: 'invalid_cursor' };
  const seqText = text.slice(colon + 1);
  if (!/^(0|[1-9]\d{0,15})$/.test(seqText)) return { ok: false, error: 'invalid_cursor' };
  if (text.slice(0, colon) !== inboxId) return { ok: false, error: 'cursor_from_other_inbox' };
  return { ok: true, seq: Number(seqText) };
}
