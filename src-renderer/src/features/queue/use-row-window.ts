import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface RowWindow {
  /** First and last row index to render (visible rows plus overscan), clipped to `count`. */
  first: number;
  last: number;
  /** Height of all rows: the scroll range. */
  totalHeight: number;
  /** Scroll just enough for row `index` to be fully visible below the sticky header. */
  scrollToIndex: (index: number) => void;
  /**
   * How many rows the viewport showed when last measured (on mount, scroll or resize). Callers
   * use this instead of reading the element's size, which would force a layout mid-update.
   */
  viewportRows: () => number;
}

export interface RowWindowOptions {
  count: number;
  rowHeight: number;
  /** A sticky header at the top of the scroll area covers this much of it. */
  headerHeight: number;
  overscan: number;
  initialScrollTop: number;
}

interface Viewport {
  top: number;
  height: number;
}

/** Rows (unclipped) that a viewport shows, plus overscan on each side. */
export function rowsInView(
  viewport: Viewport,
  rowHeight: number,
  headerHeight: number,
  overscan: number,
): [number, number] {
  const top = Math.max(0, viewport.top);
  const first = Math.floor(top / rowHeight) - overscan;
  const last =
    Math.ceil((top + Math.max(0, viewport.height - headerHeight)) / rowHeight) + overscan;
  return [Math.max(0, first), Math.max(0, last)];
}

/**
 * Which rows of a fixed-height list are on screen. Every row is `rowHeight` tall, so this is
 * arithmetic on the scroll position: nothing is measured or kept per row, and a list of 100k rows
 * costs what a list of 100 does (a general virtualizer keeps a measurement for every row and
 * rebuilds them whenever the row count changes). It re-renders only when the rendered range moves,
 * not on every scrolled pixel.
 */
export function useRowWindow(
  scrollRef: RefObject<HTMLElement | null>,
  options: RowWindowOptions,
): RowWindow {
  const { count, rowHeight, headerHeight, overscan } = options;
  const [range, setRange] = useState<[number, number]>(() =>
    rowsInView({ top: options.initialScrollTop, height: 0 }, rowHeight, headerHeight, overscan),
  );

  const viewportHeight = useRef<number | null>(null);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const update = () => {
      viewportHeight.current = el.clientHeight;
      const next = rowsInView(
        { top: el.scrollTop, height: el.clientHeight },
        rowHeight,
        headerHeight,
        overscan,
      );
      setRange((current) => (current[0] === next[0] && current[1] === next[1] ? current : next));
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    resize?.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      resize?.disconnect();
    };
  }, [scrollRef, rowHeight, headerHeight, overscan]);

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const rowTop = headerHeight + index * rowHeight;
      if (rowTop - headerHeight < el.scrollTop) el.scrollTop = rowTop - headerHeight;
      else if (rowTop + rowHeight > el.scrollTop + el.clientHeight)
        el.scrollTop = rowTop + rowHeight - el.clientHeight;
    },
    [scrollRef, rowHeight, headerHeight],
  );

  const viewportRows = useCallback(
    () =>
      viewportHeight.current === null
        ? 0
        : Math.ceil(Math.max(0, viewportHeight.current - headerHeight) / rowHeight),
    [rowHeight, headerHeight],
  );

  const last = Math.min(count - 1, range[1]);
  return {
    first: Math.min(range[0], Math.max(0, last)),
    last: Math.max(0, last),
    totalHeight: count * rowHeight,
    scrollToIndex,
    viewportRows,
  };
}
