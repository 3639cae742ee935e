/**
 * Runs one keychain call in a fresh process and prints the outcome as one JSON line. keytar and
 * libsecret read DBUS_SESSION_BUS_ADDRESS once, at first use, so each broken-keychain scenario in
 * test/keychain.test.ts needs its own process, started with the environment it describes.
 *
 * Env: PROBE_OPERATION (get | set | delete, default set), PROBE_SECRET (the value for set),
 * PROBE_TIMEOUT_MS (the store's timeout, default the store's own).
 */
import { writeSync } from 'node:fs';
import { createKeytarCredentialStore, KeychainError } from '../../src-main/credentials';

const operation = process.env.PROBE_OPERATION ?? 'set';
const secret = process.env.PROBE_SECRET ?? 'probe-secret';
const timeoutMs = process.env.PROBE_TIMEOUT_MS ? Number(process.env.PROBE_TIMEOUT_MS) : undefined;

const PROBE_ORIGIN = 'https://probe.invalid';
const store = createKeytarCredentialStore(timeoutMs ? { timeoutMs } : {});
const started = performance.now();
try {
  const value =
    operation === 'get'
      ? await store.get('probe-workspace', 'stackone_api_key', PROBE_ORIGIN)
      : operation === 'delete'
        ? await store.delete('probe-workspace', 'stackone_api_key', PROBE_ORIGIN)
        : await store.set('probe-workspace', 'stackone_api_key', PROBE_ORIGIN, secret);
  report({ ok: true, value: value ?? null });
} catch (err) {
  report(
    err instanceof KeychainError
      ? { ok: false, code: err.code, message: err.message }
      : { ok: false, code: 'not_a_keychain_error', message: String(err) },
  );
}

function report(outcome: Record<string, unknown>): never {
  const elapsedMs = Math.round(performance.now() - started);
  writeSync(1, `${JSON.stringify({ ...outcome, elapsedMs, hungCall: store.hasHungCall() })}\n`);
  // A native call that never returns makes process.exit() hang too (libuv joins its thread pool
  // at exit), so a probe left with one can only end itself with SIGKILL.
  if (store.hasHungCall()) process.kill(process.pid, 'SIGKILL');
  process.exit(0);
}
