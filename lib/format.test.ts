import { describe, expect, it } from "vitest";
import { ageOrder, ageSeconds, formatAge } from "./format";

const now = Date.parse("2025-06-01T12:00:00Z");
const ago = (s: number) => new Date(now - s * 1000).toISOString();

describe("formatAge", () => {
  it.each([
    [45, "45s"],
    [18 * 60, "18m"],
    [3 * 3600, "3h"],
    [3 * 3600 + 20 * 60, "3h20m"],
    [5 * 86400 + 3 * 3600, "5d3h"],
    [400 * 86400, "400d"],
  ])("English keeps kubectl's compact age: %ss → %s", (s, want) => {
    expect(formatAge(ago(s), now)).toBe(want);
    expect(formatAge(ago(s), now, "en")).toBe(want);
  });

  it.each([
    [45, "45秒钟前"],
    [18 * 60, "18分钟前"],
    [3 * 3600 + 20 * 60, "3小时前"],
    [5 * 86400 + 3 * 3600, "5天前"],
    [400 * 86400, "400天前"],
  ])("Chinese says it the way Intl.RelativeTimeFormat does: %ss → %s", (s, want) => {
    expect(formatAge(ago(s), now, "zh-CN")).toBe(want);
  });

  it("is the same text for the same now, whatever the clock says (server and client agree)", () => {
    const ts = ago(90);
    expect(formatAge(ts, now, "zh-CN")).toBe(formatAge(ts, now, "zh-CN"));
    expect(formatAge(ts, now + 60_000, "zh-CN")).toBe("2分钟前");
  });

  it("shows a dash for missing or unreadable times and never a negative age", () => {
    expect(formatAge(undefined, now)).toBe("—");
    expect(formatAge("not a date", now, "zh-CN")).toBe("—");
    expect(formatAge(new Date(now + 5000).toISOString(), now)).toBe("0s");
    expect(formatAge(new Date(now + 5000).toISOString(), now, "zh-CN")).toBe("0秒钟前");
  });
});

describe("ageSeconds", () => {
  it("counts seconds since, -1 without a time", () => {
    expect(ageSeconds(ago(42), now)).toBe(42);
    expect(ageSeconds(undefined, now)).toBe(-1);
  });
});

describe("ageOrder", () => {
  it("orders as ages do, without the clock: the same order whenever it is asked", () => {
    // Objects, as rows are (sort never passes undefined elements to the comparator).
    const rows = ["2026-12-05T16:10:00.18Z", "2026-12-05T16:10:01Z", undefined].map((ts) => ({ ts }));
    const byAge = (n: number) => [...rows].sort((a, b) => ageSeconds(a.ts, n) - ageSeconds(b.ts, n)).map((r) => r.ts);
    const byOrder = [...rows].sort((a, b) => ageOrder(a.ts) - ageOrder(b.ts)).map((r) => r.ts);
    expect(byOrder).toEqual([undefined, "2026-12-05T16:10:01Z", "2026-12-05T16:10:00.18Z"]);
    // Ages floored to seconds tie at some moments and not at others (why a server and a browser sorted differently).
    const t = Date.parse("2026-12-05T18:51:00.05Z");
    expect(byAge(t)).not.toEqual(byAge(t + 400));
  });
});
