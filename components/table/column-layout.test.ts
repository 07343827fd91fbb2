import { describe, expect, it } from "vitest";
import { columnLayout, columnTrack } from "./column-layout";

describe("columnTrack", () => {
  it("lets a fixed column shrink by a quarter, but not below 6rem", () => {
    expect(columnTrack("10rem")).toEqual({ track: "minmax(7.5rem,10rem)", minRem: 7.5 });
    expect(columnTrack("7rem")).toEqual({ track: "minmax(6rem,7rem)", minRem: 6 });
    expect(columnTrack("6rem")).toEqual({ track: "6rem", minRem: 6 });
    expect(columnTrack("3rem")).toEqual({ track: "3rem", minRem: 3 });
  });

  it("keeps flexible columns and reads their minimum", () => {
    expect(columnTrack("minmax(12rem,2fr)")).toEqual({ track: "minmax(12rem,2fr)", minRem: 12 });
    expect(columnTrack(" minmax( 9.5rem , 1.5fr ) ")).toEqual({ track: "minmax(9.5rem,1.5fr)", minRem: 9.5 });
    expect(columnTrack()).toEqual({ track: "minmax(8rem,1fr)", minRem: 8 });
  });

  it("uses other tracks as given", () => {
    expect(columnTrack("minmax(min-content,10rem)")).toEqual({ track: "minmax(min-content,10rem)", minRem: 10 });
    expect(columnTrack("auto")).toEqual({ track: "auto", minRem: 8 });
  });
});

describe("columnLayout", () => {
  const columns = [{ width: "minmax(10rem,2fr)" }, { width: "8rem", hideBelow: 70 }, { width: "6rem" }];

  it("shows every column before the box is measured", () => {
    expect(columnLayout(columns)).toEqual({ shown: [0, 1, 2], template: "minmax(10rem,2fr) minmax(6rem,8rem) 6rem", minWidthRem: 22 });
  });

  it("hides low-value columns in a narrow box, and counts only what shows", () => {
    expect(columnLayout(columns, 69 * 16)).toEqual({ shown: [0, 2], template: "minmax(10rem,2fr) 6rem", minWidthRem: 16 });
    expect(columnLayout(columns, 70 * 16).shown).toEqual([0, 1, 2]);
    expect(columnLayout(columns, 69 * 20, 20).shown).toEqual([0, 2]);
  });
});
