import { z } from 'zod';

/**
 * Every failure that crosses the IPC boundary has one of these codes. The renderer branches on the
 * code, and shows the message (already written for a coordinator, never a stack trace).
 */
export const deskErrorCodes = [
  'invalid_input',
  'unknown_command',
  'not_found',
  'conflict',
  'keychain_unavailable',
  'keychain_locked',
  'keychain_timeout',
  'keychain_error',
  'unauthorized',
  'unreachable',
  'internal',
] as const;
export type DeskErrorCode = (typeof deskErrorCodes)[number];

export const InputIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type InputIssue = z.infer<typeof InputIssueSchema>;

export const DeskErrorSchema = z.object({
  code: z.enum(deskErrorCodes),
  message: z.string(),
  issues: z.array(InputIssueSchema).optional(),
});
export type DeskError = z.infer<typeof DeskErrorSchema>;

/** What every command returns over IPC: errors are values, so no transport has to serialise exceptions. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: DeskError };

/** Thrown by use cases inside main; the dispatcher turns it into `{ ok: false, error }`. */
export class DeskFailure extends Error {
  readonly code: DeskErrorCode;
  readonly issues: InputIssue[] | undefined;
  constructor(code: DeskErrorCode, message: string, issues?: InputIssue[]) {
    super(message);
    this.name = 'DeskFailure';
    this.code = code;
    this.issues = issues;
  }
  toError(): DeskError {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}

/** Renderer-side: a failed envelope, thrown so that callers can use try/catch or a query's error state. */
export class DeskCallError extends Error {
  readonly code: DeskErrorCode;
  readonly issues: InputIssue[] | undefined;
  constructor(
    readonly command: string,
    error: DeskError,
  ) {
    super(error.message);
    this.name = 'DeskCallError';
    this.code = error.code;
    this.issues = error.issues;
  }
}
