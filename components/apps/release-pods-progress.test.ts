import { describe, expect, it } from "vitest";
import { podsReady } from "./release-pods-progress";

describe("podsReady", () => {
  it("counts pods whose Ready condition is True", () => {
    const pod = (name: string, ready?: "True" | "False") => ({ metadata: { name }, status: ready ? { conditions: [{ type: "Ready", status: ready }] } : {} });
    expect(podsReady({ items: [pod("a", "True"), pod("b", "False"), pod("c")] })).toEqual({ ready: 1, total: 3 });
    expect(podsReady({ items: [] })).toEqual({ ready: 0, total: 0 });
  });
});
