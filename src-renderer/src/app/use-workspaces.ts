import { useDeskQuery } from '../lib/use-desk-query';

/** The workspace list and the active id, kept current by `workspaces:changed`. */
export function useWorkspaces() {
  return useDeskQuery('workspaces:list', {}, { refreshOn: ['workspaces:changed'] });
}

/** The active workspace's id, or null while the list loads. */
export function useActiveWorkspaceId(): string | null {
  return useWorkspaces().data?.activeId ?? null;
}
