import type { Migration } from '../../../src-shared/db/migrate';

/**
 * Rebuilds `orders_fts` with a prefix index for one-letter prefixes too (`prefix = '1 2 3'`), and
 * refills it from the orders it indexes (contentless: the text lives in orders).
 *
 * A search of two or more words is the AND of each word's prefix query, and the last word is
 * often one letter while it is being typed ("anna s"). Without a one-letter prefix index FTS5
 * answers `"s"*` by merging the doclist of every term that starts with s, several times slower than
 * reading the one-letter prefix index. One Han, Hangul or kana character is a search of its own
 * (see searchToRun) and gains the same. Cost: one more index entry per token, a few percent more
 * time inserting the search rows.
 *
 * Same columns, tokenizer and options otherwise as 0001, whose trigger on orders (deleting a
 * search row with its order) refers to the table by name and keeps working.
 */
const sql = `
DROP TABLE orders_fts;
CREATE VIRTUAL TABLE orders_fts USING fts5 (
  id, candidate_name, candidate_email, job_title, package_name,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);
INSERT INTO orders_fts (rowid, id, candidate_name, candidate_email, job_title, package_name)
  SELECT seq, id, candidate_name, candidate_email, job_title, package_name FROM orders;
`;

export const migration: Migration = { version: 5, name: 'search-one-letter-prefixes', sql };
