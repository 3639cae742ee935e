/**
 * Query strings as the spec describes them: plain params (`page_size=50`) and OpenAPI deepObject
 * params (`filter[updated_after]=…`, `proxy[foo]=bar`). Unknown params are ignored, as a lenient
 * API gateway would; repeated params keep the last value.
 */

export type ParsedQuery = Record<string, string | Record<string, string>>;

export function parseQuery(
  rawQuery: string,
  known: readonly string[],
  deepObject: ReadonlySet<string>,
): ParsedQuery {
  const out: ParsedQuery = {};
  const params = new URLSearchParams(rawQuery);
  for (const [key, value] of params) {
    const bracket = key.indexOf('[');
    if (bracket > 0 && key.endsWith(']')) {
      const name = key.slice(0, bracket);
      if (!deepObject.has(name)) continue;
      const prop = key.slice(bracket + 1, -1);
      const existing = out[name];
      const obj = typeof existing === 'object' ? existing : {};
      obj[prop] = value;
      out[name] = obj;
      continue;
    }
    if (!known.includes(key)) continue;
    // `filter=x` for a deepObject param is a type error that validation reports by name.
    out[key] = value;
  }
  return out;
}
