import { describe, expect, it } from "vitest";
import type { ClusterView } from "@/lib/validations/cluster";
import { ClusterFrames } from "./cluster-frames";
import { type ClusterEvent, type ClusterList, applyClusterEvent } from "./queries";

const view = (name: string, status: ClusterView["health"]["status"] = "Ready"): ClusterView => ({
  name,
  displayName: name,
  server: `https://${name}.example:6443`,
  labels: {},
  prometheusAuth: "none",
  insecureSkipTLSVerify: false,
  isHost: false,
  health: { status },
});

describe("ClusterFrames", () => {
  it("sends the whole list first, then only what changed, and nothing when nothing did", () => {
    const f = new ClusterFrames();
    const a = view("a");
    const b = view("b");
    expect(JSON.parse(f.next([a, b])!)).toEqual({ items: [a, b] });
    expect(f.next([a, b])).toBeUndefined();
    const down = view("b", "Unreachable");
    expect(JSON.parse(f.next([a, down])!)).toEqual({ changed: [down], removed: [] });
    expect(JSON.parse(f.next([down])!)).toEqual({ changed: [], removed: ["a"] });
  });

  it("sends the whole list again when a cluster appears or the order changes", () => {
    const f = new ClusterFrames();
    const [a, b, c] = [view("a"), view("b"), view("c")];
    f.next([a, b]);
    expect(JSON.parse(f.next([a, b, c])!)).toEqual({ items: [a, b, c] });
    expect(JSON.parse(f.next([b, a, c])!)).toEqual({ items: [b, a, c] });
  });

  it("starts with an empty list as a full frame", () => {
    expect(JSON.parse(new ClusterFrames().next([])!)).toEqual({ items: [] });
  });
});

describe("applyClusterEvent", () => {
  it("follows a connection's frames to the list the server has", () => {
    const f = new ClusterFrames();
    let list: ClusterList | undefined;
    const states = [[view("a"), view("b")], [view("a", "Unknown"), view("b")], [view("a", "Unknown"), view("b"), view("c")], [view("b"), view("c", "Unauthorized")], [view("c", "Unauthorized")]];
    for (const s of states) {
      const frame = f.next(s);
      if (frame) list = applyClusterEvent(list, JSON.parse(frame) as ClusterEvent);
      expect(list).toEqual({ items: s });
    }
  });

  it("has no list to change before the first full one", () => {
    expect(applyClusterEvent(undefined, { changed: [view("a")], removed: [] })).toBeUndefined();
  });
});
