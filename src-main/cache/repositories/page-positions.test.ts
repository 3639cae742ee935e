import { describe, expect, it } from 'vitest';
import { PagePositions } from './page-positions';

/** A shape of 1,000 rows whose seqs are 1000 + position; records what each read walked. */
function shape() {
  const reads: { after: number | null; skip: number; count: number }[] = [];
  const read = (after: number | null, skip: number, count: number) => {
    reads.push({ after, skip, count });
    const start = (after === null ? 0 : after - 1000 + 1) + skip;
    return Array.from(
      { length: Math.max(0, Math.min(count, 1000 - start)) },
      (_, i) => 1000 + start + i,
    );
  };
  return { reads, read };
}

const rows = (offset: number, limit: number) =>
  Array.from({ length: Math.max(0, Math.min(limit, 1000 - offset)) }, (_, i) => 1000 + offset + i);

describe('page positions', () => {
  it('answers every jump with the rows at its offset, whatever came before', () => {
    const positions = new PagePositions();
    const { read } = shape();
    for (const offset of [500, 20, 730, 500, 499, 501, 1, 990, 260]) {
      expect(positions.page('k', offset, 25, read), String(offset)).toEqual(rows(offset, 25));
    }
  });

  it('walks only from the nearest anchor: the same jump again reads one page', () => {
    const positions = new PagePositions();
    const { reads, read } = shape();
    positions.page('k', 500, 25, read);
    expect(reads.at(-1)).toEqual({ after: null, skip: 499, count: 26 });
    positions.page('k', 500, 25, read);
    expect(reads.at(-1)).toEqual({ after: 1499, skip: 0, count: 25 });
    // The next page continues after the first page's last row; a deeper jump skips the gap.
    positions.page('k', 525, 25, read);
    expect(reads.at(-1)).toEqual({ after: 1524, skip: 0, count: 25 });
    positions.page('k', 600, 25, read);
    expect(reads.at(-1)).toEqual({ after: 1549, skip: 49, count: 26 });
    // Another shape (another data version, sort or filter) starts from nothing.
    positions.page('other', 500, 25, read);
    expect(reads.at(-1)).toEqual({ after: null, skip: 499, count: 26 });
  });
});
