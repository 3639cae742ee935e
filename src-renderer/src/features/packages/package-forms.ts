import { z } from 'zod';
import {
  BgPackageValuesSchema,
  CatalogValuesSchema,
  commands,
  type BgPackage,
  type BgPackageValues,
  type CatalogEntry,
  type CatalogValues,
} from '../../../../src-shared/contract';
import { parseHours } from './HoursField';

/**
 * The package forms hold plain strings, as inputs give them. Validation is the contract's own
 * schema, applied after mapping empty inputs to null, so a form never accepts what main would
 * refuse and its error paths are the contract's field paths.
 */

const emptyToNull = (s: string) => (s.trim() === '' ? null : s);

/** Copy a contract schema's issues onto the form's fields. */
function report(ctx: z.RefinementCtx, error: z.ZodError, input: unknown) {
  for (const issue of error.issues) {
    ctx.addIssue({
      code: 'custom',
      message: issue.message,
      path: issue.path as (string | number)[],
      input,
    });
  }
}

// Assessment catalog -----------------------------------------------------------------------------

const CatalogFieldsSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  description: z.string(),
  turnaround: z.string(),
});
export type CatalogFormValues = z.infer<typeof CatalogFieldsSchema>;
export interface ParsedCatalogForm {
  id: string;
  values: CatalogValues;
}

const catalogId = commands['catalog:save'].input.shape.id;

export const CatalogFormSchema = CatalogFieldsSchema.transform((v, ctx): ParsedCatalogForm => {
  let failed = false;
  const id = catalogId.safeParse(v.id);
  if (!id.success) {
    failed = true;
    ctx.addIssue({
      code: 'custom',
      message:
        v.id.trim() === ''
          ? 'Give the package an id (StackOne sends it back in orders)'
          : (id.error.issues[0]?.message ?? 'Not a valid id'),
      path: ['id'],
      input: v,
    });
  }
  const hours = parseHours(v.turnaround);
  if ('problem' in hours) {
    failed = true;
    ctx.addIssue({ code: 'custom', message: hours.problem, path: ['turnaround'], input: v });
  }
  const values = CatalogValuesSchema.safeParse({
    name: v.name,
    type: emptyToNull(v.type),
    description: emptyToNull(v.description),
    turnaroundHours: 'hours' in hours ? hours.hours : null,
  });
  if (!values.success) {
    failed = true;
    report(ctx, values.error, v);
  }
  if (failed || !id.success || !values.success) return z.NEVER;
  return { id: id.data, values: values.data };
});

export function catalogToForm(entry: CatalogEntry | null): CatalogFormValues {
  return {
    id: entry?.id ?? '',
    name: entry?.name ?? '',
    type: entry?.type ?? '',
    description: entry?.description ?? '',
    turnaround: entry?.turnaroundHours === null || !entry ? '' : String(entry.turnaroundHours),
  };
}

// Background-check packages ----------------------------------------------------------------------

const BgFieldsSchema = z.object({
  name: z.string(),
  description: z.string(),
  tests: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })),
});
export type BgFormValues = z.infer<typeof BgFieldsSchema>;

export const BgFormSchema = BgFieldsSchema.transform((v, ctx): BgPackageValues => {
  const values = BgPackageValuesSchema.safeParse({
    name: v.name,
    description: emptyToNull(v.description),
    tests: v.tests.map((t) => ({
      // An existing test keeps its ATS id so that an edit changes it instead of adding another.
      ...(t.id ? { id: t.id } : {}),
      name: t.name,
      description: emptyToNull(t.description),
    })),
  });
  if (!values.success) {
    report(ctx, values.error, v);
    return z.NEVER;
  }
  return values.data;
});

export function bgToForm(pkg: BgPackage | null): BgFormValues {
  return {
    name: pkg?.name ?? '',
    description: pkg?.description ?? '',
    tests: (pkg?.tests ?? []).map((t) => ({
      id: t.id ?? '',
      name: t.name ?? '',
      description: t.description ?? '',
    })),
  };
}
