// Pipelines on member-1's real Tekton controller:
//   pipeline_runs_1000_first_rows_ms — navigation start → first rows of a project's runs list holding 1,000
//     PipelineRuns, in chromium (as the ui suite measures pods); the runs are created Pending
//     (spec.status PipelineRunPending) so Tekton keeps them without running 1,000 pipelines;
//   pipeline_log_first_line_ms — a step starts (its container turns running, seen by a watch on the apiserver)
//     → its first log line through the console's proxy, on a follow stream opened before the step started.
import http from "node:http";
import https from "node:https";
import { firstRows } from "../lib/first-rows";
import { type BenchContext, emit, log, main, percentile, round } from "../lib/harness";
import { type Target, directTarget, json, pool } from "../lib/http";

const CLUSTER = "member-1";
const TK = "tekton.dev/v1";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const pipeline = (ns: string, name: string, stepDuration: string, script: string) => ({
  apiVersion: TK,
  kind: "Pipeline",
  metadata: { name, namespace: ns, annotations: { "sim.pilothouse.dev/step-duration": stepDuration } },
  spec: { tasks: [{ name: "say", taskSpec: { steps: [{ name: "say", image: "registry.local/tools:1", script }] } }] },
});

async function ensureNamespace(direct: Target, ns: string) {
  for (let i = 0; ; i++) {
    const r = await json<{ metadata: { deletionTimestamp?: string } }>(direct, "GET", `/api/v1/namespaces/${ns}`, undefined, [200, 404]);
    if (r.status === 404 || !r.body.metadata.deletionTimestamp) break;
    if (i >= 120) throw new Error(`${CLUSTER}/${ns} is still terminating after 2 minutes`);
    await sleep(1000);
  }
  await json(direct, "POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { "pilothouse.dev/bench": "pipelines" } } }, [201, 409]);
}

async function runsFirstRows(ctx: BenchContext, direct: Target) {
  const ns = ctx.smoke ? "bench-pipelines-smoke" : "bench-pipelines-1k";
  const n = ctx.smoke ? 100 : 1000;
  await ensureNamespace(direct, ns);
  await json(direct, "POST", `/apis/${TK}/namespaces/${ns}/pipelines`, pipeline(ns, "bench", "1s", "echo bench"), [201, 409]);
  const t0 = Date.now();
  const name = (i: number) => `bench-${String(i).padStart(4, "0")}`;
  await pool(
    Array.from({ length: n }, (_, i) => i),
    8,
    (i) =>
      json(
        direct,
        "POST",
        `/apis/${TK}/namespaces/${ns}/pipelineruns`,
        {
          apiVersion: TK,
          kind: "PipelineRun",
          metadata: { name: name(i), namespace: ns, annotations: { "pilothouse.dev/started-by": `user-${i % 7}` } },
          spec: { pipelineRef: { name: "bench" }, status: "PipelineRunPending", params: [{ name: "revision", value: `r${i}` }] },
        },
        [201, 409],
      ),
  );
  log(`${n} pending PipelineRuns in ${CLUSTER}/${ns} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  try {
    const path = `/c/${CLUSTER}/ns/${ns}/pipelineruns`;
    const { samples, all, runs, warmup, settleMs } = await firstRows(ctx, path, n);
    const first = samples.map((s) => s.first_row_ms);
    emit({
      name: "pipeline_runs_1000_first_rows_ms",
      value: round(percentile(first, 50), 0),
      unit: "ms",
      detail: {
        url: path,
        runs_in_list: n,
        run_state: "Pending (spec.status PipelineRunPending: Tekton keeps them without starting them)",
        samples: runs,
        warmup,
        p90_ms: round(percentile(first, 90), 0),
        samples_ms: first.map((v) => round(v, 0)),
        warmup_all_rows_live_ms: all === undefined ? null : round(all, 0),
        settle_ms: settleMs,
        measured: "navigation start → first animation frame with the first data row in the viewport; chromium 1440×900, fresh profile per sample; the page must say it has all the runs",
      },
    });
  } finally {
    await json(direct, "DELETE", `/api/v1/namespaces/${ns}`, undefined, [200, 202, 404]);
  }
}

interface PodEvent {
  type: string;
  object: { metadata: { name: string }; status?: { containerStatuses?: { name: string; state?: { running?: object } }[] } };
}

/** Watches the pods of a run on the apiserver: resolves `pod` when it exists and `running` when `container` runs. */
function watchStep(direct: Target, ns: string, run: string, container: string) {
  let podSeen!: (name: string) => void;
  let runningSeen!: (t: number) => void;
  const pod = new Promise<string>((r) => (podSeen = r));
  const running = new Promise<number>((r) => (runningSeen = r));
  const url = new URL(`${direct.base}/api/v1/namespaces/${ns}/pods?watch=1&labelSelector=${encodeURIComponent(`tekton.dev/pipelineRun=${run}`)}`);
  const req = https.get(url, { agent: direct.agent as https.Agent, headers: direct.headers }, (res) => {
    let buf = "";
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!line.trim()) continue;
        const ev = JSON.parse(line) as PodEvent;
        podSeen(ev.object.metadata.name);
        if (ev.object.status?.containerStatuses?.some((c) => c.name === container && c.state?.running)) runningSeen(performance.now());
      }
    });
  });
  return { pod, running, stop: () => req.destroy() };
}

/** Opens a follow stream of the container's log through the console; resolves the time of the first non-empty line. */
function firstLogLine(ctx: BenchContext, ns: string, pod: string, container: string, signal: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = `${ctx.console.url}/clusters/${CLUSTER}/api/v1/namespaces/${ns}/pods/${pod}/log?container=${container}&follow=true`;
    const req = http.get(url, { headers: { authorization: `Bearer ${ctx.console.adminToken}` }, signal }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`log stream: ${res.statusCode}`));
        return;
      }
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        if (chunk.trim()) {
          resolve(performance.now());
          req.destroy();
        }
      });
    });
    req.on("error", (e) => {
      if (!signal.aborted) reject(e);
    });
  });
}

async function logFirstLine(ctx: BenchContext, direct: Target) {
  const ns = `bench-pipelog-${Date.now().toString(36)}`;
  const trials = ctx.smoke ? 1 : 7;
  await ensureNamespace(direct, ns);
  await json(direct, "POST", `/apis/${TK}/namespaces/${ns}/pipelines`, pipeline(ns, "say", "3s", "echo one\necho two\necho three"), [201, 409]);
  const samples: number[] = [];
  try {
    for (let i = 0; i < trials; i++) {
      const started = await fetch(`${ctx.console.url}/api/pipelineruns`, {
        method: "POST",
        headers: { authorization: `Bearer ${ctx.console.adminToken}`, "content-type": "application/json" },
        body: JSON.stringify({ cluster: CLUSTER, namespace: ns, pipeline: "say" }),
      });
      if (started.status !== 201) throw new Error(`POST /api/pipelineruns: ${started.status} ${await started.text()}`);
      const run = ((await started.json()) as { name: string }).name;
      const w = watchStep(direct, ns, run, "step-say");
      const ac = new AbortController();
      const limit = setTimeout(() => ac.abort(), 60_000);
      try {
        const pod = await Promise.race([w.pod, sleep(60_000).then(() => Promise.reject(new Error(`no pod for ${run} in 60 s`)))]);
        // Opened before the step runs (the pod's init containers come first); retried while the log is not served yet.
        let line: Promise<number> | undefined;
        for (let attempt = 0; !line; attempt++) {
          const p = firstLogLine(ctx, ns, pod, "step-say", ac.signal);
          const early = await Promise.race([p.then(() => "line", () => "error"), sleep(300).then(() => "open")]);
          if (early === "error") {
            if (attempt > 100) throw new Error(`the log of ${pod} was not served in 30 s`);
            await sleep(100);
            continue;
          }
          line = p;
        }
        const [t0, t1] = await Promise.all([w.running, line]);
        samples.push(Math.max(0, t1 - t0));
        log(`trial ${i + 1}: first line ${(t1 - t0).toFixed(0)} ms after the step ran`);
      } finally {
        clearTimeout(limit);
        ac.abort();
        w.stop();
      }
    }
  } finally {
    await json(direct, "DELETE", `/api/v1/namespaces/${ns}`, undefined, [200, 202, 404]);
  }
  emit({
    name: "pipeline_log_first_line_ms",
    value: round(percentile(samples, 50), 0),
    unit: "ms",
    detail: {
      trials,
      p90_ms: round(percentile(samples, 90), 0),
      samples_ms: samples.map((v) => round(v, 0)),
      measured:
        "a run started through POST /api/pipelineruns; t0 = a watch on the apiserver sees the step's container running, t1 = the first log bytes on a follow stream through the console's proxy opened before the step started (the fleet writes a step's first line when it sees it start); clamped at 0",
    },
  });
}

main(async (ctx) => {
  const direct = directTarget(ctx, CLUSTER, 8);
  try {
    await runsFirstRows(ctx, direct);
    await logFirstLine(ctx, direct);
  } finally {
    direct.agent.destroy();
  }
});
