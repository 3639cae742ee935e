import { z } from 'zod';

/**
 * A command's input is always a strict object: unknown keys are refused, so a caller that sends the
 * wrong shape learns it at once instead of having fields silently dropped.
 */
export function input<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape);
}

export interface CommandSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** One sentence for people reading the contract and for generated docs. */
  summary: string;
}

export function command<I extends z.ZodType, O extends z.ZodType>(
  spec: CommandSpec<I, O>,
): CommandSpec<I, O> {
  return spec;
}
