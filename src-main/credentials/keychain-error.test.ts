import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DeskFailure } from '../../src-shared/contract';
import {
  classifyKeychainFailure,
  KeychainError,
  keychainTimeout,
  keytarLoadFailure,
  redactDetail,
  toDeskFailure,
  type KeychainErrorCode,
} from './keychain-error';

interface Case {
  platform: string;
  system: string;
  code: KeychainErrorCode;
  /** Words the coordinator needs: what to install, start or unlock. */
  advice: RegExp;
}

// System texts as keytar rejects with them; the Linux ones were observed on Debian 12.
const cases: Case[] = [
  {
    platform: 'linux',
    system: 'Cannot autolaunch D-Bus without X11 $DISPLAY',
    code: 'keychain_unavailable',
    advice: /desktop session.*apt install dbus gnome-keyring/,
  },
  {
    platform: 'linux',
    system: 'The name org.freedesktop.secrets was not provided by any .service files',
    code: 'keychain_unavailable',
    advice: /apt install gnome-keyring.*KeePassXC/,
  },
  {
    platform: 'linux',
    system: 'Cannot create an item in a locked collection',
    code: 'keychain_locked',
    advice: /Unlock your login keyring/,
  },
  {
    platform: 'linux',
    system: 'Object does not exist at path “/org/freedesktop/secrets/collection/login”',
    code: 'keychain_locked',
    advice: /create or unlock the "Login" keyring/,
  },
  {
    platform: 'linux',
    system: 'Could not connect: No such file or directory',
    code: 'keychain_unavailable',
    advice: /session bus.*apt install dbus gnome-keyring/,
  },
  {
    platform: 'linux',
    system: 'Could not connect: Connection refused',
    code: 'keychain_unavailable',
    advice: /session bus/,
  },
  {
    platform: 'linux',
    system: 'Timeout was reached',
    code: 'keychain_timeout',
    advice: /unlock it/,
  },
  {
    platform: 'linux',
    system: 'Prompt dismissed',
    code: 'keychain_locked',
    advice: /unlock the keyring/,
  },
  {
    platform: 'linux',
    system: 'Something nobody has seen before',
    code: 'keychain_error',
    advice: /running and unlocked/,
  },
  {
    platform: 'darwin',
    system: 'User interaction is not allowed.',
    code: 'keychain_locked',
    advice: /Unlock the login keychain in Keychain Access/,
  },
  {
    platform: 'darwin',
    system: 'User canceled the operation.',
    code: 'keychain_locked',
    advice: /Allow/,
  },
  {
    platform: 'darwin',
    system: 'The specified item could not be found in the keychain.',
    code: 'keychain_error',
    advice: /Keychain Access/,
  },
  {
    platform: 'win32',
    system: 'The stub received bad data.',
    code: 'keychain_error',
    advice: /only the key/,
  },
  {
    platform: 'win32',
    system: 'The RPC server is unavailable.',
    code: 'keychain_unavailable',
    advice: /Credential Manager/,
  },
  {
    platform: 'win32',
    system: 'Element not found.',
    code: 'keychain_error',
    advice: /Credential Manager/,
  },
];

describe('classifyKeychainFailure', () => {
  it.each(cases)('$platform: "$system" → $code', ({ platform, system, code, advice }) => {
    const err = classifyKeychainFailure(new Error(system), { operation: 'set', platform });
    expect(err).toBeInstanceOf(KeychainError);
    expect(err.code).toBe(code);
    expect(err.operation).toBe('set');
    expect(err.message).toMatch(/^Could not save the secret in the OS keychain: /);
    expect(err.message).toMatch(advice);
    expect(err.detail).toBe(system);
    expect(err.message).toContain(`(System message: ${system})`);
  });

  it('names the operation that failed', () => {
    const read = classifyKeychainFailure(new Error('x'), { operation: 'get', platform: 'linux' });
    const del = classifyKeychainFailure(new Error('x'), { operation: 'delete', platform: 'linux' });
    expect(read.message).toMatch(/^Could not read the secret/);
    expect(del.message).toMatch(/^Could not remove the secret/);
  });

  it('treats unknown platforms like Linux (Secret Service)', () => {
    const err = classifyKeychainFailure(new Error('Cannot create an item in a locked collection'), {
      operation: 'set',
      platform: 'freebsd',
    });
    expect(err.code).toBe('keychain_locked');
  });

  it('passes a KeychainError through unchanged', () => {
    const original = keychainTimeout('get', 4000, { platform: 'linux', queued: false });
    expect(classifyKeychainFailure(original, { operation: 'set', platform: 'linux' })).toBe(
      original,
    );
  });

  it('copes with non-Error rejections', () => {
    const err = classifyKeychainFailure(undefined, { operation: 'get', platform: 'linux' });
    expect(err.code).toBe('keychain_error');
    expect(err.detail).toBeUndefined();
    expect(err.message).not.toContain('System message');
  });
});

describe('the secret never appears in an error', () => {
  const secret = 'sk_live_7f3a9c1e-SECRET';

  it('is cut out of the system text, the message, and every rendering of the error', () => {
    const raw = new Error(`Cannot create an item in a locked collection: password=${secret}`);
    const err = classifyKeychainFailure(raw, { operation: 'set', platform: 'linux', secret });
    expect(err.code).toBe('keychain_locked');
    for (const rendering of [
      err.message,
      err.detail ?? '',
      String(err),
      err.stack ?? '',
      inspect(err, { depth: 10 }),
      JSON.stringify(err),
      JSON.stringify(toDeskFailure(err).toError()),
    ]) {
      expect(rendering).not.toContain(secret);
    }
    expect(err.detail).toContain('[redacted]');
    expect(err).not.toHaveProperty('cause');
  });

  it('redactDetail bounds and flattens the text', () => {
    const long = `line one\nline two ${'x'.repeat(1000)}`;
    const text = redactDetail(new Error(long));
    expect(text).not.toContain('\n');
    expect(text.length).toBeLessThanOrEqual(300);
  });
});

describe('keytarLoadFailure', () => {
  it('on Linux says to install libsecret', () => {
    const err = keytarLoadFailure(
      new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory'),
      'linux',
    );
    expect(err.code).toBe('keychain_unavailable');
    expect(err.operation).toBe('load');
    expect(err.message).toMatch(/apt install libsecret-1-0/);
    expect(err.message).toMatch(/npm rebuild keytar/);
  });

  it('when npm install skipped it (optional, its build failed) says what to install and to run npm install again', () => {
    const missing = Object.assign(
      new Error(
        "Cannot find package 'keytar' imported from /app/src-main/credentials/keytar-store.ts",
      ),
      { code: 'ERR_MODULE_NOT_FOUND' },
    );
    const err = keytarLoadFailure(missing, 'linux');
    expect(err.code).toBe('keychain_unavailable');
    expect(err.message).toMatch(/keytar\) is not installed/);
    expect(err.message).toMatch(/apt-get install libsecret-1-dev pkg-config g\+\+ make python3/);
    expect(err.message).toMatch(/run `npm install` again; `npm run doctor`/);
    expect(err.message).not.toMatch(/npm rebuild/);
  });

  it('elsewhere says to reinstall', () => {
    const err = keytarLoadFailure(new Error('dlopen failed'), 'darwin');
    expect(err.message).toMatch(/Reinstall Screening Desk/);
    expect(err.message).not.toMatch(/apt/);
  });
});

describe('keychainTimeout', () => {
  it('says how long it waited and to unlock the keyring', () => {
    const err = keychainTimeout('set', 4000, { platform: 'linux', queued: false });
    expect(err.code).toBe('keychain_timeout');
    expect(err.message).toMatch(/did not answer within 4 s/);
    expect(err.message).toMatch(/unlock the keyring/);
    expect(err.message).not.toMatch(/earlier keychain request/);
  });

  it('says when an earlier request is still stuck', () => {
    const err = keychainTimeout('get', 1500, { platform: 'darwin', queued: true });
    expect(err.message).toMatch(/within 1.5 s \(an earlier keychain request is still waiting/);
    expect(err.message).toMatch(/Keychain dialog/);
  });
});

describe('toDeskFailure', () => {
  it('keeps the code and the actionable message', () => {
    const err = classifyKeychainFailure(new Error('Cannot create an item in a locked collection'), {
      operation: 'set',
      platform: 'linux',
    });
    const failure = toDeskFailure(err);
    expect(failure).toBeInstanceOf(DeskFailure);
    expect(failure.toError()).toEqual({ code: 'keychain_locked', message: err.message });
  });

  it('turns anything else into a generic keychain_error without its text', () => {
    const failure = toDeskFailure(new Error('internal detail'));
    expect(failure.code).toBe('keychain_error');
    expect(failure.message).not.toContain('internal detail');
  });

  it('returns a DeskFailure unchanged', () => {
    const original = new DeskFailure('not_found', 'No such workspace');
    expect(toDeskFailure(original)).toBe(original);
  });
});
