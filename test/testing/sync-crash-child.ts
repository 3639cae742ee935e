import { createDesk } from '../../src-main/composition/create-desk';
import { createEphemeralCredentialStoreForTests } from '../../src-main/credentials/memory-store';
import { silentLogger } from '../../src-main/infra/logging/logger';
import type { SyncStatus } from '../../src-shared/contract';

/**
 * The desk core in a child process, for test/sync-crash.test.ts: it syncs a StackOne workspace
 * (pointed at the parent's sandbox and gateway) on a short interval and reports on stdout, one
 * JSON object per line: `workspace` (its id, first run only), `progress` (a batch of data was
 * committed), `synced` (a pass ended with every source clean). The parent SIGKILLs it.
 *
 * Env: CRASH_USER_DATA, CRASH_API_KEY, CRASH_FEED_TOKEN, CRASH_DRAFT (workspaces:create input,
 * JSON), CRASH_WORKSPACE_ID (after the first run: the secrets are seeded for it).
 */
const env = process.env;
const out = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const need = (name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const apiKey = need('CRASH_API_KEY');
const feedToken = need('CRASH_FEED_TOKEN');
const known = env.CRASH_WORKSPACE_ID;
// Secrets are kept per origin (see credential-store.ts): the restarted child puts them back for
// the origins of the draft it created the workspace from.
const draft = JSON.parse(need('CRASH_DRAFT')) as { stackoneBaseUrl: string; gatewayUrl: string };
const store = createEphemeralCredentialStoreForTests(
  known
    ? [
        [known, 'stackone_api_key', new URL(draft.stackoneBaseUrl).origin, apiKey],
        [known, 'gateway_token', new URL(draft.gatewayUrl).origin, feedToken],
      ]
    : [],
);
const desk = await createDesk({
  userDataDir: need('CRASH_USER_DATA'),
  credentialStore: store,
  runtime: 'test',
  version: '0.0.0-test',
  logger: silentLogger,
  sync: {
    intervalMs: 150,
    eventThrottleMs: 5,
    backoff: { baseMs: 100, maxMs: 500 },
    // The sandbox stamps live records with a strictly increasing clock, so the overlap (there for
    // real ATSs' late writes) would only make every pass of this test re-read all its bursts.
    tuning: { overlapMs: 1_000 },
  },
});
desk.subscribe((name, payload) => {
  if (name === 'data:changed') out({ event: 'progress' });
  if (name !== 'sync:status-changed') return;
  const status = payload as SyncStatus;
  if (status.workspaceId === 'sandbox') return;
  out({ event: 'status', state: status.state });
  if (status.state === 'idle' && status.sources.every((s) => s.lastError === null)) {
    out({ event: 'synced' });
  }
});

const invoke = async (command: string, input: unknown) => {
  const result = await desk.invoke(command, input);
  if (!result.ok) throw new Error(`${command}: ${result.error.message}`);
  return result.value as { id: string };
};
if (!known) {
  const ws = await invoke('workspaces:create', draft);
  await invoke('credentials:save', { workspaceId: ws.id, kind: 'stackone_api_key', value: apiKey });
  await invoke('credentials:save', { workspaceId: ws.id, kind: 'gateway_token', value: feedToken });
  await invoke('workspaces:activate', { id: ws.id });
  out({ event: 'workspace', id: ws.id });
}

// The sync timer never holds a process open on its own; this child lives until it is killed.
setInterval(() => undefined, 60_000);
