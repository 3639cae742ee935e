import { readFileSync } from 'node:fs';

/**
 * Loads `resources/stackone/ats-openapi.json` once and rewrites its schemas into plain JSON Schema
 * 2020-12 that ajv can compile:
 *
 * - The spec says `openapi: 3.1.0` but still uses the OpenAPI 3.0 `nullable: true` keyword, often
 *   beside `allOf` or `oneOf` with no `type` (ajv rejects `nullable` without `type`). Each
 *   `nullable` becomes `type: [T, 'null']` (plus `null` in any `enum`) or, without a `type`,
 *   `anyOf: [<schema>, { type: 'null' }]`.
 * - `example` and `x-*` vendor keys are dropped so that ajv can run in strict mode.
 * - `$ref: '#/components/schemas/X'` becomes `stackone-ats#/$defs/X`, a document registered once
 *   in each ajv instance, so that any operation's schema can be compiled on its own, lazily.
 */

export const SPEC_SCHEMA_ID = 'stackone-ats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonSchema = { [key: string]: Json };

export interface SpecParameter {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  style?: string;
  explode?: boolean;
  schema?: JsonSchema;
}

export interface SpecOperation {
  operationId: string;
  parameters?: SpecParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

export interface LoadedSpec {
  /** Normalised `components.schemas`, registered under `SPEC_SCHEMA_ID` as `$defs`. */
  defsDocument: JsonSchema;
  /** Operations by `METHOD path` (spec path syntax, e.g. `GET /unified/ats/candidates/{id}`). */
  operations: Map<string, SpecOperation>;
}

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function normalizeSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(normalizeSchema);
  if (!isObject(node)) return node;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'nullable' || key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', `${SPEC_SCHEMA_ID}#/$defs/`);
      continue;
    }
    // `properties` maps names to schemas: its keys are field names, never keywords to drop.
    if (key === 'properties' && isObject(value)) {
      const props: Record<string, Json> = {};
      for (const [name, schema] of Object.entries(value)) props[name] = normalizeSchema(schema);
      out.properties = props;
      continue;
    }
    out[key] = normalizeSchema(value);
  }
  if (node.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  if (Array.isArray(out.type)) {
    if (!out.type.includes('null')) out.type = [...out.type, 'null'];
    return out;
  }
  const { description, deprecated, ...rest } = out;
  const wrapped: Record<string, Json> = { anyOf: [rest, { type: 'null' }] };
  if (description !== undefined) wrapped.description = description;
  if (deprecated !== undefined) wrapped.deprecated = deprecated;
  return wrapped;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const cached = new Map<string, LoadedSpec>();

export function specFileUrl(): URL {
  return new URL('../../resources/stackone/ats-openapi.json', import.meta.url);
}

/**
 * The spec, parsed and normalised once per process and file (≈ 50 ms for the 800 kB file).
 * `path` is for embedders whose bundled code cannot resolve the file relative to this module
 * (the desk's Electron build passes its resources folder).
 */
export function loadSpec(path?: string): LoadedSpec {
  const file = path ?? specFileUrl().href;
  const hit = cached.get(file);
  if (hit) return hit;
  const raw = JSON.parse(readFileSync(path ?? specFileUrl(), 'utf8')) as {
    paths: Record<string, Record<string, Json>>;
    components: { schemas: Record<string, Json> };
  };
  const defs: Record<string, Json> = {};
  for (const [name, schema] of Object.entries(raw.components.schemas)) {
    defs[name] = normalizeSchema(schema);
  }
  const operations = new Map<string, SpecOperation>();
  for (const [path, item] of Object.entries(raw.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      operations.set(
        `${method.toUpperCase()} ${path}`,
        normalizeSchema(op) as unknown as SpecOperation,
      );
    }
  }
  const loaded: LoadedSpec = { defsDocument: { $id: SPEC_SCHEMA_ID, $defs: defs }, operations };
  cached.set(file, loaded);
  return loaded;
}
