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
};
