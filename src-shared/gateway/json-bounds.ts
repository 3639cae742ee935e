/**
 * How deep a webhook's JSON may nest. Real order events nest a handful of levels; JSON.parse copes
 * with any depth, but JSON.stringify, structured clone (postMessage) and most tree walkers recurse
 * and throw "Maximum call stack size exceeded" somewhere in the thousands. The gateway flags a body
 * deeper than this (`too_deep`, stored and served as text) and the desk refuses a payload value
 * deeper than this, so nothing downstream ever recurses without a bound.
 */
export const MAX_WEBHOOK_JSON_DEPTH = 100;

/**
 * The deepest bracket nesting of JSON text, counting `{` / `[` outside strings; no recursion, so any
 * input is safe. It does not validate: invalid JSON gets a depth too, and JSON.parse decides later.
 */
export function jsonTextDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return max;
}

/**
 * True when a parsed JSON value nests deeper than `limit` (objects and arrays count one level
 * each). Walks with an explicit stack and stops at the first path past the limit.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
