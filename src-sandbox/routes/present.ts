import type { SandboxContext } from '../context';
import type { AccountData } from '../data/store';
import type { ResourceName } from '../data/types';
import { malform } from '../malformed';

/**
 * Turns a stored record into what the API serves: off-by-default fields dropped unless asked for
 * (`include=custom_fields`), the sparse fieldset (`fields=`), then the malformation if the fault
 * settings pick this record. Stored records are never changed: copies are made only when needed.
 */

function list(value: unknown): Set<string> {
  if (typeof value !== 'string' || value.trim() === '') return new Set();
  return new Set(
    value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

export function present(
  ctx: SandboxContext,
  resource: ResourceName,
  record: object,
  query: Record<string, unknown>,
): unknown {
  let out = record as Record<string, unknown>;
  if ('custom_fields' in out && !list(query.include).has('custom_fields')) {
    const { custom_fields: _omitted, ...rest } = out;
    out = rest;
  }
  const fields = list(query.fields);
  if (fields.size > 0) {
    const picked: Record<string, unknown> = {};
    for (const f of fields) if (f in out) picked[f] = out[f];
    out = picked;
  }
  const id = (record as { id?: unknown }).id;
  if (typeof id === 'string' && ctx.faults.isMalformed(id))
    return malform(resource, id, out, ctx.seed);
  return out;
}

/** `raw=true` adds the provider request(s) behind the answer, in the spec's RawResponse shape. */
export function rawFor(
  acc: AccountData,
  path: string,
  query: Record<string, unknown>,
): { raw?: unknown[] } {
  if (query.raw !== true) return {};
  return {
    raw: [
      {
        method: 'GET',
        url: `https://api.${acc.account.provider}.example${path}`,
        body: null,
        response: { sandbox: true },
      },
    ],
  };
}
