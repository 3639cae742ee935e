/**
 * The desk core as a new user first meets it, without Electron: a desk with the real keychain store
 * in a temporary folder, the Sandbox workspace started, its first sync finished, orders in the
 * queue. Then what Settings shows for a StackOne workspace's credentials: stored or not, or the
 * keychain's own message when it cannot be used.
 *
 *   npx tsx scripts/sandbox-smoke.ts [--expect-keychain=unavailable|available]
 *
 * Prints one line per check and `sandbox-smoke: PASS` or `sandbox-smoke: FAIL …`; the exit status
 * says the same. scripts/fresh-machine-check.sh runs it in a fresh clone where keytar could not be
 * built.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SyncStatus } from '../src-shared/contract';
import { createDesk } from '../src-main/composition/create-desk';
import { createKeytarCredentialStore } from '../src-main/credentials/keytar-store';
import { silentLogger } from '../src-main/infra/logging/logger';

const { values } = parseArgs({
  options: {
    'expect-keychain': { type: 'string' },
    'timeout-s': { type: 'string', default: '120' },
  },
});
const expectKeychain = values['expect-keychain'];
const timeoutMs = Number(values['timeout-s']) * 1000;

const say = (line: string) => console.log(`sandbox-smoke: ${line}`);
const dir = mkdtempSync(join(tmpdir(), 'desk-smoke-'));
let failed: string | null = null;

const desk = await createDesk({
  userDataDir: dir,
  credentialStore: createKeytarCredentialStore(),
  runtime: 'preview',
  version: '0.0.0-smoke',
  logger: silentLogger,
});

try {
  // 1. The Sandbox workspace syncs with no secret at all.
  const synced = new Promise<SyncStatus>((resolve) => {
    desk.subscribe((name, payload) => {
      const status = payload as SyncStatus;
      if (name !== 'sync:status-changed' || status.workspaceId !== 'sandbox') return;
      const clean = status.sources.length > 0 && status.sources.every((s) => s.lastError === null);
      if (status.state === 'idle' && status.lastSuccessAt !== null && clean) resolve(status);
    });
  });
  let timer: NodeJS.Timeout | undefined;
  const status = await Promise.race([
    synced,
    new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (!status)
    throw new Error(`the Sandbox workspace did not finish a sync within ${timeoutMs / 1000} s`);
  const page = await desk.invoke('orders:list', { now: new Date().toISOString(), limit: 1 });
  if (!page.ok) throw new Error(`orders:list failed: ${page.error.message}`);
  const total = (page.value as { total: number }).total;
  if (total === 0) throw new Error('the Sandbox workspace synced but its queue is empty');
  say(`ok   the Sandbox workspace synced; ${total} orders in the queue`);

  // 2. A StackOne workspace's credential status: what the Settings screen shows.
  const created = await desk.invoke('workspaces:create', { name: 'Smoke test' });
  if (!created.ok) throw new Error(`workspaces:create failed: ${created.error.message}`);
  const workspaceId = (created.value as { id: string }).id;
  const credentials = await desk.invoke('credentials:get-status', { workspaceId });
  const keychain = credentials.ok ? 'available' : 'unavailable';
  if (credentials.ok) say('ok   the OS keychain answers');
  else say(`ok   Settings shows: [${credentials.error.code}] ${credentials.error.message}`);
  if (!credentials.ok && credentials.error.code !== 'keychain_unavailable' && expectKeychain) {
    throw new Error(`expected keychain_unavailable, got ${credentials.error.code}`);
  }
  if (expectKeychain && expectKeychain !== keychain) {
    throw new Error(`expected the keychain to be ${expectKeychain}, it is ${keychain}`);
  }
  await desk.invoke('workspaces:delete', { id: workspaceId });
} catch (error) {
  failed = error instanceof Error ? error.message : String(error);
} finally {
  await desk.close();
  rmSync(dir, { recursive: true, force: true });
}

say(failed === null ? 'PASS' : `FAIL ${failed}`);
process.exit(failed === null ? 0 : 1);
