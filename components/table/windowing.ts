// Which rows of a long table are in the DOM: the ones in the scrolled
// viewport plus a few either side. Rows have one fixed height, so this is
// arithmetic (no measuring); pure, tested on its own.

export interface WindowInput {
  count: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
  /** Rows rendered beyond each edge of the viewport, so fast scrolling shows no gap. */
  overscan: number;
}

export interface RowWindow {
  /** First row index in the DOM. */
  start: number;
  /** One past the last row index in the DOM. */
  end: number;
  /** Height of all rows together: what the scrollbar represents. */
  totalHeight: number;
}

export function rowWindow({ count, rowHeight, scrollTop, viewportHeight, overscan }: WindowInput): RowWindow {
  const totalHeight = Math.max(0, count) * rowHeight;
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, totalHeight };
  // A viewport scrolled past the end (the list just shrank) shows the last rows.
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, totalHeight - viewportHeight));
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight);
  return { start: Math.max(0, first - overscan), end: Math.min(count, Math.max(last, first + 1) + overscan), totalHeight };
}

