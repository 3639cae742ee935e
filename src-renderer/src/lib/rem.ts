/**
 * The root font size in CSS pixels: 16 unless the user chose a larger (or smaller) default font.
 * Layout sizes are in rem so that they follow it; code that must know a size in pixels (row
 * heights for the virtualized grid, column widths for react-table) converts with `rem`.
 */
function rootFontPx(): number {
  if (typeof document === 'undefined') return 16;
  const size = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(size) && size > 0 ? size : 16;
}

const ROOT_PX = rootFontPx();

/** `n` rem in CSS pixels, rounded to whole pixels (rows are positioned at multiples of it). */
export function rem(n: number): number {
  return Math.round(n * ROOT_PX);
}
