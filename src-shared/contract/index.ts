import { z } from 'zod';
import { command, input, type CommandSpec } from './define';
import {
  CredentialStatusSchema,
  LinkedAccountSchema,
  SecretKindSchema,
  WorkspaceDraftSchema,
  WorkspaceSchema,
} from './workspaces';
import type { Envelope } from './errors';

export * from './errors';
export * from './workspaces';

const workspaceId = z.string().trim().min(1).max(100);

/**
 * The one IPC contract. Main parses every input with these schemas before any use case runs; the
 * preload exposes exactly these names; the renderer's types are inferred from them. Commands are
 * use cases (`domain:verb`), never tables.
 */
export const commands = {
  'app:get-info': command({
    summary: 'Version and runtime of the desk, for the About line and diagnostics.',
    input: input({}),
    output: z.object({
      version: z.string(),
      runtime: z.enum(['electron', 'preview', 'test']),
      platform: z.string(),
    }),
  }),
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
  'credentials:get-status': command({
    summary: 'Whether an API key and a gateway token are stored in the OS keychain (never the values).',
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
} satisfies Record<string, CommandSpec>;

/** Events main pushes to the renderer; names are past tense. */
export const events = {
  'workspaces:changed': z.object({ activeId: z.string() }),
  'credentials:changed': z.object({ workspaceId: z.string() }),
} satisfies Record<string, z.ZodType>;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<Commands[N]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const commandNames = Object.keys(commands) as CommandName[];
export const eventNames = Object.keys(events) as EventName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/**
 * The bridge the renderer sees as `window.desk`, identical over Electron IPC and over the browser
 * preview's loopback HTTP.
 */
export interface DeskBridge {
  invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Envelope<CommandOutput<N>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** IPC channel names: one per command, one for all events. */
export const IPC_COMMAND_PREFIX = 'desk:';
export const IPC_EVENT_CHANNEL = 'desk-event';
