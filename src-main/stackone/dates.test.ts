import { describe, expect, it } from 'vitest';
import { parseLenientDate } from './dates';

describe('parseLenientDate', () => {
  it.each([
    ['2021-01-01T01:01:01.000Z', '2021-01-01T01:01:01.000Z'],
    ['2021-01-01T01:01:01Z', '2021-01-01T01:01:01.000Z'],
    ['2021-01-01T01:01:01.123456Z', '2021-01-01T01:01:01.123Z'],
    ['2021-01-01T03:01:01+02:00', '2021-01-01T01:01:01.000Z'],
    ['2021-01-01T03:01:01+0200', '2021-01-01T01:01:01.000Z'],
    ['2020-12-31T22:01:01-03', '2021-01-01T01:01:01.000Z'],
    ['2021-01-01 01:01:01', '2021-01-01T01:01:01.000Z'],
    ['2021-01-01T01:01', '2021-01-01T01:01:00.000Z'],
    ['2021-01-01', '2021-01-01T00:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('reads %s', (input, expected) => {
    expect(parseLenientDate(input)).toBe(expected);
  });

  it.each([
    ['impossible day', '2021-02-30T00:00:00Z'],
    ['impossible month', '2021-13-01'],
    ['hour 25', '2021-01-01T25:00:00Z'],
    ['sentinel year', '0001-01-01T00:00:00Z'],
    ['US format', '01/02/2021'],
    ['words', 'yesterday'],
    ['empty', ''],
  ])('gives null for %s', (_label, input) => {
    expect(parseLenientDate(input)).toBeNull();
  });

  it('gives null for non-strings', () => {
    for (const v of [null, undefined, 1609459200000, {}, []])
      expect(parseLenientDate(v)).toBeNull();
  });
});
