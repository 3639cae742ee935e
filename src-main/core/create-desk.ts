import type { CredentialStore } from './credentials/credential-store';
import { openAppDatabase } from './app-db/app-database';
import type { Desk } from './desk';
import { EventBus } from './events/event-bus';
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
    'app:get-info': () => ({ version: options.version, runtime: options.runtime, platform: process.platform }),
    'workspaces:list': () => workspaces.list(),
    'workspaces:create': (input) => workspaces.create(input),
    'workspaces:update': (input) => workspaces.update(input),
    'workspaces:delete': async ({ id }) => ({ deleted: await workspaces.delete(id) }),
    'workspaces:activate': ({ id }) => workspaces.activate(id),
    'credentials:get-status': ({ workspaceId }) => workspaces.credentialStatus(workspaceId),
    'credentials:save': ({ workspaceId, kind, value }) => workspaces.saveSecret(workspaceId, kind, value),
    'credentials:clear': ({ workspaceId, kind }) => workspaces.clearSecret(workspaceId, kind),
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
