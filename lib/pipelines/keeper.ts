import "server-only";
import { createHash } from "node:crypto";
import { K8sError, k8sJSON } from "@/lib/k8s/api";
import { request } from "@/lib/k8s/connection";
import { fleetPeriod } from "@/lib/k8s/probe-schedule";
import { TENANT_LABEL } from "@/lib/k8s/kinds/namespace";
import { type PipelineRunObject, TEKTON_GROUP } from "@/lib/k8s/kinds/pipeline";
import { isFinished, logsKeptAnnotation, retentionOf, runsBeyond } from "@/lib/k8s/kinds/pipeline-run";
import type { TaskRunObject } from "@/lib/k8s/kinds/taskrun";
import type { Runtime } from "@/lib/server/context";
import type { KeptRun, KeptStep } from "@/lib/validations/pipeline";

// Keeps pipeline runs the way a project asks: the step logs of every finished
// run are copied into the host cluster (a ConfigMap in the console's namespace,
// so they outlive the run, its pods and the member cluster's pruning), and the
// finished runs beyond the newest N of each pipeline are deleted (N: the
// project's setting, default 50) — only once their logs are kept. Every
// console replica may sweep: each step is idempotent (a second copy is a 409,
// a second delete a 404).

const STEP_LOG_BYTES = 128 * 1024;
const RUN_LOG_BYTES = 768 * 1024;
const TIMEOUT_MS = 10_000;
export const RUN_LOG_LABEL = "pilothouse.dev/run-log";

/** The ConfigMap holding a run's logs: one name per cluster, namespace and run. */
export function keptName(cluster: string, namespace: string, run: string): string {
  return `runlog-${createHash("sha256").update(`${cluster}/${namespace}/${run}`).digest("hex").slice(0, 24)}`;
}

const stepKey = (i: number) => `step-${i}.log`;

function cut(buf: Buffer, max: number): { text: string; truncated: boolean } {
  if (buf.length <= max) return { text: buf.toString("utf8"), truncated: false };
  // Cut at a line end so no character is split.
  const at = buf.lastIndexOf(0x0a, max);
  return { text: buf.subarray(0, at > 0 ? at + 1 : max).toString("utf8"), truncated: true };
}

/** Cluster sweeps per second across the fleet: 1,000 clusters are each swept every ~8 min, not every 30 s. */
const SWEEPS_PER_S = 2;

export class RunKeeper {
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** What is left of the current round. */
  private round: string[] = [];
  private gapMs = 0;

  constructor(
    private readonly rt: Runtime,
    private readonly intervalMs = Number(process.env.PILOTHOUSE_PIPELINE_SWEEP_MS || 30_000),
  ) {}

  start() {
    this.stopped = false;
    this.next(this.intervalMs);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private next(ms: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  /**
   * One cluster per tick, spread evenly over the round: a large fleet's sweeps
   * had run back to back (at 1,000 clusters a cluster-wide LIST of runs every
   * 30 ms, a third of each apiserver's CPU and the console's parsing).
   */
  private async tick() {
    if (!this.round.length) {
      this.round = this.rt.clusters.names();
      this.gapMs = fleetPeriod(this.round.length, this.intervalMs, SWEEPS_PER_S) / Math.max(1, this.round.length);
    }
    const cluster = this.round.shift();
    const started = Date.now();
    if (cluster) await this.sweep(cluster).catch((e) => log("pipeline runs: sweep failed", { cluster, error: e instanceof Error ? e.message : String(e) }));
    this.next(Math.max(0, this.gapMs - (Date.now() - started)));
  }

  /** One cluster: keep the logs of finished runs in project namespaces, then prune beyond each project's N. */
  async sweep(cluster: string) {
    const conn = this.rt.clusters.connection(cluster);
    if (!conn || this.rt.clusters.health(cluster)?.status !== "Ready") return;
    const projects = new Map(
      this.rt.clusters
        .namespacesOf(cluster)
        .filter((n) => n.metadata.labels?.[TENANT_LABEL])
        .map((n) => [n.metadata.name ?? "", n]),
    );
    // Runs are kept only in projects: a cluster without any has nothing to list.
    if (!projects.size) return;
    let runs: PipelineRunObject[];
    try {
      runs = (await k8sJSON<{ items: PipelineRunObject[] }>(conn, `/apis/${TEKTON_GROUP}/v1/pipelineruns`, { timeoutMs: TIMEOUT_MS })).items;
    } catch (e) {
      if (e instanceof K8sError && e.code === 404) return; // no Tekton on this cluster
      throw e;
    }
    const inProjects = runs.filter((r) => projects.has(r.metadata.namespace ?? ""));
    const kept = logsKeptAnnotation(this.rt.config.namespace);
    for (const r of inProjects) {
      if (isFinished(r) && !r.metadata.annotations?.[kept]) await this.keep(cluster, r);
    }
    const byNamespace = new Map<string, PipelineRunObject[]>();
    for (const r of inProjects) byNamespace.set(r.metadata.namespace ?? "", [...(byNamespace.get(r.metadata.namespace ?? "") ?? []), r]);
    for (const [ns, list] of byNamespace) {
      for (const r of runsBeyond(list, retentionOf(projects.get(ns)?.metadata.annotations))) {
        // Not before its logs are kept (a later sweep does it).
        if (!r.metadata.annotations?.[kept]) continue;
        await k8sJSON(conn, `/apis/${TEKTON_GROUP}/v1/namespaces/${ns}/pipelineruns/${r.metadata.name}?propagationPolicy=Background`, {
          method: "DELETE",
          timeoutMs: TIMEOUT_MS,
        }).catch((e) => {
          if (!(e instanceof K8sError && e.code === 404)) throw e;
        });
        log("pipeline runs: pruned", { cluster, namespace: ns, run: r.metadata.name });
      }
    }
  }

  /** Copies a finished run's step logs into the host cluster and marks the run. */
  async keep(cluster: string, run: PipelineRunObject) {
    const conn = this.rt.clusters.connection(cluster)!;
    const ns = run.metadata.namespace ?? "";
    const name = run.metadata.name ?? "";
    const taskRuns = (
      await k8sJSON<{ items: TaskRunObject[] }>(conn, `/apis/${TEKTON_GROUP}/v1/namespaces/${ns}/taskruns?labelSelector=${encodeURIComponent(`tekton.dev/pipelineRun=${name}`)}`, {
        timeoutMs: TIMEOUT_MS,
      })
    ).items.sort((a, b) => (a.status?.startTime ?? "~").localeCompare(b.status?.startTime ?? "~"));
    const steps: KeptStep[] = [];
    const data: Record<string, string> = {};
    let budget = RUN_LOG_BYTES;
    for (const tr of taskRuns) {
      const pod = tr.status?.podName ?? "";
      for (const s of tr.status?.steps ?? []) {
        const container = s.container ?? `step-${s.name}`;
        const entry: KeptStep = { task: tr.metadata.labels?.["tekton.dev/pipelineTask"] ?? tr.metadata.name ?? "", step: s.name, pod, container, bytes: 0, truncated: false };
        let text = "";
        if (pod && s.terminated) {
          try {
            const res = await request(conn, {
              method: "GET",
              path: `/api/v1/namespaces/${ns}/pods/${pod}/log?container=${encodeURIComponent(container)}&limitBytes=${STEP_LOG_BYTES + 1}`,
              headers: { accept: "*/*" },
              timeoutMs: TIMEOUT_MS,
            });
            if (res.status >= 300) throw new Error(`HTTP ${res.status}: ${res.body.toString("utf8").slice(0, 200)}`);
            const c = cut(res.body, Math.min(STEP_LOG_BYTES, budget));
            text = c.text;
            entry.truncated = c.truncated;
          } catch (e) {
            entry.error = e instanceof Error ? e.message : String(e);
          }
        }
        entry.bytes = Buffer.byteLength(text);
        budget = Math.max(0, budget - entry.bytes);
        data[stepKey(steps.length)] = text;
        steps.push(entry);
      }
    }
    const cm = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: keptName(cluster, ns, name),
        namespace: this.rt.config.namespace,
        labels: { [RUN_LOG_LABEL]: "true", "pilothouse.dev/cluster": cluster.slice(0, 63) },
        annotations: {
          "pilothouse.dev/run": `${cluster}/${ns}/${name}`,
          "pilothouse.dev/pipeline": run.metadata.labels?.["tekton.dev/pipeline"] ?? run.spec?.pipelineRef?.name ?? "",
          "pilothouse.dev/kept-at": new Date().toISOString(),
        },
      },
      data: { ...data, "index.json": JSON.stringify({ cluster, namespace: ns, run: name, steps }) },
    };
    await k8sJSON(this.rt.host, `/api/v1/namespaces/${this.rt.config.namespace}/configmaps`, { method: "POST", body: cm, timeoutMs: TIMEOUT_MS }).catch((e) => {
      if (!(e instanceof K8sError && e.code === 409)) throw e;
    });
    await k8sJSON(conn, `/apis/${TEKTON_GROUP}/v1/namespaces/${ns}/pipelineruns/${name}`, {
      method: "PATCH",
      contentType: "application/merge-patch+json",
      body: { metadata: { annotations: { [logsKeptAnnotation(this.rt.config.namespace)]: cm.metadata.name } } },
      timeoutMs: TIMEOUT_MS,
    }).catch((e) => {
      if (!(e instanceof K8sError && e.code === 404)) throw e;
    });
  }
}

/** A run's kept logs, or undefined when the console kept none. */
export async function keptRun(rt: Runtime, cluster: string, namespace: string, run: string): Promise<KeptRun | undefined> {
  let cm: { metadata: { annotations?: Record<string, string> }; data?: Record<string, string> };
  try {
    cm = await k8sJSON(rt.host, `/api/v1/namespaces/${rt.config.namespace}/configmaps/${keptName(cluster, namespace, run)}`, { timeoutMs: TIMEOUT_MS });
  } catch (e) {
    if (e instanceof K8sError && e.code === 404) return undefined;
    throw e;
  }
  const index = JSON.parse(cm.data?.["index.json"] ?? "{}") as { cluster?: string; namespace?: string; run?: string; steps?: KeptStep[] };
  // The name is a hash: make sure it is this run's.
  if (index.cluster !== cluster || index.namespace !== namespace || index.run !== run) return undefined;
  return {
    cluster,
    namespace,
    run,
    pipeline: cm.metadata.annotations?.["pilothouse.dev/pipeline"] || undefined,
    keptAt: cm.metadata.annotations?.["pilothouse.dev/kept-at"] ?? "",
    steps: (index.steps ?? []).map((s, i) => ({ ...s, log: cm.data?.[stepKey(i)] ?? "" })),
  };
}

function log(msg: string, extra: Record<string, unknown>) {
  console.log(JSON.stringify({ time: new Date().toISOString(), level: "info", msg, ...extra }));
}
