// How a table's columns share the width of its box: which columns show, the
// CSS grid tracks they get, and the width below which the table scrolls
// sideways instead. Pure, tested on its own.

export interface ColumnSize {
  /** CSS grid track, e.g. "minmax(12rem,2fr)" or "6rem". */
  width?: string;
  /** Hidden when the table's box is narrower than this many rem (a column of low value). */
  hideBelow?: number;
}

export interface ColumnLayout {
  /** Indexes of the columns shown, in order. */
  shown: number[];
  /** gridTemplateColumns for the shown columns. */
  template: string;
  /** Below this width (rem) the columns cannot shrink further and the table scrolls. */
  minWidthRem: number;
}

const DEFAULT_TRACK = "minmax(8rem,1fr)";
// A fixed column gives up at most this share of its width before the table scrolls.
const SHRINK = 0.75;
// Columns this narrow (rem) or narrower hold an age or a button: they keep their width.
const SMALL = 6;
const FIXED = /^\s*([\d.]+)rem\s*$/;
const FLEX = /^\s*minmax\(\s*([\d.]+)rem\s*,\s*([\d.]+fr)\s*\)\s*$/;

/** One column's grid track and its smallest width in rem. */
export function columnTrack(width: string = DEFAULT_TRACK): { track: string; minRem: number } {
  const fixed = FIXED.exec(width);
  if (fixed) {
    const rem = Number(fixed[1]);
    const min = Math.round(Math.max(Math.min(rem, SMALL), rem * SHRINK) * 100) / 100;
    // Grows to its width first; flexible columns share what is left over.
    return { track: min === rem ? `${rem}rem` : `minmax(${min}rem,${rem}rem)`, minRem: min };
  }
  const flex = FLEX.exec(width);
  if (flex) return { track: `minmax(${flex[1]}rem,${flex[2]})`, minRem: Number(flex[1]) };
  // A track we do not understand is used as given; guess its minimum.
  return { track: width, minRem: Number(/([\d.]+)rem/.exec(width)?.[1] ?? 8) };
}

/**
 * The layout of `columns` in a box `boxPx` pixels wide (undefined before it is
 * measured, e.g. on the server: every column shows).
 */
export function columnLayout(columns: ColumnSize[], boxPx?: number, remPx = 16): ColumnLayout {
  const boxRem = boxPx === undefined ? Infinity : boxPx / remPx;
  const shown = columns.flatMap((c, i) => (c.hideBelow !== undefined && boxRem < c.hideBelow ? [] : [i]));
  const tracks = shown.map((i) => columnTrack(columns[i].width));
  return {
    shown,
    template: tracks.map((t) => t.track).join(" "),
    minWidthRem: Math.round(tracks.reduce((sum, t) => sum + t.minRem, 0) * 100) / 100,
  };
}
