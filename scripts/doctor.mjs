#!/usr/bin/env node
// `npm run doctor`: checks what Screening Desk needs from this machine and says what to install.
// Plain Node ESM with no dependencies, so it runs before `npm install` and on an older system Node
// (20 or later) as well as on the project's Node 24:  node scripts/doctor.mjs
//
// Exit status 0 when everything is there, 1 when something is missing (each line says what).
// `--apt-packages` prints only the Debian/Ubuntu package list, one line, for scripts.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Debian/Ubuntu packages, by what needs them. The README's install line is this list.
 * keytar: built from source where no prebuilt binary is reachable (libsecret-1-dev pulls in the
 * runtime library libsecret-1-0). keyring: the Secret Service, and the private one the tests start.
 * e2e: the browser the Playwright tests drive, and fonts for its screenshots.
 * gatewayTests: PostgreSQL, for the gateway suite's run on the PostgreSQL store.
 */
export const APT_PACKAGES = {
  keytar: ['libsecret-1-dev', 'pkg-config', 'g++', 'make', 'python3'],
  keyring: ['gnome-keyring', 'dbus'],
  e2e: ['chromium', 'fonts-dejavu-core', 'fonts-wqy-microhei', 'fonts-noto-color-emoji'],
  gatewayTests: ['postgresql'],
};

const REQUIRED_NODE_MAJOR = 24;
const root = fileURLToPath(new URL('..', import.meta.url));

if (process.argv.includes('--apt-packages')) {
  console.log(Object.values(APT_PACKAGES).flat().join(' '));
  process.exit(0);
}

/** @type {{ name: string, ok: boolean, detail: string, fix?: string, packages?: string[] }[]} */
const results = [];
const check = (name, ok, detail, fix, packages) =>
  results.push({ name, ok, detail, fix, packages });

function run(cmd, args, timeoutMs = 5000) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs });
  return {
    ok: r.status === 0,
    out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim(),
    missing: !!r.error,
  };
}
const onPath = (cmd) => run('sh', ['-c', `command -v "${cmd}"`]).ok;

// Node: npm scripts run the project's own Node 24 (the `node` devDependency) once installed.
const major = Number(process.versions.node.split('.')[0]);
const localNode = join(root, 'node_modules', 'node', 'bin', 'node');
if (major >= REQUIRED_NODE_MAJOR) {
  check('Node.js', true, `${process.version}`);
} else if (existsSync(localNode)) {
  check(
    'Node.js',
    true,
    `${process.version} here; npm scripts use the project's ${execFileSync(localNode, ['--version'], { encoding: 'utf8' }).trim()}`,
  );
} else {
  check(
    'Node.js',
    false,
    `${process.version}; the desk needs ${REQUIRED_NODE_MAJOR}`,
    '`npm install` brings the project its own Node 24 (the `node` devDependency), which npm scripts use',
  );
}

const linux = process.platform === 'linux';
if (linux) {
  // libsecret: headers and pkg-config to build keytar, the shared library to run it.
  const dev = run('pkg-config', ['--modversion', 'libsecret-1']);
  check(
    'libsecret (build)',
    dev.ok,
    dev.ok ? `libsecret-1 ${dev.out}` : 'pkg-config finds no libsecret-1',
    'needed to build keytar from source',
    APT_PACKAGES.keytar,
  );
  const ldconfig = run('sh', ['-c', '/sbin/ldconfig -p 2>/dev/null || ldconfig -p']);
  const runtime = ldconfig.out.includes('libsecret-1.so.0');
  check(
    'libsecret (runtime)',
    runtime,
    runtime ? 'libsecret-1.so.0 found' : 'libsecret-1.so.0 not found',
    'keytar loads it to reach the Secret Service',
    ['libsecret-1-0'],
  );
  const tools = ['g++', 'make', 'python3'].filter((t) => !onPath(t));
  check(
    'build tools',
    tools.length === 0,
    tools.length === 0 ? 'g++, make, python3' : `missing: ${tools.join(', ')}`,
    'node-gyp needs them to build keytar',
    APT_PACKAGES.keytar,
  );
}

// keytar: installed and loadable (npm install skips it, as optional, where its build failed).
try {
  const require = createRequire(join(root, 'package.json'));
  require('keytar');
  check('keytar', true, 'loads');
} catch (err) {
  const missing = err && err.code === 'MODULE_NOT_FOUND';
  check(
    'keytar',
    false,
    missing
      ? 'not installed (its native build failed during npm install)'
      : String(err.message ?? err).split('\n')[0],
    linux
      ? 'install the packages below, then run `npm install` again (or `npm rebuild keytar`)'
      : 'run `npm install` again and read its output',
    linux ? APT_PACKAGES.keytar : undefined,
  );
}

if (linux) {
  // A Secret Service on the session bus, now or startable on demand.
  const testKeyring = ['dbus-run-session', 'gnome-keyring-daemon'].filter((t) => !onPath(t));
  let service = 'no D-Bus session bus';
  let serviceOk = false;
  if (onPath('dbus-send')) {
    const args = (method, ...rest) => [
      '--session',
      '--print-reply=literal',
      '--reply-timeout=3000',
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      `org.freedesktop.DBus.${method}`,
      ...rest,
    ];
    const owner = run('dbus-send', args('NameHasOwner', 'string:org.freedesktop.secrets'));
    const activatable = run('dbus-send', args('ListActivatableNames'));
    if (owner.ok && owner.out.includes('true')) {
      serviceOk = true;
      service = 'org.freedesktop.secrets is running';
    } else if (activatable.ok && activatable.out.includes('org.freedesktop.secrets')) {
      serviceOk = true;
      service = 'org.freedesktop.secrets starts on demand';
    } else if (owner.ok) {
      service = 'the session bus has no org.freedesktop.secrets';
    }
  } else {
    service = 'dbus-send is not installed';
  }
  check(
    'Secret Service',
    serviceOk,
    service,
    'the desk keeps secrets there: start it from a desktop session (GNOME Keyring or KeePassXC), ' +
      'or on a headless machine see the README (a private keyring with dbus-run-session)',
    testKeyring.length > 0 ? APT_PACKAGES.keyring : undefined,
  );
  check(
    'test keyring',
    testKeyring.length === 0,
    testKeyring.length === 0
      ? 'dbus-run-session, gnome-keyring-daemon'
      : `missing: ${testKeyring.join(', ')}`,
    'scripts/with-keyring.sh starts a private keyring for the tests',
    APT_PACKAGES.keyring,
  );
}

// Chromium for the Playwright tests: CHROMIUM_PATH, the system's, or Playwright's own download.
const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
].filter(Boolean);
const system = candidates.find((p) => existsSync(p));
const pwCache = process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), '.cache', 'ms-playwright');
const playwrights = existsSync(pwCache)
  ? readdirSync(pwCache).filter((d) => d.startsWith('chromium'))
  : [];
check(
  'Chromium (tests)',
  Boolean(system) || playwrights.length > 0,
  system ? system : playwrights.length > 0 ? `Playwright's ${playwrights[0]}` : 'none found',
  'the end-to-end tests drive it; or set CHROMIUM_PATH, or run `npx playwright install chromium`',
  APT_PACKAGES.e2e,
);

// PostgreSQL for the gateway-postgres tests: a server named by GATEWAY_TEST_PG, or the binaries
// to start a throwaway one (Debian keeps them under /usr/lib/postgresql/<major>/bin).
const pgBins = existsSync('/usr/lib/postgresql')
  ? readdirSync('/usr/lib/postgresql').filter((v) =>
      existsSync(join('/usr/lib/postgresql', v, 'bin', 'initdb')),
    )
  : [];
check(
  'PostgreSQL (tests)',
  Boolean(process.env.GATEWAY_TEST_PG) || pgBins.length > 0 || onPath('initdb'),
  process.env.GATEWAY_TEST_PG
    ? 'GATEWAY_TEST_PG is set'
    : pgBins.length > 0
      ? `PostgreSQL ${pgBins.join(', ')}`
      : 'no initdb found',
  "the gateway's tests also run on PostgreSQL; or set GATEWAY_TEST_PG to a server URL",
  APT_PACKAGES.gatewayTests,
);

const width = Math.max(...results.map((r) => r.name.length));
for (const r of results) {
  console.log(`${r.ok ? 'ok     ' : 'MISSING'}  ${r.name.padEnd(width)}  ${r.detail}`);
  if (!r.ok && r.fix) console.log(`${' '.repeat(width + 11)}→ ${r.fix}`);
}
const missing = [...new Set(results.filter((r) => !r.ok).flatMap((r) => r.packages ?? []))];
if (results.every((r) => r.ok)) {
  console.log('\nEverything Screening Desk needs is here.');
} else {
  if (missing.length > 0) {
    console.log(`\nInstall: sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`);
    if (results.some((r) => r.name === 'keytar' && !r.ok))
      console.log('then run `npm install` again.');
  }
  process.exitCode = 1;
}
