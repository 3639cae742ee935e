import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

describe('feed cursors', () => {
  it('round-trips and is bound to its inbox', () => {
    const c = encodeCursor('inbox-a', 42);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('inbox-a', c)).toEqual({ ok: true, seq: 42 });
    expect(decodeCursor('inbox-b', c)).toEqual({ ok: false, error: 'cursor_from_other_inbox' });
  });

  it('refuses anything it did not issue', () => {
    for (const bad of [
      '',
      '!!',
      'abc',
      Buffer.from('inbox-a:-1').toString('base64url'),
      Buffer.from('inbox-a:1e3').toString('base64url'),
    ]) {
      expect(decodeCursor('inbox-a', bad)).toEqual({ ok: false, error: 'invalid_cursor' });
    }
  });
});
