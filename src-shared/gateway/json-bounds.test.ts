import { describe, expect, it } from 'vitest';
import { jsonTextDepth, nestsDeeperThan } from './json-bounds';

describe('JSON depth bounds', () => {
  it('counts brackets outside strings, escapes included, without recursion', () => {
    expect(jsonTextDepth('1')).toBe(0);
    expect(jsonTextDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(jsonTextDepth('{"a":"[[[\\"[[[","b":{}}')).toBe(2);
    expect(jsonTextDepth('{"a":"\\\\"}')).toBe(1);
    expect(jsonTextDepth('['.repeat(200_000))).toBe(200_000);
  });

  it('tells a value deeper than the limit without recursion', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(nestsDeeperThan(deep, 100)).toBe(true);
    expect(nestsDeeperThan({ a: [1, { b: [] }] }, 4)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: [] }] }, 3)).toBe(true);
    expect(nestsDeeperThan('text', 0)).toBe(false);
  });
});
