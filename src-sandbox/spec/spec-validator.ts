import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { loadSpec, type JsonSchema, type LoadedSpec, type SpecOperation } from './load-spec';
import { parseQuery, type ParsedQuery } from './query';

/**
 * Request and response validation against the StackOne spec. Validators are compiled lazily, per
 * operation, on first use: compiling the whole spec up front would cost seconds at start-up.
 *
 * Two ajv instances: parameters arrive as strings, so the parameter instance coerces scalar types
 * (`raw=true` → boolean); bodies and responses are JSON and are checked without coercion.
 */

export interface RequestParts {
  path: Record<string, string>;
  /** The raw query string (without `?`), parsed here because deepObject params need it. */
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export type RequestCheck =
  | { ok: true; query: ParsedQuery; body: unknown }
  | { ok: false; message: string; fields: string[] };

function newAjv(coerce: boolean) {
  const ajv = new Ajv2020({
    strict: true,
    strictTypes: false, // the spec mixes `type` with `oneOf`/`allOf` in ways strictTypes rejects
    allErrors: true,
    coerceTypes: coerce,
    validateFormats: true,
  });
  addFormats(ajv);
  // OpenAPI annotation keywords that JSON Schema does not define.
  ajv.addKeyword({ keyword: 'discriminator' });
  ajv.addKeyword({ keyword: 'xml' });
  return ajv;
}

interface CompiledOperation {
  params: ValidateFunction;
  body: ValidateFunction | null;
  bodyRequired: boolean;
  deepObjectParams: Set<string>;
  queryParams: string[];
}

export class SpecValidator {
  private loaded: { spec: LoadedSpec; paramAjv: Ajv2020; jsonAjv: Ajv2020 } | null = null;
  private readonly compiled = new Map<string, CompiledOperation>();
  private readonly responseValidators = new Map<string, ValidateFunction>();

  /** Nothing is loaded until the first validation, so that constructing this is free. */
  constructor(private readonly specSource: () => LoadedSpec = () => loadSpec()) {}

  private get ready() {
    if (!this.loaded) {
      const spec = this.specSource();
      const paramAjv = newAjv(true);
      const jsonAjv = newAjv(false);
      // The spec's schemas are not meta-validated here (that alone costs ~300 ms); the
      // conformance tests compile them in strict mode instead.
      paramAjv.addSchema(spec.defsDocument, undefined, undefined, false);
      jsonAjv.addSchema(spec.defsDocument, undefined, undefined, false);
      this.loaded = { spec, paramAjv, jsonAjv };
    }
    return this.loaded;
  }

  operation(method: string, specPath: string): SpecOperation {
    const op = this.ready.spec.operations.get(`${method.toUpperCase()} ${specPath}`);
    if (!op) throw new Error(`No operation ${method} ${specPath} in the StackOne spec`);
    return op;
  }

  private compile(method: string, specPath: string): CompiledOperation {
    const key = `${method.toUpperCase()} ${specPath}`;
    const hit = this.compiled.get(key);
    if (hit) return hit;
    const op = this.operation(method, specPath);
    const groups: Record<
      'path' | 'query' | 'header',
      { properties: Record<string, JsonSchema>; required: string[] }
    > = {
      path: { properties: {}, required: [] },
      query: { properties: {}, required: [] },
      header: { properties: {}, required: [] },
    };
    const deepObjectParams = new Set<string>();
    const queryParams: string[] = [];
    for (const p of op.parameters ?? []) {
      if (p.in === 'cookie') continue;
      const name = p.in === 'header' ? p.name.toLowerCase() : p.name;
      groups[p.in].properties[name] = p.schema ?? {};
      if (p.required) groups[p.in].required.push(name);
      if (p.in === 'query') {
        queryParams.push(p.name);
        // The two packages list endpoints omit `style: deepObject` on `filter`/`proxy`; an object
        // cannot be sent any other way in a query string, so object params are always deepObject.
        const type = p.schema?.type;
        const isObject = type === 'object' || (Array.isArray(type) && type.includes('object'));
        if (p.style === 'deepObject' || isObject) deepObjectParams.add(p.name);
      }
    }
    const schema = {
      type: 'object',
      properties: Object.fromEntries(
        Object.entries(groups).map(([k, g]) => [
          k,
          { type: 'object', properties: g.properties, required: g.required },
        ]),
      ),
    };
    const bodySchema = op.requestBody?.content?.['application/json']?.schema;
    const compiledOp: CompiledOperation = {
      params: this.ready.paramAjv.compile(schema),
      body: bodySchema ? this.ready.jsonAjv.compile(bodySchema) : null,
      bodyRequired: op.requestBody?.required === true,
      deepObjectParams,
      queryParams,
    };
    this.compiled.set(key, compiledOp);
    return compiledOp;
  }

  validateRequest(method: string, specPath: string, parts: RequestParts): RequestCheck {
    const op = this.compile(method, specPath);
    const query = parseQuery(parts.rawQuery, op.queryParams, op.deepObjectParams);
    const header: Record<string, string> = {};
    for (const [k, v] of Object.entries(parts.headers)) {
      if (typeof v === 'string') header[k.toLowerCase()] = v;
      else if (Array.isArray(v) && v[0] !== undefined) header[k.toLowerCase()] = v[0];
    }
    const params = { path: { ...parts.path }, query, header };
    const errors: string[] = [];
    const fields: string[] = [];
    if (!op.params(params)) collect(op.params.errors, 'params', errors, fields);
    let body = parts.body;
    if (op.body) {
      if (body === undefined || body === null || body === '') {
        if (op.bodyRequired) {
          errors.push('request body is required');
          fields.push('body');
        } else body = {};
      }
      if (body !== undefined && !op.body(body)) collect(op.body.errors, 'body', errors, fields);
    }
    if (errors.length > 0)
      return { ok: false, message: `Invalid request: ${errors.join('; ')}`, fields };
    return { ok: true, query: params.query, body };
  }

  /** Errors of `body` against the operation's response schema for `status` (empty when valid). */
  validateResponse(method: string, specPath: string, status: number, body: unknown): string[] {
    const key = `${method.toUpperCase()} ${specPath} ${status}`;
    let validate = this.responseValidators.get(key);
    if (!validate) {
      const op = this.operation(method, specPath);
      const schema = op.responses[String(status)]?.content?.['application/json']?.schema;
      if (!schema)
        return [`the spec declares no JSON response ${status} for ${method} ${specPath}`];
      validate = this.ready.jsonAjv.compile(schema);
      this.responseValidators.set(key, validate);
    }
    if (validate(body)) return [];
    const errors: string[] = [];
    collect(validate.errors, 'response', errors, []);
    return errors;
  }
}

/** Turns ajv errors into messages that name the field as a client wrote it. */
function collect(
  errs: ErrorObject[] | null | undefined,
  where: 'params' | 'body' | 'response',
  out: string[],
  fields: string[],
): void {
  for (const e of errs ?? []) {
    // Composite keywords repeat what their branches already said.
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') continue;
    // The `{ type: 'null' }` branch that normalised `nullable` adds fails for every non-null value.
    if (e.keyword === 'type' && (e.params as { type?: unknown }).type === 'null') continue;
    const segments = e.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (e.keyword === 'required')
      segments.push(String((e.params as { missingProperty: string }).missingProperty));
    const field = fieldName(where, segments);
    if (fields.includes(field) && e.keyword === 'type') continue;
    fields.push(field);
    out.push(`${field} ${e.keyword === 'required' ? 'is required' : (e.message ?? 'is invalid')}`);
  }
}

function fieldName(where: 'params' | 'body' | 'response', segments: string[]): string {
  if (where !== 'params') return [where, ...segments].join('.');
  const [group, name, ...rest] = segments;
  if (!name) return `${group ?? ''} parameters`;
  if (group === 'header') return `header ${name}`;
  if (group === 'path') return `path parameter ${name}`;
  return `query parameter ${name}${rest.map((r) => `[${r}]`).join('')}`;
}
