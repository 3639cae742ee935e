const number = new Intl.NumberFormat();

/** "101–200 of 5,000" with previous/next, for lists paged in SQL. */
export function Pager({
  offset,
  limit,
  total,
  onOffset,
  noun,
}: {
  offset: number;
  limit: number;
  total: number;
  onOffset: (offset: number) => void;
  noun: string;
}) {
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(total, offset + limit);
  return (
    <nav className="pager" aria-label={`${noun} pages`}>
      <span className="muted">
        {number.format(from)}–{number.format(to)} of {number.format(total)} {noun}
      </span>
      <button
        type="button"
        className="btn btn-small"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - limit))}
      >
        Previous
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={offset + limit >= total}
        onClick={() => onOffset(offset + limit)}
      >
        Next
      </button>
    </nav>
  );
}
