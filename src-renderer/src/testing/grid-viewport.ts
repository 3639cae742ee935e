import { afterAll, beforeAll } from 'vitest';

/**
 * happy-dom does no layout: gives every element a viewport for the file's tests, so that the
 * queue's row window (which reads clientHeight and clientWidth) renders rows. Call at the top
 * level of a test file.
 */
export function withGridViewport(sizes = { clientHeight: 600, clientWidth: 1000 }): void {
  const saved: Record<string, PropertyDescriptor | undefined> = {};
  beforeAll(() => {
    for (const [key, value] of Object.entries(sizes)) {
      saved[key] = Object.getOwnPropertyDescriptor(HTMLElement.prototype, key);
      Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get: () => value });
    }
  });
  afterAll(() => {
    for (const [key, d] of Object.entries(saved)) {
      if (d) Object.defineProperty(HTMLElement.prototype, key, d);
    }
  });
}
