import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LinkedAccountInput } from '../cache';
import type { Logger } from '../infra/logging/logger';
import { forgetSandbox, sandboxStatePaths } from './sandbox-state';
import { startGateway, type RunningGateway } from '../../src-gateway';
import { startSandbox, type RunningSandbox, type SandboxSnapshot } from '../../src-sandbox';

/** What the Sandbox workspace runs in-process; every field has a default fit for a demo. */
export interface EmbeddedSandboxSettings {
  /** Orders the sandbox holds at start (delivered to the gateway as a backlog). */
  orders?: number;
  accounts?: number;
  /** A new order (with its webhook) this often; null for none. */
  orderIntervalMs?: number | null;
  seed?: number | string;
  /**
   * A new sandbox also gets a coordinator's past played on the desk (see sandbox-history.ts):
   * turnarounds, results sent and refused, drafts. Off unless asked for (tests count on a clean
   * sandbox); the app asks for it.
   */
  history?: boolean;
  /**
   * Called once the services run, for end-to-end tests and benchmarks that drive the sandbox
   * (its inspection API) or stop it to take the desk offline. Not for product code.
   */
  onStarted?: (services: EmbeddedServices) => void;
}

export const DEFAULT_EMBEDDED_SANDBOX: Required<Omit<EmbeddedSandboxSettings, 'onStarted'>> = {
  orders: 300,
  accounts: 3,
  orderIntervalMs: 60_000,
  seed: 'screening-desk',
  history: false,
};

/** How often a changed sandbox is saved (new orders, results); also on close. */
const SAVE_EVERY_MS = 5_000;

function saveSnapshot(path: string, snapshot: SandboxSnapshot): void {
  // Written aside and renamed over: a crash mid-write leaves the previous state, never half of one.
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(snapshot));
  renameSync(tmp, path);
}

export interface EmbeddedServices {
  sandbox: RunningSandbox;
  gateway: RunningGateway;
  feedToken: string;
  /** What the simulated StackOne sends when it calls `/ats/assessments/packages` (e2e tests). */
  packagesToken: string;
  accounts: LinkedAccountInput[];
  close(): Promise<void>;
}

/**
 * Starts the Sandbox workspace's services on loopback: the StackOne simulator and an order gateway,
 * wired together with a webhook secret and a feed token made up for this run (nothing is written
 * to the keychain). A new sandbox delivers its generated orders to the gateway as a webhook
 * backlog, the way a real gateway would have received them over time; a kept one (see
 * `workspaceDir`) continues from its saved state and inbox.
 */
export async function startEmbeddedServices(options: {
  settings: EmbeddedSandboxSettings;
  resourcesDir: string;
  logger: Logger;
  /**
   * The workspace's folder: the sandbox is kept there (state and gateway inbox) and continues
   * where it stopped. Null: a new in-memory sandbox each time.
   */
  workspaceDir: string | null;
}): Promise<EmbeddedServices> {
  const settings = { ...DEFAULT_EMBEDDED_SANDBOX, ...options.settings };
  const paths = options.workspaceDir === null ? null : sandboxStatePaths(options.workspaceDir);
  let restore: SandboxSnapshot | undefined;
  if (paths && existsSync(paths.snapshot)) {
    try {
      restore = JSON.parse(readFileSync(paths.snapshot, 'utf8')) as SandboxSnapshot;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new Error(
        `The saved sandbox could not be read (${detail}). Choose "Reset sandbox" in Settings to start a new one.`,
        { cause: error },
      );
    }
  } else if (paths) {
    // A new sandbox: an inbox left from an earlier one would serve its orders again.
    forgetSandbox(options.workspaceDir!);
    mkdirSync(paths.dir, { recursive: true });
  }
  const webhookSecret = randomBytes(24).toString('base64url');
  const feedToken = randomBytes(24).toString('base64url');
  const packagesToken = randomBytes(24).toString('base64url');
  const gateway = await startGateway({
    dbPath: paths?.gatewayDb ?? ':memory:',
    port: 0,
    host: '127.0.0.1',
    webhookSecrets: [webhookSecret],
    feedToken: [feedToken],
    packagesToken: [packagesToken],
    logger: false,
  });
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox({
      port: 0,
      host: '127.0.0.1',
      seed: settings.seed,
      accounts: settings.accounts,
      orders: settings.orders,
      // A new sandbox's history ends now, so its due times are today's; a kept one continues.
      ...(paths && !restore && { baseTime: Date.now() }),
      ...(restore && { restore }),
      orderIntervalMs: settings.orderIntervalMs,
      webhookUrls: [`${gateway.url}/webhooks/stackone`],
      webhookSecret,
      specPath: join(options.resourcesDir, 'stackone', 'ats-openapi.json'),
    });
  } catch (error) {
    await gateway.close();
    throw error;
  }
  if (!restore) {
    const backlog = await sandbox.inspect.webhooks.deliverBacklog();
    if (backlog.failed > 0) {
      options.logger.warn('some sandbox orders did not reach the embedded gateway', {
        failed: backlog.failed,
      });
    }
  }
  let savedMark: string | null = null;
  const save = () => {
    if (!paths || sandbox.changeMark() === savedMark) return;
    try {
      savedMark = sandbox.changeMark();
      saveSnapshot(paths.snapshot, sandbox.snapshot());
    } catch (error) {
      savedMark = null;
      options.logger.warn('the sandbox could not be saved', { err: error });
    }
  };
  // Saved once the backlog is in the inbox: from then on state and inbox match.
  save();
  const saver = paths ? setInterval(save, SAVE_EVERY_MS) : null;
  saver?.unref();
  const services: EmbeddedServices = {
    sandbox,
    gateway,
    feedToken,
    packagesToken,
    accounts: sandbox.inspect.accounts().map((a) => ({
      id: a.id,
      name: a.name,
      provider: a.provider,
    })),
    async close() {
      if (saver) clearInterval(saver);
      await sandbox.close();
      save();
      await gateway.close();
    },
  };
  options.settings.onStarted?.(services);
  return services;
}
