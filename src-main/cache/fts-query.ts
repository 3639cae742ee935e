import { searchWords } from '../../src-shared/contract/queue-filter';

/**
 * FTS5 query texts built from what a person typed. Every word becomes a quoted string, so `"`,
 * `*`, AND/OR/NOT/NEAR, `col:` and parentheses are plain text, never syntax; control characters
 * (a NUL ends an FTS5 string early) separate words (see searchWords). The words are ANDed.
 */

function quoted(word: string): string {
  return `"${word.replaceAll('"', '""')}"`;
}

/** Every word as a prefix, for a unicode61 index; null when nothing searchable is left. */
export function toFtsQuery(input: string): string | null {
  const { words } = searchWords(input);
  return words.length === 0 ? null : words.map((w) => `${quoted(w)}*`).join(' ');
}

/**
 * The queue's search as the two order search indexes take it (see migration 0006): each index
 * with its FTS5 query, words of three characters or more anywhere in a field (`orders_trigram`,
 * first: its hits are the fewer), shorter ones at the start of a word (`orders_fts`, prefix). Null
 * when nothing searchable is left: such a search matches nothing.
 */
export type OrderSearchMatch = [index: 'orders_trigram' | 'orders_fts', query: string][];

export function toOrderSearchMatch(input: string): OrderSearchMatch | null {
  const { infix, prefix } = searchWords(input);
  const match: OrderSearchMatch = [];
  if (infix.length > 0) match.push(['orders_trigram', infix.map(quoted).join(' ')]);
  if (prefix.length > 0) match.push(['orders_fts', prefix.map((w) => `${quoted(w)}*`).join(' ')]);
  return match.length === 0 ? null : match;
}
