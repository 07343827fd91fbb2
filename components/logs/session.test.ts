import { afterEach, describe, expect, it } from "vitest";
import { ApiClientError } from "@/lib/client/api";
import { type LogEvent, encodeEvent } from "@/lib/logs/events";
import { type StreamOptions, logsURL } from "./merge";
import { LogSession, type Opener } from "./session";

// A session against a fake event stream (what GET /api/logs sends): the test
// writes events into the one pipe the session opened, ends it, or fails it.

class Pipe {
  private queue: string[] = [];
  private wake: (() => void) | undefined;
  private done = false;
  constructor(readonly url: string, readonly signal: AbortSignal) {
    signal.addEventListener("abort", () => this.end());
  }
  send(...events: LogEvent[]) {
    this.queue.push(...events.map((e) => encodeEvent(e).trimEnd()));
    this.wake?.();
  }
  raw(line: string) {
    this.queue.push(line);
    this.wake?.();
  }
  end() {
    this.done = true;
    this.wake?.();
  }
  async *lines(): AsyncGenerator<string> {
    for (;;) {
      while (this.queue.length) yield this.queue.shift()!;
      if (this.done) return;
      await new Promise<void>((r) => (this.wake = r));
    }
  }
}

const ts = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString().replace(".000Z", ".123456789Z");
const tick = () => new Promise((r) => setTimeout(r, 0));
const FOLLOW: StreamOptions = { follow: true, previous: false, tail: 100, since: "all" };
const line = (pod: string, s: number | undefined, text: string, container = "app"): LogEvent => ({ t: "line", pod, container, ts: s === undefined ? "" : ts(s), text });

let sessions: LogSession[] = [];
afterEach(() => {
  for (const s of sessions) s.stop();
  sessions = [];
});

function session(o: { options?: StreamOptions; refuse?: Error; max?: number } = {}) {
  const pipes: Pipe[] = [];
  const open: Opener = async (url, signal) => {
    if (o.refuse) throw o.refuse;
    const p = new Pipe(url, signal);
    pipes.push(p);
    return p.lines();
  };
  const s = new LogSession({ url: logsURL("member-1", "deployments", "shop", "web", o.options ?? FOLLOW), open, max: o.max, flushMs: 1_000_000 });
  sessions.push(s);
  const pipe = () => {
    const p = pipes.at(-1);
    if (!p) throw new Error("no stream opened");
    return p;
  };
  return { s, pipes, pipe, text: () => s.getSnapshot().lines.map((l) => (l.kind === "line" ? `${l.pod}:${l.text}` : `${l.kind}:${l.pod}`)) };
}

describe("a workload's log session", () => {
  it("opens ONE stream for every pod and container and merges their lines by time", async () => {
    const { s, pipes, pipe, text } = session();
    s.start();
    await tick();
    pipe().send(
      { t: "pods", pods: [{ pod: "web-1", containers: ["app", "side"] }, { pod: "web-2", containers: ["app"] }] },
      line("web-1", 1, "one"),
      line("web-1", 5, "five"),
      line("web-2", 2, "two"),
      line("web-2", 3, "three"),
      line("web-1", 4, "four-side", "side"),
      { t: "ping" },
    );
    await tick();
    expect(pipes).toHaveLength(1);
    expect(s.getSnapshot().lines).toHaveLength(0);
    s.flush();
    expect(text()).toEqual(["web-1:one", "web-2:two", "web-2:three", "web-1:four-side", "web-1:five"]);
    const snap = s.getSnapshot();
    expect(snap.loaded).toBe(true);
    expect(snap.streams.map((x) => `${x.pod}/${x.container}:${x.state}`).sort()).toEqual(["web-1/app:streaming", "web-1/side:streaming", "web-2/app:streaming"]);
    expect(snap.containers).toEqual(["app", "side"]);
    expect(snap.pods.map((p) => [p.name, p.colour])).toEqual([
      ["web-1", 0],
      ["web-2", 1],
    ]);
    expect(snap.lines[0].ts).toBe(ts(1));
  });

  it("asks the console for the workload with follow, previous, the tail and since", async () => {
    const { s, pipe } = session({ options: { follow: false, previous: true, tail: 500, since: "5m" } });
    s.start();
    await tick();
    expect(pipe().url).toBe("/api/logs?cluster=member-1&namespace=shop&kind=deployments&name=web&previous=true&init=true&tailLines=500&sinceSeconds=300");
    expect(logsURL("member-1", "jobs", "shop", "j", { follow: true, previous: false, tail: "all", since: "all" })).toBe("/api/logs?cluster=member-1&namespace=shop&kind=jobs&name=j&follow=true&init=true");
  });

  it("lets pods join and leave while following, with a marker for each", async () => {
    const { s, pipe, text } = session();
    s.start();
    await tick();
    pipe().send({ t: "pods", pods: [{ pod: "web-1", containers: ["app"] }, { pod: "web-2", containers: ["app"] }] }, line("web-1", 1, "a"), line("web-2", 2, "b"));
    await tick();
    s.flush();
    pipe().send({ t: "leave", pod: "web-2" }, { t: "join", pod: "web-3", containers: ["app"] }, line("web-3", 3, "c"));
    await tick();
    s.flush();
    expect(text()).toEqual(["web-1:a", "web-2:b", "left:web-2", "joined:web-3", "web-3:c"]);
    const snap = s.getSnapshot();
    expect(snap.pods.map((p) => `${p.name}:${p.present}`)).toEqual(["web-1:true", "web-2:false", "web-3:true"]);
    expect(snap.streams.find((x) => x.pod === "web-2")?.state).toBe("ended");
    // The newcomer takes a colour no one present has.
    expect(snap.pods.find((p) => p.name === "web-3")?.colour).toBe(2);
  });

  it("follows a container again when its lines come after its log ended (a restart)", async () => {
    const { s, pipe } = session();
    s.start();
    await tick();
    pipe().send({ t: "pods", pods: [{ pod: "web-1", containers: ["app"] }] }, { t: "end", pod: "web-1", container: "app" });
    await tick();
    s.flush();
    expect(s.getSnapshot().streams[0].state).toBe("ended");
    pipe().send(line("web-1", 9, "again"));
    await tick();
    s.flush();
    expect(s.getSnapshot().streams[0]).toMatchObject({ state: "streaming", lines: 1 });
  });

  it("without follow, ends every log when the stream ends", async () => {
    const { s, pipe, text } = session({ options: { ...FOLLOW, follow: false } });
    s.start();
    await tick();
    pipe().send({ t: "pods", pods: [{ pod: "web-1", containers: ["app"] }] }, line("web-1", 1, "a"));
    pipe().end();
    await tick();
    await tick();
    s.flush();
    expect(text()).toEqual(["web-1:a"]);
    expect(s.getSnapshot().streams[0].state).toBe("ended");
  });

  it("shows a refused log as its own error, the others still flowing", async () => {
    const { s, pipe, text } = session();
    s.start();
    await tick();
    pipe().send(
      { t: "pods", pods: [{ pod: "web-1", containers: ["app", "side"] }] },
      line("web-1", 1, "fine"),
      { t: "error", pod: "web-1", container: "side", code: 403, message: 'pods "web-1" is forbidden' },
      { t: "error", pod: "", container: "", code: 413, message: "more than 100 pods" },
    );
    await tick();
    s.flush();
    expect(text()).toEqual(["web-1:fine"]);
    const snap = s.getSnapshot();
    expect(snap.streams.find((x) => x.container === "side")).toMatchObject({ state: "error", status: 403, message: 'pods "web-1" is forbidden' });
    expect(snap.streams.find((x) => x.container === "app")?.state).toBe("streaming");
    expect(snap.notices).toEqual(["more than 100 pods"]);
  });

  it("shows a refused stream as the whole view's error", async () => {
    const { s } = session({ refuse: new ApiClientError(403, 'You may not get deployments in namespace "shop".') });
    s.start();
    await tick();
    s.flush();
    expect(s.getSnapshot()).toMatchObject({ loaded: true, error: { status: 403, message: 'You may not get deployments in namespace "shop".' } });
  });

  it("keeps lines without a time where their stream was, and skips lines that are no event", async () => {
    const { s, pipe, text } = session();
    s.start();
    await tick();
    pipe().send({ t: "pods", pods: [{ pod: "web-1", containers: ["app"] }, { pod: "web-2", containers: ["app"] }] }, line("web-1", 1, "a"), line("web-1", undefined, "continued"));
    pipe().raw('{"t":"li');
    pipe().send(line("web-2", 2, "b"));
    await tick();
    s.flush();
    expect(text()).toEqual(["web-1:a", "web-1:continued", "web-2:b"]);
  });

  it("bounds the buffer, and stop ends the stream", async () => {
    const { s, pipe } = session({ max: 5 });
    s.start();
    await tick();
    pipe().send({ t: "pods", pods: [{ pod: "web-1", containers: ["app"] }] }, ...Array.from({ length: 8 }, (_, i) => line("web-1", i, `l${i}`)));
    await tick();
    s.flush();
    expect(s.getSnapshot().lines.map((l) => l.text)).toEqual(["l3", "l4", "l5", "l6", "l7"]);
    expect(s.getSnapshot().dropped).toBe(3);
    s.stop();
    expect(pipe().signal.aborted).toBe(true);
  });

  it("starts again from a clean slate after stop (as React's strict mode does and Reconnect does)", async () => {
    const { s, pipes, text } = session();
    s.start();
    await tick();
    s.stop();
    s.start();
    await tick();
    expect(pipes).toHaveLength(2);
    expect(pipes[0].signal.aborted).toBe(true);
    pipes[1].send({ t: "pods", pods: [{ pod: "web-1", containers: ["app"] }] }, line("web-1", 1, "fresh"));
    await tick();
    s.flush();
    expect(text()).toEqual(["web-1:fresh"]);
  });

  it("starts a pod of a name seen before (a StatefulSet's replacement) afresh", async () => {
    const { s, pipe, text } = session();
    s.start();
    await tick();
    pipe().send({ t: "pods", pods: [{ pod: "db-0", containers: ["app"] }] }, line("db-0", 1, "old"), { t: "leave", pod: "db-0" }, { t: "join", pod: "db-0", containers: ["app"] }, line("db-0", 2, "new"));
    await tick();
    s.flush();
    expect(text()).toEqual(["db-0:old", "left:db-0", "joined:db-0", "db-0:new"]);
    expect(s.getSnapshot().streams).toMatchObject([{ pod: "db-0", state: "streaming", lines: 1 }]);
  });

  it("tells subscribers once per flush", async () => {
    const { s, pipe } = session();
    let calls = 0;
    s.subscribe(() => calls++);
    s.start();
    await tick();
    pipe().send({ t: "pods", pods: [{ pod: "web-1", containers: ["app"] }] }, ...Array.from({ length: 100 }, (_, i) => line("web-1", i, `l${i}`)));
    await tick();
    expect(calls).toBe(0);
    s.flush();
    expect(calls).toBe(1);
    expect(s.getSnapshot().lines).toHaveLength(100);
  });
});
