// Named PromQL templates (like KubeSphere's promQLTemplates): dashboards ask
// for a template by name with parameters; parameters only ever become escaped
// label matchers, never text spliced into the query. Pure.

export type TemplateScope = "cluster" | "node" | "project" | "workload";

export interface TemplateParams {
  namespace?: string;
  node?: string;
  /** Workload name (deployment, statefulset or daemonset). */
  workload?: string;
  kind?: "deployment" | "statefulset" | "daemonset";
}

export interface Template {
  name: string;
  scope: TemplateScope;
  /** Unit of the values: for formatting and axis labels. */
  unit: "cores" | "bytes" | "ratio" | "count";
  description: string;
  /** Builds the query from already-validated matchers. */
  build: (m: Matchers) => string;
}

/** Label matchers built from parameters, each a complete `label="value"` fragment. */
interface Matchers {
  ns: string; // namespace="…"
  node: string; // node="…"
  pod: string; // pod=~"…" for a workload's pods
  deployment: string; // deployment="…" (kube-state-metrics)
  workloadLabel: string; // statefulset="…" / daemonset="…" / deployment="…"
}

export class TemplateParamError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

// Kubernetes names: namespaces and workloads are DNS labels/subdomains; node
// names are subdomains. Anything else is refused before a query is built.
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function checkName(param: string, v: string | undefined): string {
  if (!v) throw new TemplateParamError(param, `${param} is required`);
  if (v.length > 253 || !DNS_SUBDOMAIN.test(v)) throw new TemplateParamError(param, `${param} is not a Kubernetes name`);
  return v;
}

/** A PromQL string literal for a label value (double-quoted, escaped). */
export function promString(v: string): string {
  return `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/** A PromQL regex literal that matches exactly this text. */
export function promRegexLiteral(v: string): string {
  return v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function matchers(scope: TemplateScope, p: TemplateParams): Matchers {
  const m: Matchers = { ns: "", node: "", pod: "", deployment: "", workloadLabel: "" };
  if (scope === "node") m.node = `node=${promString(checkName("node", p.node))}`;
  if (scope === "project" || scope === "workload") m.ns = `namespace=${promString(checkName("namespace", p.namespace))}`;
  if (scope === "workload") {
    const w = checkName("workload", p.workload);
    const kind = p.kind ?? "deployment";
    if (!["deployment", "statefulset", "daemonset"].includes(kind)) throw new TemplateParamError("kind", "kind must be deployment, statefulset or daemonset");
    // A deployment's pods are <name>-<replicaset hash>-<suffix>; a statefulset's <name>-<ordinal>; a daemonset's <name>-<suffix>.
    const suffix = kind === "deployment" ? "-[a-z0-9]+-[a-z0-9]+" : kind === "statefulset" ? "-[0-9]+" : "-[a-z0-9]+";
    m.pod = `pod=~${promString(`${promRegexLiteral(w)}${suffix}`)}`;
    m.deployment = `deployment=${promString(w)}`;
    m.workloadLabel = `${kind}=${promString(w)}`;
  }
  return m;
}

const sel = (...parts: string[]) => `{${parts.filter(Boolean).join(",")}}`;

export const TEMPLATES: Template[] = [
  // ---- cluster ----
  { name: "cluster_cpu_usage", scope: "cluster", unit: "cores", description: "CPU used by all nodes", build: () => `sum(rate(node_cpu_usage_seconds_total[2m]))` },
  { name: "cluster_cpu_capacity", scope: "cluster", unit: "cores", description: "Allocatable CPU of all nodes", build: () => `sum(kube_node_status_allocatable{resource="cpu"})` },
  {
    name: "cluster_cpu_utilisation",
    scope: "cluster",
    unit: "ratio",
    description: "CPU used ÷ allocatable",
    build: () => `sum(rate(node_cpu_usage_seconds_total[2m])) / sum(kube_node_status_allocatable{resource="cpu"})`,
  },
  { name: "cluster_memory_usage", scope: "cluster", unit: "bytes", description: "Memory working set of all nodes", build: () => `sum(node_memory_working_set_bytes)` },
  { name: "cluster_memory_capacity", scope: "cluster", unit: "bytes", description: "Allocatable memory of all nodes", build: () => `sum(kube_node_status_allocatable{resource="memory"})` },
  {
    name: "cluster_memory_utilisation",
    scope: "cluster",
    unit: "ratio",
    description: "Memory used ÷ allocatable",
    build: () => `sum(node_memory_working_set_bytes) / sum(kube_node_status_allocatable{resource="memory"})`,
  },
  { name: "cluster_pods_running", scope: "cluster", unit: "count", description: "Pods in phase Running", build: () => `sum(kube_pod_status_phase{phase="Running"})` },
  { name: "cluster_pods_capacity", scope: "cluster", unit: "count", description: "Pods the nodes may run", build: () => `sum(kube_node_status_allocatable{resource="pods"})` },
  {
    name: "cluster_nodes_ready",
    scope: "cluster",
    unit: "count",
    description: "Nodes whose Ready condition is true",
    build: () => `sum(kube_node_status_condition{condition="Ready",status="true"})`,
  },
  { name: "cluster_nodes_total", scope: "cluster", unit: "count", description: "Nodes", build: () => `count(kube_node_info)` },
  {
    name: "cluster_node_cpu_usage",
    scope: "cluster",
    unit: "cores",
    description: "CPU used per node",
    build: () => `sum by (node) (rate(node_cpu_usage_seconds_total[2m]))`,
  },
  {
    name: "cluster_top_namespaces_cpu",
    scope: "cluster",
    unit: "cores",
    description: "The five namespaces using the most CPU",
    build: () => `topk(5, sum by (namespace) (rate(pod_cpu_usage_seconds_total[2m])))`,
  },
  {
    name: "cluster_top_namespaces_memory",
    scope: "cluster",
    unit: "bytes",
    description: "The five namespaces using the most memory",
    build: () => `topk(5, sum by (namespace) (pod_memory_working_set_bytes))`,
  },
  // ---- node ----
  { name: "node_cpu_usage", scope: "node", unit: "cores", description: "CPU used", build: (m) => `sum(rate(node_cpu_usage_seconds_total${sel(m.node)}[2m]))` },
  { name: "node_cpu_capacity", scope: "node", unit: "cores", description: "Allocatable CPU", build: (m) => `sum(kube_node_status_allocatable${sel(m.node, 'resource="cpu"')})` },
  { name: "node_memory_usage", scope: "node", unit: "bytes", description: "Memory working set", build: (m) => `sum(node_memory_working_set_bytes${sel(m.node)})` },
  {
    name: "node_memory_capacity",
    scope: "node",
    unit: "bytes",
    description: "Allocatable memory",
    build: (m) => `sum(kube_node_status_allocatable${sel(m.node, 'resource="memory"')})`,
  },
  { name: "node_pods_running", scope: "node", unit: "count", description: "Pods on the node", build: (m) => `count(kube_pod_info${sel(m.node)})` },
  // ---- project (namespace) ----
  {
    name: "project_cpu_usage",
    scope: "project",
    unit: "cores",
    description: "CPU used by the project's pods",
    build: (m) => `sum(rate(pod_cpu_usage_seconds_total${sel(m.ns)}[2m]))`,
  },
  {
    name: "project_cpu_requests",
    scope: "project",
    unit: "cores",
    description: "CPU requested by the project's pods",
    build: (m) => `sum(kube_pod_container_resource_requests${sel(m.ns, 'resource="cpu"')})`,
  },
  {
    name: "project_cpu_quota",
    scope: "project",
    unit: "cores",
    description: "The project's quota for CPU requests",
    build: (m) => `max(kube_resourcequota${sel(m.ns, 'resource="requests.cpu"', 'type="hard"')})`,
  },
  {
    name: "project_memory_usage",
    scope: "project",
    unit: "bytes",
    description: "Memory working set of the project's pods",
    build: (m) => `sum(pod_memory_working_set_bytes${sel(m.ns)})`,
  },
  {
    name: "project_memory_requests",
    scope: "project",
    unit: "bytes",
    description: "Memory requested by the project's pods",
    build: (m) => `sum(kube_pod_container_resource_requests${sel(m.ns, 'resource="memory"')})`,
  },
  {
    name: "project_memory_quota",
    scope: "project",
    unit: "bytes",
    description: "The project's quota for memory requests",
    build: (m) => `max(kube_resourcequota${sel(m.ns, 'resource="requests.memory"', 'type="hard"')})`,
  },
  { name: "project_pods", scope: "project", unit: "count", description: "The project's pods by phase", build: (m) => `sum by (phase) (kube_pod_status_phase${sel(m.ns)} > 0)` },
  {
    name: "project_top_pods_cpu",
    scope: "project",
    unit: "cores",
    description: "The five pods using the most CPU",
    build: (m) => `topk(5, sum by (pod) (rate(pod_cpu_usage_seconds_total${sel(m.ns)}[2m])))`,
  },
  {
    name: "project_top_pods_memory",
    scope: "project",
    unit: "bytes",
    description: "The five pods using the most memory",
    build: (m) => `topk(5, sum by (pod) (pod_memory_working_set_bytes${sel(m.ns)}))`,
  },
  // ---- workload ----
  {
    name: "workload_pod_cpu",
    scope: "workload",
    unit: "cores",
    description: "CPU used per pod of the workload",
    build: (m) => `sum by (pod) (rate(pod_cpu_usage_seconds_total${sel(m.ns, m.pod)}[2m]))`,
  },
  {
    name: "workload_pod_memory",
    scope: "workload",
    unit: "bytes",
    description: "Memory working set per pod of the workload",
    build: (m) => `sum by (pod) (pod_memory_working_set_bytes${sel(m.ns, m.pod)})`,
  },
  {
    name: "workload_replicas_available",
    scope: "workload",
    unit: "count",
    description: "Replicas available (deployments) or ready (statefulsets, daemonsets)",
    build: (m) =>
      m.workloadLabel.startsWith("deployment=")
        ? `sum(kube_deployment_status_replicas_available${sel(m.ns, m.deployment)})`
        : m.workloadLabel.startsWith("statefulset=")
          ? `sum(kube_statefulset_status_replicas_ready${sel(m.ns, m.workloadLabel)})`
          : `sum(kube_daemonset_status_number_ready${sel(m.ns, m.workloadLabel)})`,
  },
];

const BY_NAME = new Map(TEMPLATES.map((t) => [t.name, t]));

export function template(name: string): Template | undefined {
  return BY_NAME.get(name);
}

/** The query for a template with its parameters; throws TemplateParamError on bad parameters. */
export function buildQuery(name: string, params: TemplateParams): { template: Template; query: string } {
  const t = template(name);
  if (!t) throw new TemplateParamError("template", `there is no metric template "${name}"`);
  return { template: t, query: t.build(matchers(t.scope, params)) };
}

/** A sensible step for a range: about 240 points, at least 15 s (the scrape interval is 5 s). */
export function stepFor(rangeSeconds: number): number {
  const raw = Math.max(15, Math.ceil(rangeSeconds / 240));
  const nice = [15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];
  return nice.find((n) => n >= raw) ?? raw;
}

export const RANGES = { "15m": 900, "1h": 3600, "6h": 21_600, "24h": 86_400, "7d": 604_800 } as const;
export type RangeKey = keyof typeof RANGES;

/** The window of a range ending at `end` (Unix seconds, default now), aligned to its step so refreshes do not jitter. */
export function timeWindow(range: RangeKey, end?: number) {
  const e = Math.floor(end ?? Date.now() / 1000);
  const span = RANGES[range];
  const step = stepFor(span);
  const aligned = e - (e % step);
  return { start: aligned - span, end: aligned, step };
}
