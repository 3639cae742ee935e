import { describe, expect, it } from 'vitest';
import { DeskFailure } from '../../src-shared/contract';
import { createLogger } from '../infra/logging/logger';
import { createDispatcher, type Handlers } from './dispatcher';

function handlersWith(overrides: Partial<Handlers>): Handlers {
  const unused = () => {
    throw new Error('not used in this test');
  };
  return new Proxy(overrides, {
    get: (target, key) => (target as Record<string | symbol, unknown>)[key] ?? unused,
  }) as Handlers;
}

describe('dispatcher', () => {
  it('passes parsed input to the handler and wraps its answer', async () => {
    const invoke = createDispatcher(
      handlersWith({ 'workspaces:activate': ({ id }) => ({ activeId: id }) }),
      createLogger({ sink: () => undefined }),
    );
    expect(await invoke('workspaces:activate', { id: '  abc  ' })).toEqual({
      ok: true,
      value: { activeId: 'abc' },
    });
  });

  it('turns a DeskFailure into its code and message', async () => {
    const invoke = createDispatcher(
      handlersWith({
        'workspaces:activate': () => {
          throw new DeskFailure('not_found', 'There is no workspace with id "x".');
        },
      }),
      createLogger({ sink: () => undefined }),
    );
    expect(await invoke('workspaces:activate', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'There is no workspace with id "x".' },
    });
  });

  it('hides unexpected exceptions behind "internal" and logs them', async () => {
    const lines: string[] = [];
    const invoke = createDispatcher(
      handlersWith({
        'workspaces:activate': () => Promise.reject(new TypeError('boom at line 3')),
      }),
      createLogger({ sink: (l) => lines.push(l) }),
    );
    const result = await invoke('workspaces:activate', { id: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('boom');
    expect(lines.join('\n')).toContain('boom at line 3');
  });

  it('refuses an answer that breaks the contract', async () => {
    const invoke = createDispatcher(
      handlersWith({
        'workspaces:activate': () => ({ activeId: 42 }) as unknown as { activeId: string },
      }),
      createLogger({ sink: () => undefined }),
    );
    expect(await invoke('workspaces:activate', { id: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});
