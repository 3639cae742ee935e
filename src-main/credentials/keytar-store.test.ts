import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KEYCHAIN_SERVICE } from './credential-store';
import { KeychainError } from './keychain-error';
import { createKeytarCredentialStore, type KeytarModule } from './keytar-store';

/** An in-memory keytar whose calls can be made to hang or fail, recording what reached it. */
function fakeKeytar() {
  const items = new Map<string, string>();
  const key = (service: string, account: string) => `${service}\u0000${account}`;
  const log: string[] = [];
  let hang: { release: () => void; fail: (err: Error) => void } | undefined;
  let failWith: Error | undefined;

  async function gate(name: string) {
    log.push(name);
    if (failWith) throw failWith;
    if (hang) {
      await new Promise<void>((resolve, reject) => {
        hang = { release: resolve, fail: reject };
      });
    }
  }

  const module: KeytarModule = {
    async getPassword(service, account) {
      await gate(`get ${account}`);
      return items.get(key(service, account)) ?? null;
    },
    async setPassword(service, account, password) {
      await gate(`set ${account}`);
      items.set(key(service, account), password);
    },
    async deletePassword(service, account) {
      await gate(`delete ${account}`);
      return items.delete(key(service, account));
    },
  };

  return {
    module,
    items,
    log,
    key,
    /** The next calls wait until `release()` (or `fail()`) is called on the returned handle. */
    hangNext() {
      hang = { release: () => undefined, fail: () => undefined };
      return {
        release: () => {
          const h = hang;
          hang = undefined;
          h?.release();
        },
        fail: (err: Error) => {
          const h = hang;
          hang = undefined;
          h?.fail(err);
        },
      };
    },
    failWith(err: Error | undefined) {
      failWith = err;
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<KeychainError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(KeychainError);
    return err as KeychainError;
  }
  throw new Error('expected the call to reject');
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

describe('createKeytarCredentialStore', () => {
  it('stores under service screening-desk, one account per workspace and kind', async () => {
    const fake = fakeKeytar();
    const store = createKeytarCredentialStore({ keytar: fake.module });

    expect(await store.get('ws1', 'stackone_api_key', 'https://x.test')).toBeNull();
    await store.set('ws1', 'stackone_api_key', 'https://x.test', 'key-1');
    await store.set('ws1', 'gateway_token', 'https://x.test', 'token-1');
    await store.set('ws2', 'stackone_api_key', 'https://x.test', 'key-2');
    await store.set('ws1', 'stackone_api_key', 'https://x.test', 'key-1b');

    expect(fake.items.get(fake.key(KEYCHAIN_SERVICE, 'ws1/stackone_api_key@https://x.test'))).toBe(
      'key-1b',
    );
    expect(await store.get('ws1', 'gateway_token', 'https://x.test')).toBe('token-1');
    expect(await store.get('ws2', 'stackone_api_key', 'https://x.test')).toBe('key-2');
    expect(await store.delete('ws1', 'stackone_api_key', 'https://x.test')).toBe(true);
    expect(await store.delete('ws1', 'stackone_api_key', 'https://x.test')).toBe(false);
    expect(await store.get('ws1', 'stackone_api_key', 'https://x.test')).toBeNull();
  });

  it('rejects an empty secret before reaching the keychain', async () => {
    const fake = fakeKeytar();
    const store = createKeytarCredentialStore({ keytar: fake.module });
    await expect(store.set('ws1', 'gateway_token', 'https://x.test', '')).rejects.toThrow(
      TypeError,
    );
    expect(fake.log).toEqual([]);
  });

  it('refuses a non-positive timeout', () => {
    expect(() => createKeytarCredentialStore({ timeoutMs: 0 })).toThrow(RangeError);
  });

  it('loads keytar lazily and turns a load failure into keychain_unavailable', async () => {
    const loader = vi.fn(() => {
      throw new Error(
        'libsecret-1.so.0: cannot open shared object file: No such file or directory',
      );
    });
    const store = createKeytarCredentialStore({ keytar: loader, platform: 'linux' });
    expect(loader).not.toHaveBeenCalled();

    const err = await rejection(store.get('ws1', 'stackone_api_key', 'https://x.test'));
    expect(err.code).toBe('keychain_unavailable');
    expect(err.operation).toBe('load');
    expect(err.message).toMatch(/apt install libsecret-1-0/);
    // The failure is remembered: no repeated dlopen attempts, same clear error.
    expect((await rejection(store.set('ws1', 'gateway_token', 'https://x.test', 'v'))).code).toBe(
      'keychain_unavailable',
    );
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('maps each failure keytar reports to its code', async () => {
    const fake = fakeKeytar();
    const store = createKeytarCredentialStore({ keytar: fake.module, platform: 'linux' });
    const expected: Array<[string, string]> = [
      ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'keychain_unavailable'],
      [
        'The name org.freedesktop.secrets was not provided by any .service files',
        'keychain_unavailable',
      ],
      ['Cannot create an item in a locked collection', 'keychain_locked'],
      ['Could not connect: Connection refused', 'keychain_unavailable'],
      ['Something else', 'keychain_error'],
    ];
    for (const [system, code] of expected) {
      fake.failWith(new Error(system));
      const err = await rejection(store.set('ws1', 'stackone_api_key', 'https://x.test', 'v'));
      expect(err.code, system).toBe(code);
      expect(err.operation).toBe('set');
    }
  });

  it('turns a synchronous throw from keytar into a KeychainError', async () => {
    const store = createKeytarCredentialStore({
      keytar: {
        getPassword() {
          throw new Error('Account is required.');
        },
        setPassword: () => Promise.resolve(),
        deletePassword: () => Promise.resolve(true),
      },
    });
    expect((await rejection(store.get('ws1', 'gateway_token', 'https://x.test'))).code).toBe(
      'keychain_error',
    );
  });

  it('never lets the secret into an error, even when the system text echoes it', async () => {
    const secret = 'sk_live_9d8e7f-TOP-SECRET';
    const fake = fakeKeytar();
    const store = createKeytarCredentialStore({ keytar: fake.module, platform: 'linux' });
    fake.failWith(new Error(`Cannot create an item in a locked collection (${secret})`));

    const err = await rejection(store.set('ws1', 'stackone_api_key', 'https://x.test', secret));
    expect(err.code).toBe('keychain_locked');
    for (const rendering of [err.message, err.stack ?? '', inspect(err), JSON.stringify(err)]) {
      expect(rendering).not.toContain(secret);
    }
  });

  it('times out a hanging call within the configured time', async () => {
    const fake = fakeKeytar();
    const store = createKeytarCredentialStore({ keytar: fake.module, timeoutMs: 150 });
    fake.hangNext();

    const started = performance.now();
    const err = await rejection(
      store.set('ws1', 'stackone_api_key', 'https://x.test', 'secret-value'),
    );
    const elapsed = performance.now() - started;

    expect(err.code).toBe('keychain_timeout');
    expect(err.message).toMatch(/did not answer within 0.2 s/);
    expect(err.message).toMatch(/unlock/);
    expect(err.message).not.toContain('secret-value');
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(1000);
  });

  it('ignores a late answer from a timed-out call, and leaks no rejection', async () => {
    const fake = fakeKeytar();
    const store = createKeytarCredentialStore({ keytar: fake.module, timeoutMs: 50 });
    const hung = fake.hangNext();
    expect(store.hasHungCall()).toBe(false);
    const first = store.get('ws1', 'stackone_api_key', 'https://x.test');
    expect((await rejection(first)).code).toBe('keychain_timeout');
    expect(store.hasHungCall()).toBe(true);

    hung.fail(new Error('Cannot create an item in a locked collection'));
    // The store still works once the native call has returned.
    await store.set('ws1', 'stackone_api_key', 'https://x.test', 'v2');
    expect(store.hasHungCall()).toBe(false);
    expect(await store.get('ws1', 'stackone_api_key', 'https://x.test')).toBe('v2');
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  });

  it('runs one native call at a time and never starts a call whose deadline passed', async () => {
    const fake = fakeKeytar();
    const store = createKeytarCredentialStore({ keytar: fake.module, timeoutMs: 80 });
    const hung = fake.hangNext();

    const write = store.set('ws1', 'stackone_api_key', 'https://x.test', 'old');
    const remove = store.delete('ws1', 'stackone_api_key', 'https://x.test');
    expect((await rejection(write)).code).toBe('keychain_timeout');
    const queued = await rejection(remove);
    expect(queued.code).toBe('keychain_timeout');
    expect(queued.message).toMatch(/an earlier keychain request is still waiting/);
    expect(fake.log).toEqual(['set ws1/stackone_api_key@https://x.test']);

    // The stuck write lands late; the delete that timed out in the queue must not run after it
    // (the caller was told it failed), and later calls see the true keychain state.
    hung.release();
    expect(await store.get('ws1', 'stackone_api_key', 'https://x.test')).toBe('old');
    expect(fake.log).toEqual([
      'set ws1/stackone_api_key@https://x.test',
      'get ws1/stackone_api_key@https://x.test',
    ]);
    expect(unhandled).toEqual([]);
  });

  it('a call waiting behind a slow one still succeeds if both finish in time', async () => {
    const fake = fakeKeytar();
    const store = createKeytarCredentialStore({ keytar: fake.module, timeoutMs: 2000 });
    const slow = fake.hangNext();
    const write = store.set('ws1', 'gateway_token', 'https://x.test', 't1');
    const read = store.get('ws1', 'gateway_token', 'https://x.test');
    setTimeout(slow.release, 20);
    await write;
    expect(await read).toBe('t1');
  });
});
