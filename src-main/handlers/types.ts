import type { CommandName, CommandOutput, ParsedInput } from '../../src-shared/contract';

export type Handler<N extends CommandName> = (
  input: ParsedInput<N>,
) => Promise<CommandOutput<N>> | CommandOutput<N>;

/** A domain's handlers: exactly its own commands (the dispatcher's `Handlers` type checks the union covers all). */
export type HandlerSet<N extends CommandName> = { [K in N]: Handler<K> };
