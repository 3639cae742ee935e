import type { CredentialStore } from './credentials/credential-store';
import { openAppDatabase } from './app-db/app-database';
import type { Desk } from './desk';
import { EventBus } from './events/event-bus';
import { appHandlers } from './handlers/app-handlers';
import { workspaceHandlers } from './handlers/workspace-handlers';
import { createDispatcher, type Handlers } from './ipc/dispatcher';
import { createLogger, type Logger } from './logging/logger';
import { WorkspaceRepository } from './workspaces/workspace-repository';
import { WorkspaceService } from './workspaces/workspace-service';

export interface DeskOptions {
  /** Where the app database and workspace caches live (Electron's userData folder). */
  userDataDir: string;
  credentialStore: CredentialStore;
  runtime: 'electron' | 'preview' | 'test';
  version: string;
  logger?: Logger;
  now?: () => Date;
}

/**
 * The composition root of the Electron-free desk core: builds the services and returns the object
 * that implements the IPC contract. Electron and the browser preview both wrap this same object.
 */
export async function createDesk(options: DeskOptions): Promise<Desk> {
  const logger = options.logger ?? createLogger({ base: { runtime: options.runtime } });
  const appDb = openAppDatabase(options.userDataDir);
  const bus = new EventBus(logger);
  const workspaces = new WorkspaceService(new WorkspaceRepository(appDb), options.credentialStore, bus, logger, options.now);
  workspaces.ensureDefaults();

  const handlers: Handlers = {
    ...appHandlers({ version: options.version, runtime: options.runtime }),
    ...workspaceHandlers(workspaces, async () => null),
  };

  const invoke = createDispatcher(handlers, logger);
  let closed = false;
  return {
    invoke,
    subscribe: (listener) => bus.subscribe(listener),
    async close() {
      if (closed) return;
      closed = true;
      appDb.close();
    },
  };
}
