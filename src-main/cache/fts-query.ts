/**
 * Turns what a person typed into a safe FTS5 query: every whitespace-separated word becomes a
 * quoted string (so `"`, `*`, `OR`, `NEAR`, `col:` and parentheses are plain text, never syntax)
 * followed by `*` for prefix matching; the words are ANDed. Returns null when nothing searchable
 * is left, so callers can skip the search instead of sending an empty MATCH (a syntax error).
 */
export function toFtsQuery(input: string, maxTerms = 8): string | null {
  const terms = input
    .normalize('NFC')
    .split(/\s+/u)
    // A word with no letter or digit would tokenize to nothing and make the phrase match everything.
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
    .slice(0, maxTerms);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t.replaceAll('"', '""')}"*`).join(' ');
}

/**
 * The words of a query toFtsQuery made, as they were typed (its inverse): for answering the same
 * search another way (see TermIndex) from the query the queue passes around.
 */
export function ftsQueryWords(match: string): string[] {
  return [...match.matchAll(/"((?:[^"]|"")*)"\*/gu)].map((m) => m[1]!.replaceAll('""', '"'));
}
