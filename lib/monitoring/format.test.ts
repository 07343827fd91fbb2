import { describe, expect, it } from "vitest";
import { EN_WORDS, type UnitWords, formatTicks, formatUsedOf, formatValue, tickIncrements } from "./format";

describe("formatValue", () => {
  it.each([
    [0, "0"],
    [0.25, "250m"],
    [0.0004, "0.4m"],
    [0.0125, "13m"],
    [0.999, "999m"],
    [1, "1 core"],
    [1.5, "1.5 cores"],
    [2.345, "2.35 cores"],
    [16, "16 cores"],
  ])("cores %s → %s", (v, want) => {
    expect(formatValue(v, "cores")).toBe(want);
  });

  it("puts the locale's word after whole cores", () => {
    const zh: UnitWords = { cores: (v) => `${v} 核` };
    expect(formatValue(1.5, "cores", zh)).toBe("1.5 核");
    expect(formatValue(0.5, "cores", zh)).toBe("500m");
  });

  it.each([
    [0, "0 B"],
    [512, "512 B"],
    [1536, "1.5 KiB"],
    [256 * 2 ** 20, "256 MiB"],
    [2 ** 30, "1 GiB"],
    [12.34 * 2 ** 30, "12.3 GiB"],
    [3 * 2 ** 40, "3 TiB"],
  ])("bytes %s → %s", (v, want) => {
    expect(formatValue(v, "bytes")).toBe(want);
  });

  it.each([
    [0, "0%"],
    [0.0004, "<0.1%"],
    [0.0123, "1.2%"],
    [0.4567, "45.7%"],
    [1, "100%"],
    [1.25, "125%"],
  ])("ratio %s → %s", (v, want) => {
    expect(formatValue(v, "ratio")).toBe(want);
  });

  it.each([
    [0, "0"],
    [42, "42"],
    [2.3333, "2.33"],
    [9999, "9999"],
    [12_345, "12.3k"],
    [2_500_000, "2.5M"],
  ])("count %s → %s", (v, want) => {
    expect(formatValue(v, "count")).toBe(want);
  });

  it.each([
    [0, "0"],
    [0.000123456, "0.0001235"],
    [0.00001234, "1.234e-5"],
    [42, "42"],
    [123456, "123456"],
    [1.5e9, "1.5e+9"],
  ])("number %s → %s", (v, want) => {
    expect(formatValue(v, "number")).toBe(want);
  });

  it("shows a gap as a dash", () => {
    for (const v of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) expect(formatValue(v, "bytes")).toBe("—");
  });

  it("uses English words by default", () => {
    expect(EN_WORDS.cores("2", 2)).toBe("2 cores");
  });
});

describe("formatUsedOf", () => {
  it("writes a shared unit once", () => {
    expect(formatUsedOf(1.3, 3, "cores")).toBe("1.3 / 3 cores");
    expect(formatUsedOf(0.5, 2, "cores")).toBe("500m / 2 cores");
    expect(formatUsedOf(1.5 * 2 ** 30, 6 * 2 ** 30, "bytes")).toBe("1.5 / 6 GiB");
    expect(formatUsedOf(512 * 2 ** 20, 2 ** 30, "bytes")).toBe("512 MiB / 1 GiB");
    expect(formatUsedOf(6, 610, "count")).toBe("6 / 610");
    expect(formatUsedOf(3, undefined, "count")).toBe("3 / —");
  });
});

describe("formatTicks", () => {
  it("keeps all byte ticks in one unit", () => {
    expect(formatTicks([0, 512 * 2 ** 20, 2 ** 30, 1.5 * 2 ** 30], "bytes")).toEqual(["0 GiB", "0.5 GiB", "1.0 GiB", "1.5 GiB"]);
    expect(formatTicks([0, 256 * 2 ** 20, 512 * 2 ** 20], "bytes")).toEqual(["0 MiB", "256 MiB", "512 MiB"]);
  });

  it("shows small CPU in millicores and larger in cores", () => {
    expect(formatTicks([0, 0.2, 0.4, 0.6], "cores")).toEqual(["0", "200m", "400m", "600m"]);
    expect(formatTicks([0, 0.5, 1, 1.5], "cores")).toEqual(["0", "0.5", "1.0", "1.5"]);
    expect(formatTicks([0, 2, 4], "cores")).toEqual(["0", "2", "4"]);
  });

  it("shows ratios as percentages with the decimals the spacing needs", () => {
    expect(formatTicks([0, 0.25, 0.5], "ratio")).toEqual(["0%", "25%", "50%"]);
    expect(formatTicks([0.01, 0.015, 0.02], "ratio")).toEqual(["1.0%", "1.5%", "2.0%"]);
  });

  it("shows counts as whole numbers", () => {
    expect(formatTicks([0, 5, 10], "count")).toEqual(["0", "5", "10"]);
    expect(formatTicks([0, 20_000, 40_000], "count")).toEqual(["0", "20k", "40k"]);
  });

  it("shows plain numbers with the decimals the spacing needs", () => {
    expect(formatTicks([0, 0.0005, 0.001], "number")).toEqual(["0", "0.0005", "0.0010"]);
    expect(formatTicks([0, 2e6, 4e6], "number")).toEqual(["0", "2M", "4M"]);
  });

  it("copes with an empty axis", () => {
    expect(formatTicks([], "count")).toEqual([]);
  });
});

describe("tickIncrements", () => {
  it("steps bytes by powers of two and counts by whole numbers", () => {
    expect(tickIncrements("bytes")).toContain(2 ** 30);
    expect(tickIncrements("bytes")).toContain(512 * 2 ** 20);
    expect(tickIncrements("count")?.every((n) => Number.isInteger(n))).toBe(true);
    expect(tickIncrements("ratio")).toBeUndefined();
  });
});
