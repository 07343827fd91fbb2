import { describe, expect, it } from "vitest";
import type { PodObject } from "@/lib/k8s/kinds/pod";
import { LineSplitter, type LogEvent, decodeEvent, encodeEvent, loggableContainers, parseLogLine, podContainers } from "./events";

describe("log events", () => {
  it("are one JSON object a line, read back as sent", () => {
    const events: LogEvent[] = [
      { t: "pods", pods: [{ pod: "web-1", containers: ["app"] }] },
      { t: "join", pod: "web-2", containers: ["app", "side"] },
      { t: "leave", pod: "web-1" },
      { t: "line", pod: "web-2", container: "app", ts: "2026-12-07T04:22:22.861267687Z", text: 'GET / "quoted"\ttab \u2028 sep' },
      { t: "error", pod: "web-2", container: "side", code: 400, message: "previous terminated container not found" },
      { t: "end", pod: "web-2", container: "app" },
      { t: "ping" },
    ];
    const wire = events.map(encodeEvent).join("");
    expect(wire.split("\n")).toHaveLength(events.length + 1);
    expect(encodeEvent({ t: "ping" })).toBe('{"t":"ping"}\n');
    expect(wire.split("\n").slice(0, -1).map(decodeEvent)).toEqual(events);
    expect(decodeEvent("")).toBeUndefined();
    expect(decodeEvent('{"t":"li')).toBeUndefined();
    expect(decodeEvent("42")).toBeUndefined();
  });
});

describe("log lines", () => {
  it("split the kubelet's timestamp off, whatever its fraction", () => {
    expect(parseLogLine("2026-12-07T04:22:22.861267687Z GET / 200")).toEqual({ ts: "2026-12-07T04:22:22.861267687Z", text: "GET / 200" });
    expect(parseLogLine("2026-12-07T04:22:22Z ")).toEqual({ ts: "2026-12-07T04:22:22Z", text: "" });
    expect(parseLogLine("2026-12-07T04:22:22.5+01:00 x y")).toEqual({ ts: "2026-12-07T04:22:22.5+01:00", text: "x y" });
    expect(parseLogLine("no time here")).toEqual({ ts: "", text: "no time here" });
    expect(parseLogLine("2026-12-07 04:22:22 not RFC3339")).toEqual({ ts: "", text: "2026-12-07 04:22:22 not RFC3339" });
  });

  it("are cut from chunks at line breaks, across chunks, the last one on flush", () => {
    const s = new LineSplitter();
    expect(s.push(Buffer.from("a\nb"))).toEqual(["a"]);
    expect(s.push(Buffer.from("c\r\n\nd"))).toEqual(["bc", ""]);
    expect(s.flush()).toEqual(["d"]);
    expect(s.flush()).toEqual([]);
  });

  it("keep a character split between chunks whole", () => {
    const s = new LineSplitter();
    const bytes = Buffer.from("日本\n");
    expect(s.push(bytes.subarray(0, 4))).toEqual([]);
    expect(s.push(bytes.subarray(4))).toEqual(["日本"]);
  });

  it("are capped: a longer line is cut at the cap and its rest dropped, holding no more than the cap", () => {
    const s = new LineSplitter(8);
    expect(s.push(Buffer.from("0123"))).toEqual([]);
    expect(s.push(Buffer.from("456789ab"))).toEqual(["01234567"]);
    expect(s.push(Buffer.from("cdef"))).toEqual([]);
    expect(s.push(Buffer.from("gh\nnext\n"))).toEqual(["next"]);
    expect(s.push(Buffer.from("x".repeat(20)))).toEqual(["xxxxxxxx"]);
    expect(s.flush()).toEqual([]);
    // A multi-byte character cut at the cap is dropped, not shown broken.
    expect(new LineSplitter(4).push(Buffer.from("ab日\n"))).toEqual(["ab"]);
    expect(new LineSplitter().push(Buffer.from(`${"y".repeat(20_000)}\n`))[0]).toHaveLength(16 * 1024);
  });
});

describe("a pod's containers", () => {
  const pod: PodObject = {
    metadata: { name: "web-1" },
    spec: { initContainers: [{ name: "init", image: "x" }], containers: [{ name: "app", image: "x" }, { name: "side", image: "x" }] },
    status: {
      initContainerStatuses: [{ name: "init", ready: false, restartCount: 0, state: { terminated: { exitCode: 0 } } }],
      containerStatuses: [
        { name: "app", ready: true, restartCount: 1, state: { running: {} } },
        { name: "side", ready: false, restartCount: 0, state: { waiting: { reason: "ContainerCreating" } } },
      ],
    },
  };

  it("are those asked for, init containers only when asked", () => {
    expect(podContainers(pod, { init: false })).toEqual(["app", "side"]);
    expect(podContainers(pod, { init: true })).toEqual(["init", "app", "side"]);
    expect(podContainers(pod, { init: false, container: "side" })).toEqual(["side"]);
    expect(podContainers(pod, { init: false, container: "nope" })).toEqual([]);
  });

  it("with a log: started ones, or for previous those with a status", () => {
    expect(loggableContainers(pod, false).map((c) => c.name)).toEqual(["init", "app"]);
    expect(loggableContainers(pod, true).map((c) => c.name)).toEqual(["app", "side"]);
  });
});
