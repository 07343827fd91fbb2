import { describe, expect, it } from "vitest";
import { type EventObject, eventFacets, filterEvents, matchesEventFilter } from "./event";

const ev = (name: string, type: "Normal" | "Warning", kind: string, reason: string): EventObject => ({
  metadata: { name, namespace: "default" },
  type,
  reason,
  involvedObject: { kind, name: `${name}-obj` },
});

const events = [
  ev("a", "Warning", "Pod", "BackOff"),
  ev("b", "Warning", "Pod", "FailedScheduling"),
  ev("c", "Normal", "Pod", "Pulled"),
  ev("d", "Normal", "Deployment", "ScalingReplicaSet"),
  ev("e", "Warning", "Node", "NodeNotReady"),
];
const names = (es: EventObject[]) => es.map((e) => e.metadata.name);

describe("filterEvents", () => {
  it("keeps everything without a filter", () => {
    expect(filterEvents(events, {})).toBe(events);
    expect(filterEvents(events, { type: "", kind: "", reason: "" })).toBe(events);
  });

  it("narrows by type, kind and reason, all of them at once", () => {
    expect(names(filterEvents(events, { type: "Warning" }))).toEqual(["a", "b", "e"]);
    expect(names(filterEvents(events, { kind: "Pod" }))).toEqual(["a", "b", "c"]);
    expect(names(filterEvents(events, { reason: "Pulled" }))).toEqual(["c"]);
    expect(names(filterEvents(events, { type: "Warning", kind: "Pod" }))).toEqual(["a", "b"]);
    expect(names(filterEvents(events, { type: "Warning", kind: "Pod", reason: "BackOff" }))).toEqual(["a"]);
    expect(filterEvents(events, { type: "Normal", reason: "BackOff" })).toEqual([]);
  });

  it("does not match an event without the field filtered on", () => {
    const bare: EventObject = { metadata: { name: "x" } };
    expect(matchesEventFilter(bare, {})).toBe(true);
    expect(matchesEventFilter(bare, { kind: "Pod" })).toBe(false);
    expect(matchesEventFilter(bare, { type: "Warning" })).toBe(false);
  });
});

describe("eventFacets", () => {
  it("lists the values present, sorted, with counts", () => {
    const f = eventFacets(events, {});
    expect(f.type).toEqual([
      { value: "Normal", count: 2 },
      { value: "Warning", count: 3 },
    ]);
    expect(f.kind).toEqual([
      { value: "Deployment", count: 1 },
      { value: "Node", count: 1 },
      { value: "Pod", count: 3 },
    ]);
    expect(f.reason.map((r) => r.value)).toEqual(["BackOff", "FailedScheduling", "NodeNotReady", "Pulled", "ScalingReplicaSet"]);
  });

  it("counts each filter's choices among what the other filters let through", () => {
    const f = eventFacets(events, { type: "Warning", kind: "Pod" });
    expect(f.reason).toEqual([
      { value: "BackOff", count: 1 },
      { value: "FailedScheduling", count: 1 },
    ]);
    // The kind list ignores the chosen kind but follows the type.
    expect(f.kind).toEqual([
      { value: "Node", count: 1 },
      { value: "Pod", count: 2 },
    ]);
    expect(f.type).toEqual([
      { value: "Normal", count: 1 },
      { value: "Warning", count: 2 },
    ]);
  });

  it("keeps a chosen value that no event has (a link to a filtered view whose events are gone)", () => {
    expect(eventFacets(events, { reason: "Evicted" }).reason).toContainEqual({ value: "Evicted", count: 0 });
    expect(eventFacets([], { kind: "Pod" }).kind).toEqual([{ value: "Pod", count: 0 }]);
  });
});
