import { describe, expect, it } from "vitest";
import type { PodObject } from "@/lib/k8s/kinds/pod";
import {
  LogBuffer,
  type LogLine,
  assignColours,
  highlightParts,
  insertionPoint,
  lineText,
  loggableContainers,
  rowAt,
  rowColumns,
  rowOffsets,
  rowUnits,
  search,
  splitTimestamp,
  logsURL,
  textColumns,
  timeKey,
  workloadSelector,
} from "./merge";

let seq = 0;
const line = (key: number, pod = "a", text = `l${key}`): LogLine => ({ key, seq: seq++, kind: "line", pod, container: "c", ts: "", text });

describe("timestamps", () => {
  it("parse RFC3339Nano to microseconds, whatever the fraction's length", () => {
    const base = Date.parse("2026-12-07T04:22:22Z") * 1000;
    expect(timeKey("2026-12-07T04:22:22.861267687Z")).toBe(base + 861267);
    expect(timeKey("2026-12-07T04:22:22.8612Z")).toBe(base + 861200);
    expect(timeKey("2026-12-07T04:22:22Z")).toBe(base);
    expect(timeKey("2026-12-07T06:22:22.5+02:00")).toBe(base + 500000);
    expect(timeKey("yesterday")).toBeUndefined();
    // Trailing zeros trimmed by RFC3339Nano must not change the order (as string comparison would).
    expect(timeKey("2026-12-07T04:22:22.9Z")!).toBeGreaterThan(timeKey("2026-12-07T04:22:22.861267687Z")!);
  });

  it("split a kubelet line into time and text; lines without one stay whole", () => {
    expect(splitTimestamp("2026-12-07T04:22:22.861267687Z GET / 200")).toEqual({ ts: "2026-12-07T04:22:22.861267687Z", key: timeKey("2026-12-07T04:22:22.861267687Z"), text: "GET / 200" });
    expect(splitTimestamp("2026-12-07T04:22:22Z ")).toMatchObject({ ts: "2026-12-07T04:22:22Z", text: "" });
    expect(splitTimestamp("no time here")).toEqual({ ts: "", text: "no time here" });
  });
});

describe("the merged buffer", () => {
  it("finds where a key goes: after equal keys, cheaply at the end", () => {
    const lines = [1, 2, 2, 5].map((k) => line(k));
    expect(insertionPoint(lines, 9)).toBe(4);
    expect(insertionPoint(lines, 5)).toBe(4);
    expect(insertionPoint(lines, 2)).toBe(3);
    expect(insertionPoint(lines, 0)).toBe(0);
    expect(insertionPoint([], 3)).toBe(0);
  });

  it("merges streams in time order, lines of one instant in arrival order", () => {
    const b = new LogBuffer();
    b.add([line(10, "a"), line(30, "a")]);
    b.add([line(20, "b"), line(30, "b"), line(40, "b")]);
    b.add([line(5, "c")]);
    expect(b.lines.map((l) => `${l.key}${l.pod}`)).toEqual(["5c", "10a", "20b", "30a", "30b", "40b"]);
  });

  it("is replaced, not changed, by each batch", () => {
    const b = new LogBuffer();
    b.add([line(1)]);
    const before = b.lines;
    b.add([line(0)]);
    expect(before).toHaveLength(1);
    expect(b.lines).not.toBe(before);
  });

  it("keeps the newest lines and counts the dropped ones", () => {
    const b = new LogBuffer(3);
    b.add([1, 2, 3, 4].map((k) => line(k)));
    b.add([line(5)]);
    expect(b.lines.map((l) => l.key)).toEqual([3, 4, 5]);
    expect(b.dropped).toBe(2);
    expect(b.lastKey(-1)).toBe(5);
    expect(new LogBuffer().lastKey(-1)).toBe(-1);
  });

  it("stays sorted through many interleaved streams", () => {
    const b = new LogBuffer(100_000);
    const streams = Array.from({ length: 50 }, (_, s) => Array.from({ length: 200 }, (_, i) => line(i * 50 + ((s * 7) % 50), `p${s}`)));
    for (let round = 0; round < 20; round++) b.add(streams.flatMap((st) => st.slice(round * 10, round * 10 + 10)));
    expect(b.lines).toHaveLength(10_000);
    expect(b.lines.every((l, i) => i === 0 || b.lines[i - 1].key <= l.key)).toBe(true);
  });
});

describe("search", () => {
  it("finds every match case-insensitively, regular expression characters taken literally", () => {
    const s = search("get /a.b")!;
    expect(s.test("GET /a.b 200")).toBe(true);
    expect(s.test("GET /axb")).toBe(false);
    expect(search("o")!.ranges("foo bOo")).toEqual([
      [1, 2],
      [2, 3],
      [5, 6],
      [6, 7],
    ]);
    expect(search("")).toBeUndefined();
  });

  it("cuts a text into plain and highlighted parts", () => {
    expect(highlightParts("a GET b GET", [[2, 5], [8, 11]])).toEqual([
      { text: "a ", match: false },
      { text: "GET", match: true },
      { text: " b ", match: false },
      { text: "GET", match: true },
    ]);
    expect(highlightParts("plain", [])).toEqual([{ text: "plain", match: false }]);
  });
});

describe("pod colours", () => {
  it("give each new pod the least used colour and keep those given", () => {
    const first = assignColours(new Map(), ["a", "b", "c"]);
    expect([...first.values()]).toEqual([0, 1, 2]);
    const next = assignColours(first, ["b", "c", "d"]);
    expect(next.get("a")).toBe(0);
    expect(next.get("d")).toBe(3);
    const many = assignColours(new Map(), Array.from({ length: 24 }, (_, i) => `p${i}`));
    const counts = new Map<number, number>();
    for (const c of many.values()) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect([...counts.values()].every((n) => n === 2)).toBe(true);
  });
});

describe("requests", () => {
  it("select a workload's pods by its selector", () => {
    expect(workloadSelector({ spec: { selector: { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["b", "a"] }] } } })).toBe("app=web,tier in (a,b)");
    expect(workloadSelector({})).toBe("");
  });

  it("ask the console for the workload's logs as one stream, with tail and since", () => {
    expect(logsURL("member-1", "deployments", "shop", "web", { follow: true, previous: false, tail: 100, since: "1h" })).toBe(
      "/api/logs?cluster=member-1&namespace=shop&kind=deployments&name=web&follow=true&init=true&tailLines=100&sinceSeconds=3600",
    );
    expect(logsURL("member-1", "statefulsets", "shop", "db", { follow: false, previous: true, tail: "all", since: "all" })).toBe("/api/logs?cluster=member-1&namespace=shop&kind=statefulsets&name=db&previous=true&init=true");
  });

  it("read started containers, or for previous those that may have one", () => {
    const pod: PodObject = {
      metadata: { name: "web-1" },
      spec: { initContainers: [{ name: "init", image: "x" }], containers: [{ name: "app", image: "x" }, { name: "side", image: "x" }, { name: "new", image: "x" }] },
      status: {
        initContainerStatuses: [{ name: "init", ready: false, restartCount: 0, state: { terminated: { exitCode: 0 } } }],
        containerStatuses: [
          { name: "app", ready: true, restartCount: 2, state: { running: {} } },
          { name: "side", ready: false, restartCount: 0, state: { waiting: { reason: "ContainerCreating" } } },
        ],
      },
    };
    expect(loggableContainers(pod, false)).toEqual([
      { name: "init", init: true, restarts: 0 },
      { name: "app", init: false, restarts: 2 },
    ]);
    expect(loggableContainers(pod, true).map((c) => c.name)).toEqual(["app", "side"]);
    expect(loggableContainers({ metadata: { name: "p" }, spec: { containers: [{ name: "a", image: "x" }] } }, false)).toEqual([]);
  });
});

describe("rows", () => {
  it("count display columns of tabs and wide characters", () => {
    expect(textColumns("abc")).toBe(3);
    expect(textColumns("a\tb")).toBe(9);
    expect(textColumns("日志 ok")).toBe(7);
  });

  it("lay out wrapped rows and find the row at a screen line", () => {
    expect(rowUnits(0, 80)).toBe(1);
    expect(rowUnits(81, 80)).toBe(2);
    const offsets = rowOffsets(4, (i) => [1, 3, 1, 2][i]);
    expect([...offsets]).toEqual([0, 1, 4, 5, 7]);
    expect(rowAt(offsets, 0)).toBe(0);
    expect(rowAt(offsets, 3)).toBe(1);
    expect(rowAt(offsets, 4)).toBe(2);
    expect(rowAt(offsets, 100)).toBe(3);
    expect(rowAt(offsets, -5)).toBe(0);
  });

  it("prefix rows with the pod (and container, timestamp when asked)", () => {
    const l: LogLine = { key: 1, seq: 1, kind: "line", pod: "web-1", container: "app", ts: "2026-12-07T04:22:22Z", text: "hello" };
    expect(lineText(l, { timestamps: false, containers: false }, "")).toBe("web-1 hello");
    expect(lineText(l, { timestamps: true, containers: true }, "")).toBe("2026-12-07T04:22:22Z web-1/app hello");
    expect(rowColumns(l, { timestamps: false, containers: true }, "")).toBe("web-1/app hello".length);
    const left: LogLine = { ...l, kind: "left", container: "", ts: "" };
    expect(lineText(left, { timestamps: true, containers: true }, "pod web-1 left")).toBe("web-1 pod web-1 left");
  });
});
