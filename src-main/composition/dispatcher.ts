import {
  commands,
  deskErrorCodes,
  isCommandName,
  type CommandName,
  type CommandOutput,
  type DeskError,
  type DeskErrorCode,
  type Envelope,
  type ParsedInput,
} from '../../src-shared/contract';
import type { Logger } from '../infra/logging/logger';

/** One use case per contract command; the type forces every command to have exactly one handler. */
export type Handlers = {
  [N in CommandName]: (input: ParsedInput<N>) => Promise<CommandOutput<N>> | CommandOutput<N>;
};

/**
 * Errors that use cases raise on purpose carry a contract error code (DeskFailure, KeychainError,
 * …); anything else is a bug, logged in full here and shown to the renderer only as "internal".
 */
function expectedFailure(err: unknown): DeskError | null {
  if (!err || typeof err !== 'object') return null;
  const { code, message, issues } = err as { code?: unknown; message?: unknown; issues?: unknown };
  if (typeof code !== 'string' || typeof message !== 'string') return null;
  if (!(deskErrorCodes as readonly string[]).includes(code) || code === 'internal') return null;
  const error: DeskError = { code: code as DeskErrorCode, message };
  if (Array.isArray(issues)) error.issues = issues as DeskError['issues'];
  return error;
}

export function createDispatcher(handlers: Handlers, logger: Logger) {
  return async function invoke(command: string, rawInput: unknown): Promise<Envelope<unknown>> {
    if (!isCommandName(command)) {
      return {
        ok: false,
        error: {
          code: 'unknown_command',
          message: `"${String(command).slice(0, 80)}" is not a desk command.`,
        },
      };
    }
    const spec = commands[command];
    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `Invalid input for ${command}.`,
          issues: parsed.error.issues.map((i) => ({
            path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
            message: i.message,
          })),
        },
      };
    }
    try {
      const handler = handlers[command] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        logger.error('command output does not match the contract', {
          command,
          issues: checked.error.issues.slice(0, 5),
        });
        return {
          ok: false,
          error: {
            code: 'internal',
            message: 'The desk produced an unexpected answer. This is a bug; please report it.',
          },
        };
      }
      return { ok: true, value: checked.data };
    } catch (err) {
      const expected = expectedFailure(err);
      if (expected) return { ok: false, error: expected };
      logger.error('command failed', { command, err });
      return {
        ok: false,
        error: {
          code: 'internal',
          message: 'Something went wrong inside the desk. This is a bug; please report it.',
        },
      };
    }
  };
}
