import { DeskFailure, packageCommands } from '../../src-shared/contract';
import type { HandlerContext } from './context';
import type { Handler, HandlerSet } from './types';

type PackageCommand = keyof typeof packageCommands;

/** Packages and mappings use cases (issue 16). */
export function packagesHandlers(_ctx: HandlerContext): HandlerSet<PackageCommand> {
  const notYet: Handler<PackageCommand> = () => {
    throw new DeskFailure('internal', 'This command is not available yet.');
  };
  return Object.fromEntries(
    Object.keys(packageCommands).map((name) => [name, notYet]),
  ) as HandlerSet<PackageCommand>;
}
