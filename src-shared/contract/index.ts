import { z } from 'zod';
import type { CommandSpec } from './define';
import type { Envelope } from './errors';
import { appCommands } from './commands/app';
import { workspaceCommands } from './commands/workspaces';
import { orderCommands } from './commands/orders';
import { recordCommands } from './commands/records';
import { syncCommands } from './commands/sync';
import { turnaroundCommands } from './commands/turnarounds';
import { resultCommands } from './commands/results';
import { outboxCommands, OutboxStatusSchema } from './commands/outbox';
import { teamCommands, TeamIdentitySchema } from './commands/team';
import { DeskNotificationSchema, notificationCommands } from './commands/notifications';
import { packageCommands } from './commands/packages';
import { DataTableSchema, SyncStatusSchema } from './sync';

export * from './errors';
export * from './workspaces';
export * from './records';
export * from './queue';
export * from './sync';
export { PackageTurnaroundSchema, type PackageTurnaround } from './commands/turnarounds';
export * from './commands/results';
export * from './commands/outbox';
export * from './commands/team';
export * from './commands/notifications';
export * from './commands/packages';
export {
  ConnectionCheckSchema,
  connectionReasons,
  type ConnectionCheck,
} from './commands/workspaces';

/**
 * The one IPC contract. Main parses every input with these schemas before any use case runs; the
 * preload exposes exactly these names; the renderer's types are inferred from them. Commands are
 * use cases (`domain:verb`), never tables. Each domain keeps its commands in `commands/<domain>.ts`.
 */
export const commands = {
  ...appCommands,
  ...workspaceCommands,
  ...syncCommands,
  ...orderCommands,
  ...recordCommands,
  ...turnaroundCommands,
  ...resultCommands,
  ...outboxCommands,
  ...teamCommands,
  ...notificationCommands,
  ...packageCommands,
} satisfies Record<string, CommandSpec>;

/** Events main pushes to the renderer; names are past tense. */
export const events = {
  'workspaces:changed': z.object({ activeId: z.string() }),
  'credentials:changed': z.object({ workspaceId: z.string() }),
  'sync:status-changed': SyncStatusSchema,
  /** Which cached tables changed, so that open views refetch only what they show. */
  'data:changed': z.object({ workspaceId: z.string(), tables: z.array(DataTableSchema) }),
  /** Outbox jobs or the outbound log changed (for these orders); carries the new counts. */
  'outbox:changed': OutboxStatusSchema.extend({ orderIds: z.array(z.string()) }),
  /** The gateway answered who this desk is (or refused its token: signed out). */
  'team:identity-changed': TeamIdentitySchema,
  /** New orders arrived, or a result now needs attention: show a desktop notification. */
  'notification:raised': DeskNotificationSchema,
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
  invoke<N extends CommandName>(
    name: N,
    input: CommandInput<N>,
  ): Promise<Envelope<CommandOutput<N>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** IPC channel names: one per command, one for all events. */
export const IPC_COMMAND_PREFIX = 'desk:';
export const IPC_EVENT_CHANNEL = 'desk-event';
