import { describe, expect, it } from "vitest";
import { answeredVersions, measuredSplit } from "./try-view";

const b = (pod: string, version: string | null, count: number) => ({ pod, namespace: "shop", version, image: null, count, percent: 0 });

describe("try it view", () => {
  it("groups pods by version, most requests first", () => {
    const backends = [b("blue-1", "v1", 20), b("green-1", "v2", 30), b("blue-2", "v1", 25), b("odd", null, 5)];
    expect(measuredSplit(backends)).toEqual([
      { label: "v1", count: 45, pods: 2 },
      { label: "v2", count: 30, pods: 1 },
      { label: "odd", count: 5, pods: 1 },
    ]);
    expect(answeredVersions(backends)).toEqual(["odd", "v1", "v2"]);
    expect(answeredVersions([])).toEqual([]);
  });
});
