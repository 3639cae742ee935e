import type { appCommands } from '../../src-shared/contract/commands/app';
import type { HandlerContext } from './context';
import type { HandlerSet } from './types';

export function appHandlers({ app }: HandlerContext): HandlerSet<keyof typeof appCommands> {
  return {
    'app:get-info': () => ({
      version: app.version,
      runtime: app.runtime,
      platform: process.platform,
    }),
  };
}
