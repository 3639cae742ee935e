/** A grey bar standing in for text that is loading; sized so the real content does not jump. */
export function Skeleton({ width = '60%' }: { width?: string }) {
  return <span className="skeleton" style={{ width }} aria-hidden="true" />;
}
