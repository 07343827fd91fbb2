import { describe, expect, it } from "vitest";
import { rowWindow } from "./windowing";

const base = { rowHeight: 40, viewportHeight: 400, overscan: 5 };

describe("rowWindow", () => {
  it("renders the first screen and the overscan at the top", () => {
    expect(rowWindow({ ...base, count: 10_000, scrollTop: 0 })).toEqual({ start: 0, end: 15, totalHeight: 400_000 });
  });

  it("follows the scroll position with overscan on both sides", () => {
    // Rows 250…259 are in view at 10,000 px.
    expect(rowWindow({ ...base, count: 10_000, scrollTop: 10_000 })).toEqual({ start: 245, end: 265, totalHeight: 400_000 });
    // Half a row scrolled: the partly visible rows count.
    expect(rowWindow({ ...base, count: 10_000, scrollTop: 10_020 })).toEqual({ start: 245, end: 266, totalHeight: 400_000 });
  });

  it("never goes past the ends", () => {
    expect(rowWindow({ ...base, count: 3, scrollTop: 0 })).toEqual({ start: 0, end: 3, totalHeight: 120 });
    // Scrolled further than the (now shorter) list: the last rows.
    expect(rowWindow({ ...base, count: 100, scrollTop: 99_999 })).toEqual({ start: 85, end: 100, totalHeight: 4_000 });
    expect(rowWindow({ ...base, count: 100, scrollTop: -50 })).toEqual({ start: 0, end: 15, totalHeight: 4_000 });
  });

  it("handles empty lists and unmeasured viewports", () => {
    expect(rowWindow({ ...base, count: 0, scrollTop: 0 })).toEqual({ start: 0, end: 0, totalHeight: 0 });
    // Not laid out yet (height 0): still one row plus overscan, never nothing.
    expect(rowWindow({ ...base, count: 50, scrollTop: 0, viewportHeight: 0 })).toEqual({ start: 0, end: 6, totalHeight: 2_000 });
  });
});
