import { describe, expect, it } from 'vitest';
import { createRng } from './random';
import { isoFromMs } from './time';

describe('isoFromMs', () => {
  it('matches Date#toISOString', () => {
    const rng = createRng(5);
    for (let i = 0; i < 5000; i++) {
      const ms = Math.floor(rng() * 4e12);
      expect(isoFromMs(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
