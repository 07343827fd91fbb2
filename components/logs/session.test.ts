import { afterEach, describe, expect, it } from "vitest";
import { ApiClientError } from "@/lib/client/api";
import type { PodObject } from "@/lib/k8s/kinds/pod";
import type { StreamOptions } from "./merge";
import { LogSession, type Opener } from "./session";

// A session against fake log streams: each opened path gets a pipe the test
// writes lines into, ends, or fails.

class Pipe {
  private queue: string[] = [];
  private wake: (() => void) | undefined;
  private done = false;
  constructor(readonly path: string, readonly signal: AbortSignal) {
    signal.addEventListener("abort", () => this.end());
  }
  write(...lines: string[]) {
    this.queue.push(...lines);
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

function fakeOpener(refuse: (path: string) => Error | undefined = () => undefined) {
  const pipes: Pipe[] = [];
  const open: Opener = async (path, signal) => {
    const err = refuse(path);
    if (err) throw err;
    const p = new Pipe(path, signal);
    pipes.push(p);
    return p.lines();
  };
  const pipe = (pod: string, container = "app") => {
    const p = pipes.filter((x) => x.path.includes(`/pods/${pod}/log?container=${container}&`)).at(-1);
    if (!p) throw new Error(`no stream of ${pod}/${container}: ${pipes.map((x) => x.path).join(", ")}`);
    return p;
  };
  return { open, pipes, pipe };
}

const running = (name: string, restarts = 0, containers = ["app"]): PodObject => ({
  metadata: { name, uid: `uid-${name}` },
  spec: { containers: containers.map((c) => ({ name: c, image: "x" })) },
  status: { phase: "Running", containerStatuses: containers.map((c) => ({ name: c, ready: true, restartCount: restarts, state: { running: {} } })) },
});

const ts = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString().replace(".000Z", ".123456789Z");
const tick = () => new Promise((r) => setTimeout(r, 0));
const FOLLOW: StreamOptions = { follow: true, previous: false, tail: 100, since: "all" };

let sessions: LogSession[] = [];
afterEach(() => {
  for (const s of sessions) s.stop();
  sessions = [];
});

function session(options = FOLLOW, refuse?: (path: string) => Error | undefined, max?: number) {
  const fake = fakeOpener(refuse);
  const s = new LogSession({ ns: "shop", options, open: fake.open, max, flushMs: 1_000_000 });
  sessions.push(s);
  return { s, ...fake, text: () => s.getSnapshot().lines.map((l) => (l.kind === "line" ? `${l.pod}:${l.text}` : `${l.kind}:${l.pod}`)) };
}

describe("a workload's log session", () => {
  it("opens one stream per pod and container and merges their lines by time", async () => {
    const { s, pipe, text } = session();
    s.start();
    s.setPods([running("web-1", 0, ["app", "side"]), running("web-2")]);
    await tick();
    pipe("web-1").write(`${ts(1)} one`, `${ts(5)} five`);
    pipe("web-2").write(`${ts(2)} two`, `${ts(3)} three`);
    pipe("web-1", "side").write(`${ts(4)} four-side`);
    await tick();
    expect(s.getSnapshot().lines).toHaveLength(0);
    s.flush();
    expect(text()).toEqual(["web-1:one", "web-2:two", "web-2:three", "web-1:four-side", "web-1:five"]);
    const snap = s.getSnapshot();
    expect(snap.streams.map((x) => `${x.pod}/${x.container}:${x.state}`).sort()).toEqual(["web-1/app:streaming", "web-1/side:streaming", "web-2/app:streaming"]);
    expect(snap.containers).toEqual(["app", "side"]);
    expect(snap.pods.map((p) => [p.name, p.colour])).toEqual([
      ["web-1", 0],
      ["web-2", 1],
    ]);
    expect(snap.lines[0].ts).toBe(ts(1));
  });

  it("asks for timestamps, the tail and previous instances", async () => {
    const { s, pipes } = session({ follow: false, previous: true, tail: 500, since: "5m" });
    s.start();
    s.setPods([running("web-1")]);
    await tick();
    expect(pipes[0].path).toBe("/api/v1/namespaces/shop/pods/web-1/log?container=app&previous=true&tailLines=500&timestamps=true&sinceSeconds=300");
  });

  it("lets pods join and leave while following, with a marker for each", async () => {
    const { s, pipe, text } = session();
    s.start();
    s.setPods([running("web-1"), running("web-2")]);
    await tick();
    pipe("web-1").write(`${ts(1)} a`);
    pipe("web-2").write(`${ts(2)} b`);
    await tick();
    s.flush();
    const web2 = pipe("web-2");
    s.setPods([running("web-1")]);
    expect(web2.signal.aborted).toBe(true);
    s.setPods([running("web-1"), running("web-3")]);
    await tick();
    pipe("web-3").write(`${ts(3)} c`);
    await tick();
    s.flush();
    expect(text()).toEqual(["web-1:a", "web-2:b", "left:web-2", "joined:web-3", "web-3:c"]);
    const snap = s.getSnapshot();
    expect(snap.pods.map((p) => `${p.name}:${p.present}`)).toEqual(["web-1:true", "web-2:false", "web-3:true"]);
    expect(snap.streams.find((x) => x.pod === "web-2")?.state).toBe("ended");
    // The newcomer takes a colour no one present has.
    expect(snap.pods.find((p) => p.name === "web-3")?.colour).toBe(2);
  });

  it("starts a pod's stream once its container runs, and follows a restarted container", async () => {
    const { s, pipes } = session();
    s.start();
    const pending: PodObject = { ...running("web-1"), status: { containerStatuses: [{ name: "app", ready: false, restartCount: 0, state: { waiting: { reason: "ContainerCreating" } } }] } };
    s.setPods([pending]);
    await tick();
    expect(pipes).toHaveLength(0);
    s.setPods([running("web-1")]);
    await tick();
    expect(pipes).toHaveLength(1);
    pipes[0].end();
    await tick();
    s.setPods([running("web-1")]);
    expect(pipes).toHaveLength(1);
    s.setPods([running("web-1", 1)]);
    await tick();
    expect(pipes).toHaveLength(2);
  });

  it("without follow, reads the pods there were once", async () => {
    const { s, pipes, text } = session({ ...FOLLOW, follow: false });
    s.start();
    s.setPods([running("web-1")]);
    await tick();
    pipes[0].write(`${ts(1)} a`);
    pipes[0].end();
    s.setPods([running("web-2")]);
    await tick();
    s.flush();
    expect(pipes).toHaveLength(1);
    expect(text()).toEqual(["web-1:a"]);
    expect(s.getSnapshot().streams[0].state).toBe("ended");
  });

  it("shows a refused stream as its own error, the others still flowing", async () => {
    const { s, pipe, text } = session(FOLLOW, (path) => (path.includes("container=side") ? new ApiClientError(403, 'pods "web-1" is forbidden') : undefined));
    s.start();
    s.setPods([running("web-1", 0, ["app", "side"])]);
    await tick();
    pipe("web-1").write(`${ts(1)} fine`);
    await tick();
    s.flush();
    expect(text()).toEqual(["web-1:fine"]);
    const side = s.getSnapshot().streams.find((x) => x.container === "side");
    expect(side).toMatchObject({ state: "error", status: 403, message: 'pods "web-1" is forbidden' });
  });

  it("keeps lines without a time where their stream was", async () => {
    const { s, pipe, text } = session();
    s.start();
    s.setPods([running("web-1"), running("web-2")]);
    await tick();
    pipe("web-1").write(`${ts(1)} a`, "continued");
    pipe("web-2").write(`${ts(2)} b`);
    await tick();
    s.flush();
    expect(text()).toEqual(["web-1:a", "web-1:continued", "web-2:b"]);
  });

  it("bounds the buffer, and stop ends every stream", async () => {
    const { s, pipes } = session(FOLLOW, undefined, 5);
    s.start();
    s.setPods([running("web-1")]);
    await tick();
    pipes[0].write(...Array.from({ length: 8 }, (_, i) => `${ts(i)} l${i}`));
    await tick();
    s.flush();
    expect(s.getSnapshot().lines.map((l) => l.text)).toEqual(["l3", "l4", "l5", "l6", "l7"]);
    expect(s.getSnapshot().dropped).toBe(3);
    s.stop();
    expect(pipes[0].signal.aborted).toBe(true);
  });

  it("starts again from a clean slate after stop (as React's strict mode does)", async () => {
    const { s, pipes, text } = session();
    s.setPods([running("web-1")]);
    s.start();
    await tick();
    s.stop();
    s.start();
    await tick();
    expect(pipes).toHaveLength(2);
    pipes[0].write(`${ts(1)} stale`);
    pipes[1].write(`${ts(1)} fresh`);
    await tick();
    s.flush();
    expect(text()).toEqual(["web-1:fresh"]);
  });

  it("tells subscribers once per flush", async () => {
    const { s, pipes } = session();
    let calls = 0;
    s.subscribe(() => calls++);
    s.start();
    s.setPods([running("web-1")]);
    await tick();
    pipes[0].write(...Array.from({ length: 100 }, (_, i) => `${ts(i)} l${i}`));
    await tick();
    expect(calls).toBe(0);
    s.flush();
    expect(calls).toBe(1);
    expect(s.getSnapshot().lines).toHaveLength(100);
  });
});
