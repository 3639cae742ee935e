import type { SqliteDatabase } from '../../infra/db/open-database';
import { addPositions, newBitset, positionsOf, ScratchBuffers, type Bitset } from './bitset';
import type { SeqPositions } from './projection-data';

/**
 * The order search index's own term list, read for one data version (see readTermIndex): every
 * term `orders_fts` holds, in the index's order, and each of its instances (which order, where).
 * Held in a few typed arrays and one string rather than 200k strings and arrays at 100k orders:
 * ~10 MB, and nothing for the garbage collector to trace.
 */
export interface TermIndexData {
  /** Every term, joined: term i is `text.slice(termStart[i], termStart[i + 1])`. */
  text: string;
  /** termCount + 1 entries. */
  termStart: Int32Array;
  /** Term i's instances are `instanceStart[i]` up to `instanceStart[i + 1]`: termCount + 1 entries. */
  instanceStart: Int32Array;
  /** Instance → the position (see ProjectionData) of the order it is in. */
  instancePosition: Int32Array;
  /** Instance → its column × 2^24 + its token offset in that column (see AT_COLUMN). */
  instanceAt: Int32Array;
}

/**
 * An instance's place: column × AT_COLUMN + token offset. A phrase's next token is at `at + 1`:
 * same column, next offset. Offsets stay below AT_COLUMN - 1 (readTermIndex refuses longer
 * columns), so `at + 1` never reaches the next column; 127 columns fit an Int32.
 */
const AT_COLUMN = 2 ** 24;

/** An fts5vocab table over orders_fts's instances, in the connection's TEMP schema. */
const VOCABULARY = 'temp.orders_fts_instances';

/**
 * Makes the vocabulary table readTermIndex reads. A connection that is `query_only` cannot
 * create it, so the projection worker calls this first; with the table in place the statement is
 * a no-op that query_only allows. Creating a TEMP virtual table changes no data (nor the queue's
 * data version).
 */
export function attachTermVocabulary(db: SqliteDatabase): void {
  db.exec(
    `CREATE VIRTUAL TABLE IF NOT EXISTS ${VOCABULARY} USING fts5vocab(main, orders_fts, instance)`,
  );
}

/**
 * Reads orders_fts's terms and their instances (measured ~0.7 s for 1.1M instances at 100k
 * orders). Call inside the build's read transaction, so the terms are of the same snapshot as
 * `positions`; an instance in a row that is not an order is left out. The vocabulary applies
 * the index's deletions (contentless_delete tombstones) as a MATCH does.
 */
export function readTermIndex(db: SqliteDatabase, positions: SeqPositions): TermIndexData {
  const terms: string[] = [];
  let termStart = new Int32Array(1024);
  let instanceStart = new Int32Array(1024);
  let instancePosition = new Int32Array(1024);
  let instanceAt = new Int32Array(1024);
  const columns = new Map<string, number>();
  let textLength = 0;
  let n = 0;
  let last: string | null = null;
  for (const row of db
    .prepare(`SELECT term, doc, col, offset FROM ${VOCABULARY}`)
    .raw()
    .iterate() as IterableIterator<[string, number, string, number]>) {
    const [term, doc, col, offset] = row;
    if (term !== last) {
      if (terms.length + 1 >= termStart.length) {
        termStart = grow(termStart);
        instanceStart = grow(instanceStart);
      }
      termStart[terms.length] = textLength;
      instanceStart[terms.length] = n;
      terms.push(term);
      textLength += term.length;
      last = term;
    }
    const position = positions.of(doc);
    if (position < 0) continue;
    let column = columns.get(col);
    if (column === undefined) {
      column = columns.size;
      if (column >= 127) throw new Error('the order search index has more than 127 columns');
      columns.set(col, column);
    }
    if (offset >= AT_COLUMN - 1) {
      throw new Error(`an order's ${col} has more than ${AT_COLUMN - 2} search tokens`);
    }
    if (n === instancePosition.length) {
      instancePosition = grow(instancePosition);
      instanceAt = grow(instanceAt);
    }
    instancePosition[n] = position;
    instanceAt[n] = column * AT_COLUMN + offset;
    n++;
  }
  termStart[terms.length] = textLength;
  instanceStart[terms.length] = n;
  return {
    text: terms.join(''),
    termStart: termStart.slice(0, terms.length + 1),
    instanceStart: instanceStart.slice(0, terms.length + 1),
    instancePosition: instancePosition.slice(0, n),
    instanceAt: instanceAt.slice(0, n),
  };
}

function grow(array: Int32Array): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

/** The buffers of `data` a worker hands over. */
export function termIndexBuffers(data: TermIndexData): ArrayBuffer[] {
  const arrays = [data.termStart, data.instanceStart, data.instancePosition, data.instanceAt];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

/**
 * Answers a search from the term list instead of FTS5, for searches whose every word is plain
 * ASCII. Why: a search word is the FTS5 prefix query `"word"*`, and while it matches most orders
 * (the first characters of an order reference, each order's own single term) FTS5 merges the
 * doclist of every matching term: 6-18 ms for 23k-100k hits. Here a word is a binary search for
 * its terms, whose instances are one contiguous run, marked into a bitset: well under 1 ms.
 *
 * Exact for ASCII words, because then what FTS5's tokenizer (unicode61, remove_diacritics 2)
 * makes of the word is known: its runs of ASCII letters and digits, lowercased. One run is a
 * prefix query on that token; several are a phrase (each token next to the one before, in one
 * column) whose last token is a prefix. The terms are the tokenizer's own output as stored, so
 * folding of the indexed text (case, diacritics) is already in them. A word with any other
 * character could tokenize differently, so the whole search is left to FTS5 (null).
 */
export class TermIndex {
  /** Order position → a current phrase match in it (scratch for phraseBits(); -1 when none). */
  private heads: Int32Array | null = null;
  /**
   * phraseBits()'s other buffers: a phrase whose first token is in every order would otherwise
   * leave ~1.2 MB of arrays per keystroke. [0] chains the matches, [1]-[4] hold two generations
   * of them.
   */
  private readonly scratch = new ScratchBuffers();

  constructor(
    private readonly data: TermIndexData,
    /** How many orders the projection holds (positions are below it). */
    private readonly size: number,
  ) {}

  /**
   * The positions, ascending, of the orders that match every word (as toFtsQuery's query of those
   * words would), or null when a word is not plain ASCII.
   */
  match(words: readonly string[]): Int32Array | null {
    const tokenized = tokenizeWords(words);
    if (tokenized === null) return null;
    let bits: Bitset | null = null;
    for (const tokens of tokenized) {
      const word = tokens.length === 1 ? this.prefixBits(tokens[0]!) : this.phraseBits(tokens);
      if (bits === null) bits = word;
      else for (let i = 0; i < bits.length; i++) bits[i]! &= word[i]!;
    }
    return positionsOf(bits!);
  }

  /** The orders with a term that starts with `token`. */
  private prefixBits(token: string): Bitset {
    const bits = newBitset(this.size);
    const [first, end] = this.terms(token, true);
    const { instanceStart, instancePosition } = this.data;
    addPositions(bits, instancePosition, instanceStart[first]!, instanceStart[end]!);
    return bits;
  }

  /**
   * The orders where `tokens` follow each other in one column, the last as a prefix. Matches are
   * carried token by token as (position, at) of the phrase's end so far; each next token's
   * instances are checked against them through a per-order chain, so a step costs the matches so
   * far plus that token's instances.
   */
  private phraseBits(tokens: readonly string[]): Bitset {
    const { instanceStart, instancePosition, instanceAt } = this.data;
    const [t0, t1] = this.terms(tokens[0]!, false);
    let matchPosition = instancePosition.subarray(instanceStart[t0]!, instanceStart[t1]!);
    let matchAt = instanceAt.subarray(instanceStart[t0]!, instanceStart[t1]!);
    const heads = (this.heads ??= new Int32Array(this.size).fill(-1));
    for (let k = 1; k < tokens.length && matchPosition.length > 0; k++) {
      const [first, end] = this.terms(tokens[k]!, k === tokens.length - 1);
      const from = instanceStart[first]!;
      const to = instanceStart[end]!;
      const next = this.scratch.get(0, matchPosition.length);
      for (let m = 0; m < matchPosition.length; m++) {
        const p = matchPosition[m]!;
        next[m] = heads[p]!;
        heads[p] = m;
      }
      // This step's matches go to the generation the previous step did not write.
      const generation = k % 2 === 1 ? 1 : 3;
      const capacity = Math.min(to - from, matchPosition.length);
      const nextPosition = this.scratch.get(generation, capacity);
      const nextAt = this.scratch.get(generation + 1, capacity);
      let n = 0;
      for (let i = from; i < to && n < capacity; i++) {
        const at = instanceAt[i]!;
        for (let m = heads[instancePosition[i]!]!; m !== -1; m = next[m]!) {
          if (matchAt[m]! + 1 !== at) continue;
          nextPosition[n] = instancePosition[i]!;
          nextAt[n] = at;
          n++;
          break;
        }
      }
      for (let m = 0; m < matchPosition.length; m++) heads[matchPosition[m]!] = -1;
      matchPosition = nextPosition.subarray(0, n);
      matchAt = nextAt.subarray(0, n);
    }
    const bits = newBitset(this.size);
    addPositions(bits, matchPosition, 0, matchPosition.length);
    return bits;
  }

  /**
   * The terms (first, end) that start with `token` (`prefix`) or equal it. The terms are in the
   * index's order (UTF-8 bytes); comparing an ASCII token with them by UTF-16 code units gives
   * the same answer, so a binary search holds.
   */
  private terms(token: string, prefix: boolean): [number, number] {
    const count = this.data.termStart.length - 1;
    const first = this.search(token, count, false);
    if (prefix) return [first, this.search(token, count, true)];
    const equal =
      first < count && this.compare(first, token) === 0 && this.length(first) === token.length;
    return [first, equal ? first + 1 : first];
  }

  /** The first term that compares > `token` (`after`) or >= it, by compare(). */
  private search(token: string, count: number, after: boolean): number {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compare(mid, token);
      if (c < 0 || (after && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Term i against `token`: 0 when the term starts with it, else the order of the two (a term
   * that is a shorter start of the token is before it).
   */
  private compare(i: number, token: string): number {
    const { text, termStart } = this.data;
    const start = termStart[i]!;
    const length = termStart[i + 1]! - start;
    for (let j = 0; j < token.length; j++) {
      if (j === length) return -1;
      const d = text.charCodeAt(start + j) - token.charCodeAt(j);
      if (d !== 0) return d;
    }
    return 0;
  }

  private length(i: number): number {
    return this.data.termStart[i + 1]! - this.data.termStart[i]!;
  }
}

/**
 * What FTS5's tokenizer makes of each word, for words of plain ASCII: its runs of letters and
 * digits, lowercased. Null when any word is not plain ASCII or has no such run (toFtsQuery keeps
 * only words with a letter or digit, so that is not one of its words), or there are none: then
 * TermIndex does not answer.
 */
export function tokenizeWords(words: readonly string[]): string[][] | null {
  const tokenized: string[][] = [];
  for (const word of words) {
    if (!isAscii(word)) return null;
    const tokens = word.toLowerCase().match(/[a-z0-9]+/gu);
    if (tokens === null) return null;
    tokenized.push(tokens);
  }
  return tokenized.length === 0 ? null : tokenized;
}

function isAscii(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 0x7f) return false;
  return true;
}
