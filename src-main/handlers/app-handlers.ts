import type { appCommands } from '../../src-shared/contract/commands/app';
import type { HandlerSet } from './types';

export function appHandlers(info: {
  version: string;
  runtime: 'electron' | 'preview' | 'test';
}): HandlerSet<keyof typeof appCommands> {
  return {
    'app:get-info': () => ({
      version: info.version,
      runtime: info.runtime,
      platform: process.platform,
    }),
  };
}
