import { DeskCallError, type DeskErrorCode } from '../../../src-shared/contract';

/**
 * Main writes messages for coordinators, so they are shown as they are. Only failures the renderer
 * cannot attribute (a thrown TypeError, say) get a generic sentence.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof DeskCallError) return error.message;
  return 'Something went wrong in the desk window. Try again; if it keeps happening, restart the desk.';
}

export function errorCode(error: unknown): DeskErrorCode | null {
  return error instanceof DeskCallError ? error.code : null;
}

export function toDeskCallError(command: string, error: unknown): DeskCallError {
  if (error instanceof DeskCallError) return error;
  return new DeskCallError(command, { code: 'internal', message: errorMessage(error) });
}
