import { commands } from '../../../../src-shared/contract';

/**
 * Place for "Test connection" (per linked account results). It appears only once the contract has
 * `workspaces:test-connection`; until then there is no button that does nothing.
 */
export const canTestConnection = 'workspaces:test-connection' in commands;

export function TestConnection({ workspaceId: _workspaceId }: { workspaceId: string }) {
  if (!canTestConnection) return null;
  return null;
}
