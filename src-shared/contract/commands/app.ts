import { z } from 'zod';
import { command, input } from '../define';

export const appCommands = {
  'app:get-info': command({
    summary: 'Version and runtime of the desk, for the About line and diagnostics.',
    input: input({}),
    output: z.object({
      version: z.string(),
      runtime: z.enum(['electron', 'preview', 'test']),
      platform: z.string(),
    }),
  }),
};
