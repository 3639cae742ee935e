import {
  DEFAULT_STACKONE_BASE_URL,
  type ConnectionCheck,
  type Workspace,
} from '../../src-shared/contract';
import { secretFor } from '../credentials/credential-store';
import { testConnection } from '../stackone';
import type { WorkspaceService } from './workspace-service';

/** Where a workspace's StackOne lives: a StackOne workspace's settings, or the embedded sandbox. */
export interface StackOneEndpoint {
  baseUrl: string;
  apiKey: string;
  accountIds: string[];
}

/**
 * Resolves the endpoint of a workspace whose services are not in its settings (the Sandbox
 * workspace's embedded simulator); null while they are not running.
 */
export type EmbeddedEndpointResolver = (workspace: Workspace) => Promise<StackOneEndpoint | null>;

/** The use case behind "Test connection": one cheap real call per linked account. */
export async function testWorkspaceConnection(
  workspace: Workspace,
  workspaces: WorkspaceService,
  embedded: EmbeddedEndpointResolver,
): Promise<ConnectionCheck[]> {
  let endpoint: StackOneEndpoint | null;
  if (workspace.kind === 'sandbox') {
    endpoint = await embedded(workspace);
    if (!endpoint) {
      return [
        {
          accountId: null,
          ok: false,
          reason: 'unreachable',
          message:
            'The embedded sandbox is not running yet. Activate the Sandbox workspace and try again.',
        },
      ];
    }
  } else {
    const apiKey = await workspaces.readSecret(workspace.id, 'stackone_api_key');
    if (!apiKey) {
      return [
        {
          accountId: null,
          ok: false,
          reason: 'no_api_key',
          message: 'No StackOne API key is stored for this workspace. Enter one and save.',
        },
      ];
    }
    const baseUrl = workspace.stackoneBaseUrl ?? DEFAULT_STACKONE_BASE_URL;
    endpoint = {
      baseUrl,
      apiKey: secretFor(apiKey, baseUrl),
      accountIds: workspace.linkedAccounts.map((a) => a.id),
    };
  }
  if (endpoint.accountIds.length === 0) {
    return [
      {
        accountId: null,
        ok: false,
        reason: 'no_accounts',
        message: 'Add at least one linked account id to test.',
      },
    ];
  }
  return testConnection({
    baseUrl: endpoint.baseUrl,
    apiKey: endpoint.apiKey,
    accountIds: endpoint.accountIds,
  });
}
