import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Validators for the StackOne spec's component schemas (resources/stackone/ats-openapi.json),
 * $refs resolved inside its components: `specValidator('AssessmentPackagePaginated')(body)` is
 * 'valid' or ajv's error text.
 */

const SPEC_ID = 'https://stackone.invalid/ats-openapi.json';
const spec = JSON.parse(
  readFileSync(new URL('../../resources/stackone/ats-openapi.json', import.meta.url), 'utf8'),
) as { components: { schemas: Record<string, unknown> } };

/**
 * The spec says `openapi: 3.1.0` but writes 3.0's `nullable: true`; JSON Schema 2020-12 spells that
 * as a `null` type. Rewritten here so ajv checks exactly what the spec means.
 */
function withNullTypes(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withNullTypes);
  if (typeof node !== 'object' || node === null) return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const out = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, withNullTypes(v)]));
  if (nullable !== true) return out;
  if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'] };
  return { anyOf: [out, { type: 'null' }] };
}

// strict: false because OpenAPI adds keywords (example, x-*, discriminator) that are not JSON Schema.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: SPEC_ID, components: withNullTypes(spec.components) });

export function specValidator(name: string): (body: unknown) => string {
  const validate = ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/${name}` });
  return (body) => (validate(body) ? 'valid' : ajv.errorsText(validate.errors));
}
