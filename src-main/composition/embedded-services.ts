import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { LinkedAccountInput } from '../cache';
import type { Logger } from '../infra/logging/logger';
import { startGateway, type RunningGateway } from '../../src-gateway';
import { startSandbox, type RunningSandbox } from '../../src-sandbox';

/** What the Sandbox workspace runs in-process; every field has a default fit for a demo. */
export interface EmbeddedSandboxSettings {
  /** Orders the sandbox holds at start (delivered to the gateway as a backlog). */
  orders?: number;
  accounts?: number;
  /** A new order (with its webhook) this often; null for none. */
  orderIntervalMs?: number | null;
  seed?: number | string;
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
};

export interface EmbeddedServices {
  sandbox: RunningSandbox;
  gateway: RunningGateway;
  feedToken: string;
  /** The credential StackOne would present on the gateway's `/ats/assessments/packages`. */
  packagesToken: string;
  accounts: LinkedAccountInput[];
  close(): Promise<void>;
}

/**
 * Starts the Sandbox workspace's services on loopback: the StackOne simulator and an in-memory
 * order gateway, wired together with a webhook secret and a feed token made up for this run
 * (nothing is written to the keychain), then delivers the sandbox's existing orders to the gateway
 * as a webhook backlog, the way a real gateway would have received them over time.
 */
export async function startEmbeddedServices(options: {
  settings: EmbeddedSandboxSettings;
  resourcesDir: string;
  logger: Logger;
}): Promise<EmbeddedServices> {
  const settings = { ...DEFAULT_EMBEDDED_SANDBOX, ...options.settings };
  const webhookSecret = randomBytes(24).toString('base64url');
  const feedToken = randomBytes(24).toString('base64url');
  const packagesToken = randomBytes(24).toString('base64url');
  const gateway = await startGateway({
    dbPath: ':memory:',
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
      orderIntervalMs: settings.orderIntervalMs,
      webhookUrls: [`${gateway.url}/webhooks/stackone`],
      webhookSecret,
      specPath: join(options.resourcesDir, 'stackone', 'ats-openapi.json'),
    });
  } catch (error) {
    await gateway.close();
    throw error;
  }
  const backlog = await sandbox.inspect.webhooks.deliverBacklog();
  if (backlog.failed > 0) {
    options.logger.warn('some sandbox orders did not reach the embedded gateway', {
      failed: backlog.failed,
    });
  }
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
      await sandbox.close();
      await gateway.close();
    },
  };
  options.settings.onStarted?.(services);
  return services;
}
