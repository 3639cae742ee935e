import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretKind } from '../src-shared/contract';
import { createKeytarCredentialStore } from '../src-main/credentials';

/**
 * The keytar store against a real Secret Service. Run it through the harness, which gives it a
 * private unlocked GNOME Keyring when the machine has none (or under CI):
 *   sh scripts/with-keyring.sh vitest run test/keychain.test.ts
 */

const isLinux = process.platform === 'linux';
const probe = fileURLToPath(new URL('./testing/keychain-probe.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const ORIGIN = 'https://keychain-test.invalid';
const secretOf = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

describe('the keytar store on the session keychain', () => {
  const store = createKeytarCredentialStore();
  // Unique ids: on a developer desktop without the private keyring this is the real keyring.
  const run = randomBytes(4).toString('hex');
  const workspaces = [`keychain-test-${run}-a`, `keychain-test-${run}-b`];
  const kinds: SecretKind[] = ['stackone_api_key', 'gateway_token'];

  afterAll(async () => {
    for (const ws of workspaces) for (const kind of kinds) await store.delete(ws, kind, ORIGIN);
  });

  it('stores, reads, replaces and deletes secrets per workspace and kind', async () => {
    const [a, b] = workspaces as [string, string];
    const first = new Map<string, string>();
    for (const ws of workspaces) {
      for (const kind of kinds) {
        expect(await store.get(ws, kind, ORIGIN)).toBeNull();
        const value = secretOf(`${kind}-${ws}`);
        await store.set(ws, kind, ORIGIN, value);
        first.set(`${ws}/${kind}`, value);
      }
    }
    for (const ws of workspaces) {
      for (const kind of kinds)
        expect(await store.get(ws, kind, ORIGIN)).toBe(first.get(`${ws}/${kind}`));
    }

    // Replacing one secret leaves the three others alone.
    const replaced = secretOf('replaced');
    await store.set(a, 'stackone_api_key', ORIGIN, replaced);
    expect(await store.get(a, 'stackone_api_key', ORIGIN)).toBe(replaced);
    expect(await store.get(b, 'stackone_api_key', ORIGIN)).toBe(first.get(`${b}/stackone_api_key`));
    expect(await store.get(a, 'gateway_token', ORIGIN)).toBe(first.get(`${a}/gateway_token`));

    // So does deleting one; a second delete reports that nothing was there.
    expect(await store.delete(a, 'stackone_api_key', ORIGIN)).toBe(true);
    expect(await store.get(a, 'stackone_api_key', ORIGIN)).toBeNull();
    expect(await store.delete(a, 'stackone_api_key', ORIGIN)).toBe(false);
    expect(await store.get(a, 'gateway_token', ORIGIN)).toBe(first.get(`${a}/gateway_token`));
    expect(await store.get(b, 'stackone_api_key', ORIGIN)).toBe(first.get(`${b}/stackone_api_key`));
    expect(await store.get(b, 'gateway_token', ORIGIN)).toBe(first.get(`${b}/gateway_token`));
  });

  it('keeps a long non-ASCII secret intact', async () => {
    const [, b] = workspaces as [string, string];
    const value = `ключ-鍵-🔑-${'x'.repeat(4000)}`;
    await store.set(b, 'gateway_token', ORIGIN, value);
    expect(await store.get(b, 'gateway_token', ORIGIN)).toBe(value);
  });
});

interface ProbeOutcome {
  ok: boolean;
  code?: string;
  message?: string;
  elapsedMs: number;
  hungCall: boolean;
}

/** Runs test/testing/keychain-probe.ts in a child process (optionally behind a wrapper command). */
function runProbe(
  env: NodeJS.ProcessEnv,
  wrapper: string[] = [],
): Promise<{ outcome: ProbeOutcome; output: string }> {
  const command = [...wrapper, process.execPath, '--import', 'tsx', probe];
  return new Promise((resolve, reject) => {
    const child = spawn(command[0] as string, command.slice(1), {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      const line = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve({ outcome: JSON.parse(line) as ProbeOutcome, output: stdout + stderr });
      } catch {
        reject(
          new Error(
            `the probe printed no outcome (exit ${code ?? signal}).\nstdout: ${stdout}\nstderr: ${stderr}`,
          ),
        );
      }
    });
  });
}

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

describe.runIf(isLinux).concurrent('the keytar store when the Secret Service is broken', () => {
  let dir: string;
  /** A child environment without any display, so no unlock prompt can appear on a real screen. */
  let baseEnv: NodeJS.ProcessEnv;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'desk-keychain-broken-'));
    baseEnv = { ...process.env };
    delete baseEnv.DISPLAY;
    delete baseEnv.WAYLAND_DISPLAY;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails within 5 s, saying what to start or install, when the session bus is unreachable', async () => {
    const secret = secretOf('unreachable');
    const { outcome, output } = await runProbe({
      ...baseEnv,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
      PROBE_SECRET: secret,
    });
    expect(outcome).toMatchObject({ ok: false, code: 'keychain_unavailable' });
    expect(outcome.elapsedMs).toBeLessThan(5000);
    expect(outcome.message).toMatch(/^Could not save the secret in the OS keychain: /);
    expect(outcome.message).toMatch(/session bus cannot be reached/);
    expect(outcome.message).toMatch(/apt install dbus gnome-keyring/);
    expect(output).not.toContain(secret);
  });

  it('times out, saying to unlock the keyring, when the bus never answers', async () => {
    // A socket that accepts and stays silent: D-Bus authentication waits forever, like libsecret
    // does behind an invisible unlock prompt.
    const socketPath = join(dir, 'silent-bus');
    const sockets = new Set<Socket>();
    const server: Server = createServer((s) => sockets.add(s));
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      const secret = secretOf('hang');
      const { outcome, output } = await runProbe({
        ...baseEnv,
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${socketPath}`,
        PROBE_TIMEOUT_MS: '1000',
        PROBE_SECRET: secret,
      });
      expect(outcome).toMatchObject({ ok: false, code: 'keychain_timeout', hungCall: true });
      expect(outcome.elapsedMs).toBeGreaterThanOrEqual(990);
      expect(outcome.elapsedMs).toBeLessThan(5000);
      expect(outcome.message).toMatch(/did not answer within 1 s/);
      expect(outcome.message).toMatch(/unlock the keyring/);
      expect(output).not.toContain(secret);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it.runIf(has('dbus-run-session'))(
    'fails within 5 s, naming a provider to install, when no Secret Service exists on the bus',
    async () => {
      // A session bus that can start no services at all.
      const config = join(dir, 'no-services.conf');
      writeFileSync(
        config,
        `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:tmpdir=${dir}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>`,
      );
      const { outcome } = await runProbe(baseEnv, [
        'dbus-run-session',
        `--config-file=${config}`,
        '--',
      ]);
      expect(outcome).toMatchObject({ ok: false, code: 'keychain_unavailable' });
      expect(outcome.elapsedMs).toBeLessThan(5000);
      expect(outcome.message).toMatch(/no Secret Service provider is running/);
      expect(outcome.message).toMatch(/apt install gnome-keyring.*KeePassXC/);
    },
  );

  it.runIf(has('dbus-run-session') && has('gnome-keyring-daemon') && has('gdbus'))(
    'fails within 5 s, saying to unlock it, when the keyring is locked',
    async () => {
      const home = join(dir, 'locked-home');
      const runtime = join(home, 'run');
      mkdirSync(runtime, { recursive: true, mode: 0o700 });
      const lockThenRun = [
        'printf test-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 90',
        'gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \\',
        '  --method org.freedesktop.Secret.Service.Lock \\',
        `  "[objectpath '/org/freedesktop/secrets/collection/login']" >/dev/null || exit 91`,
        'exec "$@"',
      ].join('\n');
      const { outcome } = await runProbe(
        {
          ...baseEnv,
          HOME: home,
          XDG_DATA_HOME: join(home, 'data'),
          XDG_CONFIG_HOME: join(home, 'config'),
          XDG_CACHE_HOME: join(home, 'cache'),
          XDG_RUNTIME_DIR: runtime,
        },
        ['dbus-run-session', '--', 'sh', '-c', lockThenRun, 'sh'],
      );
      expect(outcome).toMatchObject({ ok: false, code: 'keychain_locked' });
      expect(outcome.elapsedMs).toBeLessThan(5000);
      expect(outcome.message).toMatch(/the keyring is locked/);
      expect(outcome.message).toMatch(/Unlock your login keyring/);
    },
  );
});
