import { Skeleton } from './Skeleton';

/** Rows of grey bars in a real table, so columns do not jump when the data lands. */
export function TableSkeletonRows({ rows = 8, columns }: { rows?: number; columns: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <tr key={r} aria-hidden="true">
          {Array.from({ length: columns }, (_, c) => (
            <td key={c}>
              <Skeleton width={`${40 + ((r * 7 + c * 11) % 45)}%`} />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}
