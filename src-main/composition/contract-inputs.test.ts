import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commandNames, commands } from '../../src-shared/contract';
import type { CredentialStore } from '../credentials/credential-store';
import { createDesk } from './create-desk';
import type { Desk } from './desk';
import { silentLogger } from '../infra/logging/logger';

/** A store that records calls: a malformed input must never reach the keychain. */
function recordingStore(): CredentialStore & { calls: number } {
  const store = {
    calls: 0,
    get: async () => {
      store.calls++;
      return null;
    },
    set: async () => {
      store.calls++;
    },
    delete: async () => {
      store.calls++;
      return false;
    },
  };
  return store;
}

const malformedInputs: unknown[] = [
  undefined,
  null,
  42,
  'text',
  [],
  [{}],
  { __unexpected__: true },
];

describe('every contract command validates its input before any use case runs', () => {
  let dir: string;
  let desk: Desk;
  const store = recordingStore();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-contract-'));
    desk = await createDesk({
      userDataDir: dir,
      credentialStore: store,
      runtime: 'test',
      version: '0.0.0-test',
      logger: silentLogger,
    });
  });
  afterAll(async () => {
    await desk.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has commands to check', () => {
    expect(commandNames.length).toBeGreaterThan(5);
  });

  it.each(commandNames)(
    '%s declares zod input and output schemas, and the input refuses unknown keys',
    (name) => {
      const spec = commands[name] as { input?: unknown; output?: unknown };
      expect(spec.input, `${name} has no input schema`).toBeInstanceOf(z.ZodType);
      expect(spec.output, `${name} has no output schema`).toBeInstanceOf(z.ZodType);
      expect((spec.input as z.ZodType).safeParse({ __unexpected__: true }).success).toBe(false);
    },
  );

  it.each(commandNames)(
    '%s answers malformed input with a typed invalid_input error',
    async (name) => {
      const before = store.calls;
      for (const input of malformedInputs) {
        const result = await desk.invoke(name, input);
        expect(result.ok, `${name} accepted ${JSON.stringify(input)}`).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('invalid_input');
          expect(Array.isArray(result.error.issues)).toBe(true);
          expect(result.error.issues!.length).toBeGreaterThan(0);
        }
      }
      expect(store.calls).toBe(before);
    },
  );

  it('answers an unknown command with unknown_command, including prototype keys', async () => {
    for (const name of ['nope:nothing', 'toString', '__proto__', 'constructor']) {
      const result = await desk.invoke(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    }
  });
});
