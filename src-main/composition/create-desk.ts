import { fileURLToPath } from 'node:url';
import { WorkspaceRuntime, type RuntimeSyncOptions } from './workspace-runtime';
import type { CredentialStore } from '../credentials/credential-store';
import { openAppDatabase } from '../infra/app-db/app-database';
import type { Desk } from './desk';
import { EventBus } from '../infra/events/event-bus';
import { appHandlers } from '../handlers/app-handlers';
import type { HandlerContext } from '../handlers/context';
import { ordersHandlers } from '../handlers/orders-handlers';
import { packagesHandlers } from '../handlers/packages-handlers';
import { recordsHandlers } from '../handlers/records-handlers';
import { resultsHandlers } from '../handlers/results-handlers';
import { teamHandlers } from '../handlers/team-handlers';
import { syncHandlers } from '../handlers/sync-handlers';
import { notificationHandlers } from '../handlers/notification-handlers';
import { AppSettings } from '../infra/app-db/app-settings';
import { Notifier } from '../notifications/notifier';
import { playSandboxHistory, type Invoke } from './sandbox-history';
import { turnaroundsHandlers } from '../handlers/turnarounds-handlers';
import { workspaceHandlers } from '../handlers/workspace-handlers';
import { createDispatcher, type Handlers } from './dispatcher';
import { createLogger, type Logger } from '../infra/logging/logger';
import { WorkspaceRepository } from '../workspaces/workspace-repository';
import { WorkspaceService } from '../workspaces/workspace-service';

export interface DeskOptions {
  /** Where the app database and workspace caches live (Electron's userData folder). */
  userDataDir: string;
  credentialStore: CredentialStore;
  runtime: 'electron' | 'preview' | 'test';
  version: string;
  logger?: Logger;
  now?: () => Date;
  /**
   * The app's resources folder (the StackOne spec the embedded sandbox validates against).
   * Electron passes `<app path>/resources`; tsx and vitest runs resolve it from this file.
   */
  resourcesDir?: string;
  /**
   * Sync loop settings. `sandbox`: the Sandbox workspace's embedded services; false = do not
   * start them. Default: on for 'electron' and 'preview', off for 'test' (tests opt in).
   */
  sync?: RuntimeSyncOptions;
}

/** Desktop notifications are on unless turned off (app_settings). */
const NOTIFICATIONS_SETTING = 'notifications_enabled';

const defaultResourcesDir = () => fileURLToPath(new URL('../../resources', import.meta.url));

/**
 * The composition root of the Electron-free desk core: builds the services and returns the object
 * that implements the IPC contract. Electron and the browser preview both wrap this same object.
 */
export async function createDesk(options: DeskOptions): Promise<Desk> {
  const logger = options.logger ?? createLogger({ base: { runtime: options.runtime } });
  const appDb = openAppDatabase(options.userDataDir);
  const bus = new EventBus(logger);
  const workspaces = new WorkspaceService(
    new WorkspaceRepository(appDb),
    options.credentialStore,
    bus,
    logger,
    options.now,
  );
  workspaces.ensureDefaults();

  const appSettings = new AppSettings(appDb);
  const notificationsEnabled = () => appSettings.get(NOTIFICATIONS_SETTING) !== 'off';
  const notifier = new Notifier({ bus, enabled: notificationsEnabled });

  // The handlers are built after the runtime; the sandbox history runs through them.
  let invokeLater: Invoke = () => Promise.reject(new Error('the desk is not built yet'));
  const runtime = new WorkspaceRuntime({
    onOrdersArrived: (workspaceId, orders) => notifier.ordersArrived(workspaceId, orders),
    onSandboxGenerated: async (workspaceId) => {
      const played = await playSandboxHistory(invokeLater, new Date());
      logger.info('sandbox history played', { workspaceId, ...played });
    },
    userDataDir: options.userDataDir,
    resourcesDir: options.resourcesDir ?? defaultResourcesDir(),
    workspaces,
    bus,
    logger,
    sync: {
      ...options.sync,
      sandbox: options.sync?.sandbox ?? (options.runtime === 'test' ? false : { history: true }),
    },
  });
  void runtime.start();

  const context: HandlerContext = {
    app: { version: options.version, runtime: options.runtime },
    cache: () => runtime.cache(),
    writer: () => runtime.writer(),
    stackone: (accountId) => runtime.stackone(accountId),
    outbox: () => runtime.outbox(),
    packages: () => runtime.packages(),
    gateway: () => runtime.gateway(),
    team: () => runtime.team(),
    sync: {
      status: () => runtime.status(),
      runNow: (full) => runtime.runNow(full),
      cacheHealth: () => runtime.cacheHealth(),
      rebuildCache: () => runtime.rebuildCache(),
      resetSandbox: (workspaceId) => runtime.resetSandbox(workspaceId),
    },
    embeddedEndpoint: (workspace) => runtime.embeddedEndpoint(workspace),
    workspaces,
    notifications: {
      enabled: notificationsEnabled,
      setEnabled: (enabled) => appSettings.set(NOTIFICATIONS_SETTING, enabled ? 'on' : 'off'),
    },
    bus,
    logger,
    now: options.now ?? (() => new Date()),
  };
  const handlers: Handlers = {
    ...appHandlers(context),
    ...workspaceHandlers(context),
    ...syncHandlers(context),
    ...ordersHandlers(context),
    ...recordsHandlers(context),
    ...turnaroundsHandlers(context),
    ...resultsHandlers(context),
    ...teamHandlers(context),
    ...notificationHandlers(context),
    ...packagesHandlers(context),
  };

  const invoke = createDispatcher(handlers, logger);
  invokeLater = async (name, input) => {
    const answer = await invoke(name, input);
    if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
    return answer.value as never;
  };
  let closed = false;
  return {
    invoke,
    subscribe: (listener) => bus.subscribe(listener),
    async close() {
      if (closed) return;
      closed = true;
      await runtime.close();
      notifier.close();
      appDb.close();
    },
  };
}
