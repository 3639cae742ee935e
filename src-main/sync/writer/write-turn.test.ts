import { describe, expect, it } from 'vitest';
import { WriteTurn } from './write-turn';

describe('WriteTurn', () => {
  it('is wanted from request() until every request is released, each release counting once', () => {
    const turn = new WriteTurn();
    expect(turn.wanted()).toBe(false);
    const first = turn.request();
    const second = turn.request();
    expect(turn.wanted()).toBe(true);
    first();
    first();
    expect(turn.wanted()).toBe(true);
    second();
    expect(turn.wanted()).toBe(false);
  });

  it('waitUntilFree returns at once when free and gives up after its bound when not', () => {
    const turn = new WriteTurn();
    expect(turn.waitUntilFree(1_000)).toBe(true);
    const release = turn.request();
    expect(turn.waitUntilFree(20)).toBe(false);
    release();
    expect(turn.waitUntilFree(1_000)).toBe(true);
  });

  it('whenWanted resolves true on a request, false when cancelled or when its time is up', async () => {
    const turn = new WriteTurn();
    const asked = turn.whenWanted(60_000);
    const release = turn.request();
    await expect(asked.done).resolves.toBe(true);
    release();

    const cancelled = turn.whenWanted(60_000);
    cancelled.cancel();
    await expect(cancelled.done).resolves.toBe(false);

    await expect(turn.whenWanted(10).done).resolves.toBe(false);
  });

  it('request() waits for a held transaction only up to its bound, and not at all when none is held', () => {
    const turn = new WriteTurn();
    turn.request()();
    turn.held(true);
    // Nobody ends the transaction here: the request gives up after its bound and still counts.
    const release = turn.request(10);
    expect(turn.wanted()).toBe(true);
    release();
    turn.held(false);
  });

  it('shares its state through the buffer, as the worker sees it', () => {
    const main = new WriteTurn();
    const worker = new WriteTurn(main.buffer);
    const release = main.request();
    expect(worker.wanted()).toBe(true);
    release();
    expect(worker.wanted()).toBe(false);
  });
});
