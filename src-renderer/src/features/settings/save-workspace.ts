import type { DeskCallError, SecretKind, Workspace } from '../../../../src-shared/contract';
import { call } from '../../lib/desk';
import { toDeskCallError } from '../../lib/errors';
import type { ParsedWorkspaceForm } from './workspace-form';

export interface SaveOutcome {
  workspace: Workspace;
  stored: SecretKind[];
  /** A secret the keychain refused; the workspace itself was saved. */
  secretErrors: Partial<Record<SecretKind, DeskCallError>>;
}

/**
 * Create or update the workspace, then hand each typed secret to the keychain. The workspace is
 * saved first so that a keychain failure loses nothing: the caller keeps the secret in its field
 * and the next save is an update, not a duplicate.
 */
export async function saveWorkspace(
  existingId: string | null,
  { draft, secrets }: ParsedWorkspaceForm,
): Promise<SaveOutcome> {
  const workspace = existingId
    ? await call('workspaces:update', { id: existingId, ...draft })
    : await call('workspaces:create', draft);
  const outcome: SaveOutcome = { workspace, stored: [], secretErrors: {} };
  for (const [kind, value] of Object.entries(secrets) as [SecretKind, string][]) {
    try {
      await call('credentials:save', { workspaceId: workspace.id, kind, value });
      outcome.stored.push(kind);
    } catch (e) {
      outcome.secretErrors[kind] = toDeskCallError('credentials:save', e);
    }
  }
  return outcome;
}

export const secretLabels: Record<SecretKind, string> = {
  stackone_api_key: 'API key',
  gateway_token: 'Gateway token',
};
