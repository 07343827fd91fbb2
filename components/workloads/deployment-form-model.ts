import type { Container, Probe } from "@/lib/k8s/kinds/common";
import type { DeploymentObject } from "@/lib/k8s/kinds/deployment";
import { checkQuantity } from "@/lib/k8s/quantity-validate";
import { type CodedErrors, type FieldError, splitCauses } from "@/components/ui/coded-errors";

// The "create deployment" form as data: its state, field-by-field checks, the
// Deployment it makes, and where the API server's field errors belong. Pure.

export const PROTOCOLS = ["TCP", "UDP", "SCTP"] as const;

export interface PortRow {
  /** Optional; probes and Services may refer to the port by it. */
  name: string;
  containerPort: string;
  protocol: (typeof PROTOCOLS)[number];
}

export interface EnvRow {
  name: string;
  value: string;
}

export type ProbeKind = "none" | "http" | "tcp";

export interface ProbeState {
  kind: ProbeKind;
  path: string;
  port: string;
  initialDelaySeconds: string;
  periodSeconds: string;
}

export type Resource = "cpu" | "memory";

export interface DeploymentForm {
  name: string;
  image: string;
  replicas: string;
  ports: PortRow[];
  env: EnvRow[];
  requests: Record<Resource, string>;
  limits: Record<Resource, string>;
  liveness: ProbeState;
  readiness: ProbeState;
}

export type ProbeName = "liveness" | "readiness";

export const emptyProbe = (): ProbeState => ({ kind: "none", path: "/", port: "", initialDelaySeconds: "", periodSeconds: "" });

export function emptyForm(): DeploymentForm {
  return {
    name: "",
    image: "",
    replicas: "1",
    ports: [],
    env: [],
    requests: { cpu: "", memory: "" },
    limits: { cpu: "", memory: "" },
    liveness: emptyProbe(),
    readiness: emptyProbe(),
  };
}

/** Codes are message keys of workloads.form.errors. */
export type { FieldError };
export type FormErrors = CodedErrors;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const INT = /^\d+$/;

const isBlankPort = (p: PortRow) => p.containerPort.trim() === "" && p.name.trim() === "";

/**
 * A port name as Kubernetes takes it (IANA_SVC_NAME): at most 15 lowercase
 * letters, digits and single dashes inside, with at least one letter.
 */
export function checkPortName(v: string): FieldError | undefined {
  if (v.length > 15) return { code: "tooLong", values: { max: 15 } };
  if (!PORT_NAME.test(v) || v.includes("--")) return { code: "portName" };
  return undefined;
}
const isBlankEnv = (e: EnvRow) => e.name.trim() === "" && e.value === "";

function checkPort(v: string, allowName: boolean): FieldError | undefined {
  const s = v.trim();
  if (!s) return { code: "required" };
  if (INT.test(s)) {
    const n = Number(s);
    return n >= 1 && n <= 65535 ? undefined : { code: "port" };
  }
  if (allowName && !checkPortName(s)) return undefined;
  return { code: allowName ? "probePort" : "port" };
}

function checkProbe(p: ProbeState, name: ProbeName, out: FormErrors) {
  if (p.kind === "none") return;
  if (p.kind === "http" && !p.path.trim().startsWith("/")) out[`${name}.path`] = { code: "probePath" };
  const port = checkPort(p.port, true);
  if (port) out[`${name}.port`] = port;
  const delay = p.initialDelaySeconds.trim();
  if (delay && !INT.test(delay)) out[`${name}.initialDelaySeconds`] = { code: "seconds" };
  const period = p.periodSeconds.trim();
  if (period && (!INT.test(period) || Number(period) < 1)) out[`${name}.periodSeconds`] = { code: "period" };
}

/** Every field error, keyed by field id ("name", "ports.0.containerPort", "limits.cpu" …). */
export function validateForm(f: DeploymentForm): FormErrors {
  const out: FormErrors = {};
  const name = f.name.trim();
  if (!name) out.name = { code: "required" };
  else if (name.length > 63) out.name = { code: "tooLong", values: { max: 63 } };
  else if (!DNS_LABEL.test(name)) out.name = { code: "dnsLabel" };

  const image = f.image.trim();
  if (!image) out.image = { code: "required" };
  else if (/\s/.test(image)) out.image = { code: "imageSpaces" };

  const replicas = f.replicas.trim();
  if (!INT.test(replicas)) out.replicas = { code: "replicas" };

  const seenPorts = new Set<string>();
  const seenNames = new Set<string>();
  f.ports.forEach((p, i) => {
    if (isBlankPort(p)) return;
    const e = checkPort(p.containerPort, false);
    if (e) out[`ports.${i}.containerPort`] = e;
    const key = `${p.containerPort.trim()}/${p.protocol}`;
    if (!e && seenPorts.has(key)) out[`ports.${i}.containerPort`] = { code: "portDuplicate" };
    seenPorts.add(key);
    const n = p.name.trim();
    if (!n) return;
    const ne = checkPortName(n) ?? (seenNames.has(n) ? { code: "portNameDuplicate" } : undefined);
    if (ne) out[`ports.${i}.name`] = ne;
    seenNames.add(n);
  });

  const seenEnv = new Set<string>();
  f.env.forEach((e, i) => {
    if (isBlankEnv(e)) return;
    const n = e.name.trim();
    if (!n) out[`env.${i}.name`] = { code: "required" };
    // Kubernetes accepts any printable ASCII but "=" in a variable name.
    else if (!/^[\x21-\x3c\x3e-\x7e]+$/.test(n)) out[`env.${i}.name`] = { code: "envName" };
    else if (seenEnv.has(n)) out[`env.${i}.name`] = { code: "envDuplicate" };
    seenEnv.add(n);
  });

  const parsed: Partial<Record<`${"requests" | "limits"}.${Resource}`, number>> = {};
  for (const kind of ["requests", "limits"] as const) {
    for (const r of ["cpu", "memory"] as const) {
      const v = f[kind][r].trim();
      if (!v) continue;
      const c = checkQuantity(v, r);
      if (!c.ok) out[`${kind}.${r}`] = { code: "quantity", values: { hint: c.message } };
      else parsed[`${kind}.${r}`] = c.value;
    }
  }
  for (const r of ["cpu", "memory"] as const) {
    const req = parsed[`requests.${r}`];
    const lim = parsed[`limits.${r}`];
    if (req !== undefined && lim !== undefined && req > lim) out[`requests.${r}`] = { code: "requestOverLimit", values: { limit: f.limits[r].trim() } };
  }

  checkProbe(f.liveness, "liveness", out);
  checkProbe(f.readiness, "readiness", out);
  return out;
}

function probe(p: ProbeState): Probe | undefined {
  if (p.kind === "none") return undefined;
  const portText = p.port.trim();
  const port: number | string = INT.test(portText) ? Number(portText) : portText;
  const out: Probe = p.kind === "http" ? { httpGet: { path: p.path.trim(), port } } : { tcpSocket: { port } };
  if (p.initialDelaySeconds.trim()) out.initialDelaySeconds = Number(p.initialDelaySeconds.trim());
  if (p.periodSeconds.trim()) out.periodSeconds = Number(p.periodSeconds.trim());
  return out;
}

function quantities(q: Record<Resource, string>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const r of ["cpu", "memory"] as const) if (q[r].trim()) out[r] = q[r].trim();
  return Object.keys(out).length ? out : undefined;
}

/** The Deployment the form describes: one container named like the deployment, labelled app=<name>. */
export function buildDeployment(f: DeploymentForm, ns: string): DeploymentObject {
  const name = f.name.trim();
  const labels = { app: name };
  const container: Container = { name, image: f.image.trim() };
  const ports = f.ports
    .filter((p) => !isBlankPort(p))
    .map((p) => ({ ...(p.name.trim() ? { name: p.name.trim() } : {}), containerPort: Number(p.containerPort.trim()), protocol: p.protocol }));
  if (ports.length) container.ports = ports;
  const env = f.env.filter((e) => !isBlankEnv(e)).map((e) => ({ name: e.name.trim(), value: e.value }));
  if (env.length) container.env = env;
  const requests = quantities(f.requests);
  const limits = quantities(f.limits);
  if (requests || limits) container.resources = { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
  const liveness = probe(f.liveness);
  if (liveness) container.livenessProbe = liveness;
  const readiness = probe(f.readiness);
  if (readiness) container.readinessProbe = readiness;
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: ns, labels },
    spec: {
      replicas: Number(f.replicas.trim()),
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [container] } },
    },
  };
}

const CONTAINER = /^spec\.template\.spec\.containers\[0\]\.(.+)$/;

/**
 * The form field an API server error's field path belongs to, e.g.
 * spec.template.spec.containers[0].image → "image"; undefined when it has no
 * field on the form (shown with the form's general errors).
 */
export function fieldForCause(path: string): string | undefined {
  if (path === "metadata.name" || path === "spec.selector" || path.startsWith("spec.selector.") || path.startsWith("spec.template.metadata.labels") || path.startsWith("metadata.labels")) {
    return "name";
  }
  if (path === "spec.replicas") return "replicas";
  const m = CONTAINER.exec(path);
  if (!m) return undefined;
  const rest = m[1];
  if (rest === "image" || rest.startsWith("image")) return "image";
  if (rest === "name") return "name";
  let x: RegExpExecArray | null;
  if ((x = /^ports\[(\d+)\](?:\.(name))?/.exec(rest))) return `ports.${x[1]}.${x[2] ?? "containerPort"}`;
  if ((x = /^env\[(\d+)\](?:\.(name|value))?/.exec(rest))) return `env.${x[1]}.${x[2] === "value" ? "value" : "name"}`;
  if ((x = /^resources\.(requests|limits)(?:\[(cpu|memory)\]|\.(cpu|memory))?/.exec(rest))) {
    const r = x[2] ?? x[3];
    return r ? `${x[1]}.${r}` : "resources";
  }
  if ((x = /^(liveness|readiness)Probe(?:\.(.+))?$/.exec(rest))) {
    const sub = x[2] ?? "";
    if (sub.endsWith("path")) return `${x[1]}.path`;
    if (sub.endsWith("initialDelaySeconds")) return `${x[1]}.initialDelaySeconds`;
    if (sub.endsWith("periodSeconds")) return `${x[1]}.periodSeconds`;
    return `${x[1]}.port`;
  }
  return undefined;
}

/** Splits the API server's causes into field errors (its words) and the rest. */
export function serverFieldErrors(causes: { field?: string; message?: string; reason?: string }[]): { fields: FormErrors; other: string[] } {
  return splitCauses(causes, fieldForCause);
}
