import { describe, expect, it } from 'vitest';
import { KeychainError } from './keychain-error';
import { createEphemeralCredentialStoreForTests, withFailureInjection } from './memory-store';

describe('createEphemeralCredentialStoreForTests', () => {
  it('stores, replaces and deletes per workspace and kind', async () => {
    const store = createEphemeralCredentialStoreForTests([
      ['ws1', 'gateway_token', 'https://x.test', 't1'],
    ]);
    expect(await store.get('ws1', 'gateway_token', 'https://x.test')).toBe('t1');
    expect(await store.get('ws1', 'stackone_api_key', 'https://x.test')).toBeNull();
    await store.set('ws1', 'stackone_api_key', 'https://x.test', 'k1');
    await store.set('ws1', 'stackone_api_key', 'https://x.test', 'k2');
    await store.set('ws2', 'stackone_api_key', 'https://x.test', 'other');
    expect(await store.get('ws1', 'stackone_api_key', 'https://x.test')).toBe('k2');
    expect(store.size).toBe(3);
    expect(await store.delete('ws1', 'stackone_api_key', 'https://x.test')).toBe(true);
    expect(await store.delete('ws1', 'stackone_api_key', 'https://x.test')).toBe(false);
    expect(await store.get('ws2', 'stackone_api_key', 'https://x.test')).toBe('other');
  });

  it('rejects an empty secret like the keychain store', async () => {
    const store = createEphemeralCredentialStoreForTests();
    await expect(store.set('ws1', 'gateway_token', 'https://x.test', '')).rejects.toThrow(
      TypeError,
    );
  });
});

describe('withFailureInjection', () => {
  it('fails matching calls with realistic keychain errors, then heals', async () => {
    const store = withFailureInjection(createEphemeralCredentialStoreForTests());
    store.fail('keychain_locked', { operations: ['set'] });

    const err = await store
      .set('ws1', 'stackone_api_key', 'https://x.test', 'k1')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeychainError);
    expect((err as KeychainError).code).toBe('keychain_locked');
    expect((err as KeychainError).message).toMatch(/Unlock your login keyring/);
    expect(await store.get('ws1', 'stackone_api_key', 'https://x.test')).toBeNull();

    store.heal();
    await store.set('ws1', 'stackone_api_key', 'https://x.test', 'k1');
    expect(await store.get('ws1', 'stackone_api_key', 'https://x.test')).toBe('k1');
    expect(store.calls.map((c) => [c.operation, c.ok])).toEqual([
      ['set', false],
      ['get', true],
      ['set', true],
      ['get', true],
    ]);
    expect(JSON.stringify(store.calls)).not.toContain('k1');
  });

  it('limits the number of failures with `times`', async () => {
    const store = withFailureInjection(createEphemeralCredentialStoreForTests());
    store.fail('keychain_timeout', { times: 1 });
    await expect(store.get('ws1', 'gateway_token', 'https://x.test')).rejects.toMatchObject({
      code: 'keychain_timeout',
    });
    expect(await store.get('ws1', 'gateway_token', 'https://x.test')).toBeNull();
  });

  it.each(['keychain_unavailable', 'keychain_error'] as const)('can inject %s', async (code) => {
    const store = withFailureInjection(createEphemeralCredentialStoreForTests());
    store.fail(code);
    await expect(store.delete('ws1', 'gateway_token', 'https://x.test')).rejects.toMatchObject({
      code,
    });
  });
});
