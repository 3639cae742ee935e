import { z } from 'zod';
import { command, input } from '../define';
import { SyncStatusSchema } from '../sync';

export const syncCommands = {
  'sync:get-status': command({
    summary: "The active workspace's sync state per source and account.",
    input: input({}),
    output: SyncStatusSchema,
  }),
  'sync:run-now': command({
    summary:
      'Start a sync now (single-flight: joins a running one); `full` ignores high-water marks.',
    input: input({ full: z.boolean().default(false) }),
    output: z.object({ accepted: z.boolean() }),
  }),
  'sync:get-cache-health': command({
    summary:
      "Whether the active workspace's local cache is damaged (checked after an unclean exit), and why.",
    input: input({}),
    output: z.object({
      workspaceId: z.string(),
      damaged: z.boolean(),
      /** Plain words, when the cache could not be opened. */
      problem: z.string().nullable(),
    }),
  }),
  'sync:reset-sandbox': command({
    summary:
      'Throw a Sandbox workspace away (its simulated ATSs, inbox and cache, with drafts and results entered in it) and start a new one; the Sandbox is otherwise kept across switches and restarts.',
    input: input({ workspaceId: z.string().min(1) }),
    output: z.object({ workspaceId: z.string() }),
  }),
  'sync:rebuild-cache': command({
    summary:
      'Rebuild a damaged cache from the server: the file is moved aside, its coordinator input exported as JSON beside it, and a new cache fully synced.',
    input: input({}),
    output: z.object({ movedTo: z.string(), exportedTo: z.string() }),
  }),
};
