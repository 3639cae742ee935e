import { DeskFailure } from '../../src-shared/contract';
import type { outboxCommands } from '../../src-shared/contract/commands/outbox';
import type { resultCommands } from '../../src-shared/contract/commands/results';
import type { HandlerContext } from './context';
import type { HandlerSet } from './types';

type ResultCommand = keyof typeof resultCommands | keyof typeof outboxCommands;

const notYet = () => {
  throw new DeskFailure('unreachable', 'Sending results is not available in this build yet.');
};

/** Result entry and the outbox (issue 15). The contract landed first; the use cases follow. */
export function resultsHandlers(_ctx: HandlerContext): HandlerSet<ResultCommand> {
  return {
    'results:get': notYet,
    'results:save-draft': notYet,
    'results:discard-draft': notYet,
    'results:preview': notYet,
    'results:send': notYet,
    'results:quick-status': notYet,
    'results:import-preview': notYet,
    'results:import-commit': notYet,
    'results:export-sent': notYet,
    'results:log': notYet,
    'outbox:list': notYet,
    'outbox:resend': notYet,
    'outbox:discard': notYet,
    'outbox:get-settings': notYet,
    'outbox:set-settings': notYet,
  };
}
