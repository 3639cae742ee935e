import { z } from 'zod';
import { command, input } from '../define';
import {
  CredentialStatusSchema,
  LinkedAccountSchema,
  SecretKindSchema,
  WorkspaceDraftSchema,
  WorkspaceSchema,
} from '../workspaces';

const workspaceId = z.string().trim().min(1).max(100);

export const connectionReasons = [
  'ok',
  'bad_key',
  'forbidden',
  'unknown_account',
  'suspended',
  'unreachable',
  'rate_limited',
  'timeout',
  'server_error',
  'unexpected',
  'no_api_key',
  'no_accounts',
] as const;

export const ConnectionCheckSchema = z.object({
  accountId: z.string().nullable(),
  ok: z.boolean(),
  reason: z.enum(connectionReasons),
  /** Plain words for the settings screen. */
  message: z.string(),
});
export type ConnectionCheck = z.infer<typeof ConnectionCheckSchema>;

export const workspaceCommands = {
  'workspaces:list': command({
    summary: 'All workspaces and the active one.',
    input: input({}),
    output: z.object({ activeId: z.string(), workspaces: z.array(WorkspaceSchema) }),
  }),
  'workspaces:create': command({
    summary: 'Create a StackOne workspace (the Sandbox workspace always exists).',
    input: WorkspaceDraftSchema,
    output: WorkspaceSchema,
  }),
  'workspaces:update': command({
    summary: 'Rename a workspace or change its URLs and linked accounts.',
    input: input({
      id: workspaceId,
      name: z.string().trim().min(1, 'Give the workspace a name').max(100).optional(),
      stackoneBaseUrl: WorkspaceDraftSchema.shape.stackoneBaseUrl.unwrap().optional(),
      gatewayUrl: WorkspaceDraftSchema.shape.gatewayUrl.unwrap().optional(),
      linkedAccounts: z.array(LinkedAccountSchema).max(500).optional(),
    }),
    output: WorkspaceSchema,
  }),
  'workspaces:delete': command({
    summary: 'Delete a StackOne workspace and its stored credentials.',
    input: input({ id: workspaceId }),
    output: z.object({ deleted: z.boolean() }),
  }),
  'workspaces:activate': command({
    summary: 'Switch the active workspace.',
    input: input({ id: workspaceId }),
    output: z.object({ activeId: z.string() }),
  }),
  'workspaces:test-connection': command({
    summary:
      'One cheap real StackOne call per linked account, with the precise reason when it fails.',
    input: input({ workspaceId }),
    output: z.object({ checks: z.array(ConnectionCheckSchema) }),
  }),
  'credentials:get-status': command({
    summary:
      'Whether an API key and a gateway token are stored in the OS keychain (never the values).',
    input: input({ workspaceId }),
    output: CredentialStatusSchema,
  }),
  'credentials:save': command({
    summary: 'Store a secret in the OS keychain, replacing any previous one.',
    input: input({
      workspaceId,
      kind: SecretKindSchema,
      value: z.string().trim().min(1, 'The secret cannot be empty').max(4096),
    }),
    output: CredentialStatusSchema,
  }),
  'credentials:clear': command({
    summary: 'Remove one secret, or both when no kind is given, from the OS keychain.',
    input: input({ workspaceId, kind: SecretKindSchema.optional() }),
    output: CredentialStatusSchema,
  }),
};
