import type { workspaceCommands } from '../../src-shared/contract/commands/workspaces';
import { testWorkspaceConnection } from '../workspaces/connection-test';
import type { HandlerContext } from './context';
import type { HandlerSet } from './types';

export function workspaceHandlers({
  workspaces,
  embeddedEndpoint,
}: HandlerContext): HandlerSet<keyof typeof workspaceCommands> {
  return {
    'workspaces:list': () => workspaces.list(),
    'workspaces:create': (input) => workspaces.create(input),
    'workspaces:update': (input) => workspaces.update(input),
    'workspaces:delete': async ({ id }) => ({ deleted: await workspaces.delete(id) }),
    'workspaces:activate': ({ id }) => workspaces.activate(id),
    'workspaces:test-connection': async ({ workspaceId }) => ({
      checks: await testWorkspaceConnection(
        workspaces.get(workspaceId),
        workspaces,
        embeddedEndpoint,
      ),
    }),
    'credentials:get-status': ({ workspaceId }) => workspaces.credentialStatus(workspaceId),
    'credentials:save': ({ workspaceId, kind, value }) =>
      workspaces.saveSecret(workspaceId, kind, value),
    'credentials:clear': ({ workspaceId, kind }) => workspaces.clearSecret(workspaceId, kind),
  };
}
