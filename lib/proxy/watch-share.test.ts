import { describe, expect, it } from "vitest";
import { LineSplitter, ReplayBuffer, shareableWatch } from "./watch-share";

describe("shareableWatch", () => {
  const path = "/api/v1/namespaces/a/configmaps";

  it("keys by cluster, path and stream parameters, not by revision or timeout", () => {
    const a = shareableWatch("m1", path, "watch=1&resourceVersion=100&labelSelector=app%3Dx&timeoutSeconds=300", undefined)!;
    const b = shareableWatch("m1", path, "labelSelector=app%3Dx&resourceVersion=120&watch=true", "application/json")!;
    expect(a.key).toBe(b.key);
    expect(a.after).toBe(100);
    expect(b.after).toBe(120);
    expect(a.timeoutSeconds).toBe(300);
    expect(b.timeoutSeconds).toBeUndefined();
    expect(a.upstreamPath).toBe(`${path}?labelSelector=app%3Dx&watch=1`);
  });

  it("keeps streams apart when anything else differs", () => {
    const base = shareableWatch("m1", path, "watch=1&resourceVersion=5", undefined)!.key;
    expect(shareableWatch("m2", path, "watch=1&resourceVersion=5", undefined)!.key).not.toBe(base);
    expect(shareableWatch("m1", "/api/v1/namespaces/b/configmaps", "watch=1&resourceVersion=5", undefined)!.key).not.toBe(base);
    expect(shareableWatch("m1", path, "watch=1&resourceVersion=5&allowWatchBookmarks=true", undefined)!.key).not.toBe(base);
    expect(shareableWatch("m1", path, "watch=1&resourceVersion=5&fieldSelector=metadata.name%3Dx", undefined)!.key).not.toBe(base);
  });

  it("refuses watches that start with a listing, opaque revisions and non-JSON streams", () => {
    expect(shareableWatch("m1", path, "watch=1", undefined)).toBeUndefined();
    expect(shareableWatch("m1", path, "watch=1&resourceVersion=0", undefined)).toBeUndefined();
    expect(shareableWatch("m1", path, "watch=1&resourceVersion=abc", undefined)).toBeUndefined();
    expect(shareableWatch("m1", path, "watch=1&resourceVersion=5&sendInitialEvents=true", undefined)).toBeUndefined();
    expect(shareableWatch("m1", path, "watch=1&resourceVersion=5", "application/vnd.kubernetes.protobuf;type=watch")).toBeUndefined();
    expect(shareableWatch("m1", path, "watch=1&resourceVersion=5", "application/json;as=Table;g=meta.k8s.io;v=v1")).toBeUndefined();
    expect(shareableWatch("m1", path, "watch=1&resourceVersion=5", "application/json, */*")).toBeDefined();
  });
});

describe("ReplayBuffer", () => {
  const ev = (rv: number) => ({ rv, bytes: Buffer.from(`{"rv":${rv}}\n`) });

  it("serves watchers from its floor on, with the events after their revision", () => {
    const b = new ReplayBuffer(10);
    for (const rv of [11, 12, 15]) b.push(ev(rv));
    expect(b.covers(9)).toBe(false);
    expect(b.covers(10)).toBe(true);
    expect(b.since(10).map((e) => e.rv)).toEqual([11, 12, 15]);
    expect(b.since(12).map((e) => e.rv)).toEqual([15]);
    expect(b.since(20)).toEqual([]);
  });

  it("drops the oldest events past its bounds and raises the floor with them", () => {
    const b = new ReplayBuffer(0, 3);
    for (const rv of [1, 2, 3, 4, 5]) b.push(ev(rv));
    expect(b.size).toBe(3);
    expect(b.floor).toBe(2);
    expect(b.covers(1)).toBe(false);
    expect(b.since(2).map((e) => e.rv)).toEqual([3, 4, 5]);
    const small = new ReplayBuffer(0, 100, 30);
    for (const rv of [1, 2, 3, 4]) small.push(ev(rv));
    expect(small.size).toBeLessThan(4);
    expect(small.floor).toBeGreaterThan(0);
  });
});

describe("LineSplitter", () => {
  it("returns whole lines with their newline, across chunk boundaries", () => {
    const s = new LineSplitter();
    expect(s.push(Buffer.from('{"a":1}\n{"b"')).map(String)).toEqual(['{"a":1}\n']);
    expect(s.push(Buffer.from(":2}\n\n{")).map(String)).toEqual(['{"b":2}\n']);
    expect(s.push(Buffer.from('"c":3}\n')).map(String)).toEqual(['{"c":3}\n']);
    expect(s.push(Buffer.from(""))).toEqual([]);
  });
});
