import { z } from "@/lib/validations/zod";
import { type IngressBackend, type IngressObject, type IngressPath, type IngressPathType, type IngressRule, LEGACY_CLASS_ANNOTATION } from "@/lib/k8s/kinds/ingress";
import { DNS_LABEL, DNS_SUBDOMAIN, type FieldError, type FormErrors, INT, type Kept, absolutePathCode, hostCode, issue, issuesToErrors, kept, nameCode, portCode, serverFieldErrors, splitHosts } from "./form-common";

// The Ingress form as data, the same way as the HTTPRoute form's: values from
// an object, checks with message keys, the object back with everything the
// form does not show kept (annotations, the default backend, resource
// backends…), and where the API server's field errors belong. Pure.

export const INGRESS_PATH_TYPES = ["Prefix", "Exact", "ImplementationSpecific"] as const satisfies readonly IngressPathType[];
export const MAX_INGRESS_RULES = 32;
export const MAX_INGRESS_PATHS = 32;

export interface IngressPathRow {
  path: string;
  pathType: IngressPathType;
  /** The Service's name; empty for a backend the form does not edit (a resource, kept in backendKeep). */
  service: string;
  /** A port number or a port name of the Service. */
  port: string;
  keep: Kept;
  backendKeep: Kept;
}

export interface IngressRuleRow {
  /** Empty for any host. */
  host: string;
  paths: IngressPathRow[];
  keep: Kept;
}

export interface IngressTlsRow {
  /** Separated by commas or spaces. */
  hosts: string;
  secretName: string;
  keep: Kept;
}

export interface IngressForm {
  name: string;
  /** Empty: the cluster's default class. */
  className: string;
  rules: IngressRuleRow[];
  tls: IngressTlsRow[];
}

export const emptyIngressPath = (): IngressPathRow => ({ path: "/", pathType: "Prefix", service: "", port: "", keep: {}, backendKeep: {} });
export const emptyIngressRule = (): IngressRuleRow => ({ host: "", paths: [emptyIngressPath()], keep: {} });
export const emptyIngressTls = (): IngressTlsRow => ({ hosts: "", secretName: "", keep: {} });

export function emptyIngressForm(className = ""): IngressForm {
  return { name: "", className, rules: [emptyIngressRule()], tls: [] };
}

/** A resource backend (not a Service) the form shows but does not edit. */
export const resourceBackendText = (p: Pick<IngressPathRow, "backendKeep">): string | undefined => {
  const r = p.backendKeep.resource as IngressBackend["resource"] | undefined;
  return r ? `${r.kind}/${r.name}` : undefined;
};

/** The form's values of an existing ingress. */
export function ingressToForm(i: IngressObject): IngressForm {
  const spec = i.spec ?? {};
  return {
    name: i.metadata.name ?? "",
    className: spec.ingressClassName ?? i.metadata.annotations?.[LEGACY_CLASS_ANNOTATION] ?? "",
    rules: (spec.rules ?? []).map((r) => ({
      host: r.host ?? "",
      paths: (r.http?.paths ?? []).map((p) => {
        const port = p.backend.service?.port;
        return {
          path: p.path ?? "",
          pathType: p.pathType,
          service: p.backend.service?.name ?? "",
          port: port?.number !== undefined ? String(port.number) : (port?.name ?? ""),
          keep: kept(p, ["path", "pathType", "backend"]),
          backendKeep: kept(p.backend, ["service"]),
        };
      }),
      keep: kept(r, ["host", "http"]),
    })),
    tls: (spec.tls ?? []).map((t) => ({ hosts: (t.hosts ?? []).join(", "), secretName: t.secretName ?? "", keep: kept(t, ["hosts", "secretName"]) })),
  };
}

const isBlankPath = (p: IngressPathRow) => !p.service.trim() && !p.port.trim() && !resourceBackendText(p);
const isBlankTls = (t: IngressTlsRow) => !t.hosts.trim() && !t.secretName.trim();

const put = (ctx: z.RefinementCtx, path: (string | number)[], e: FieldError | undefined) => {
  if (e && "code" in e) issue(ctx, path, e.code, e.values);
};

const row = <T extends z.ZodRawShape>(shape: T) => z.object({ ...shape, keep: z.record(z.string(), z.unknown()) });

/** The checks; `hasDefaultBackend`: the ingress sends unmatched requests somewhere, so it needs no rule. */
export function ingressFormSchema(hasDefaultBackend = false) {
  return z
    .object({
      name: z.string(),
      className: z.string(),
      rules: z.array(
        row({
          host: z.string(),
          paths: z.array(row({ path: z.string(), pathType: z.enum(INGRESS_PATH_TYPES), service: z.string(), port: z.string(), backendKeep: z.record(z.string(), z.unknown()) })),
        }),
      ),
      tls: z.array(row({ hosts: z.string(), secretName: z.string() })),
    })
    .superRefine((f, ctx) => {
      put(ctx, ["name"], nameCode(f.name));
      const cls = f.className.trim();
      if (cls && (cls.length > 253 || !DNS_SUBDOMAIN.test(cls))) issue(ctx, ["className"], "dnsSubdomain");

      if (f.rules.length === 0 && !hasDefaultBackend) issue(ctx, ["rules"], "ruleRequired");
      if (f.rules.length > MAX_INGRESS_RULES) issue(ctx, ["rules"], "tooMany", { max: MAX_INGRESS_RULES });
      f.rules.forEach((r, i) => {
        const host = r.host.trim();
        if (host) put(ctx, ["rules", i, "host"], hostCode(host));
        const used = r.paths.filter((p) => !isBlankPath(p));
        if (used.length === 0) issue(ctx, ["rules", i, "paths", 0, "service"], "backendRequired");
        const seen = new Set<string>();
        r.paths.forEach((p, j) => {
          if (isBlankPath(p)) return;
          const at = ["rules", i, "paths", j];
          const path = p.path.trim();
          // Prefix and Exact need an absolute path; the controller's own kind may go without one.
          if (p.pathType !== "ImplementationSpecific" || path) put(ctx, [...at, "path"], absolutePathCode(path));
          const key = `${p.pathType} ${path}`;
          if (seen.has(key)) issue(ctx, [...at, "path"], "pathDuplicate");
          seen.add(key);
          if (resourceBackendText(p) && !p.service.trim()) return;
          const svc = p.service.trim();
          if (!svc) issue(ctx, [...at, "service"], "required");
          else if (svc.length > 63 || !DNS_LABEL.test(svc)) issue(ctx, [...at, "service"], "dnsLabel");
          put(ctx, [...at, "port"], portCode(p.port, true));
        });
      });

      f.tls.forEach((t, i) => {
        if (isBlankTls(t)) return;
        put(ctx, ["tls", i, "hosts"], splitHosts(t.hosts).map(hostCode).find(Boolean));
        const s = t.secretName.trim();
        if (s && (s.length > 253 || !DNS_SUBDOMAIN.test(s))) issue(ctx, ["tls", i, "secretName"], "dnsSubdomain");
      });
    });
}

/** Every field error, keyed by field ("name", "rules.0.paths.1.port", "tls.0.secretName" …). */
export function validateIngressForm(f: IngressForm, hasDefaultBackend = false): FormErrors {
  const r = ingressFormSchema(hasDefaultBackend).safeParse(f);
  return r.success ? {} : issuesToErrors(r.error.issues);
}

function backendOf(p: IngressPathRow): IngressBackend {
  const svc = p.service.trim();
  if (!svc) return { ...p.backendKeep } as IngressBackend;
  const port = p.port.trim();
  // A Service backend names no resource: the API refuses both.
  const rest = { ...p.backendKeep };
  delete rest.resource;
  return { ...rest, service: { name: svc, port: INT.test(port) ? { number: Number(port) } : { name: port } } };
}

/**
 * The Ingress the form describes. With `original` (editing), that object with
 * its class, rules and TLS replaced and everything else as it was. A class
 * the old annotation gave, left as it was, stays in the annotation: the API
 * refuses both on one object.
 */
export function buildIngress(f: IngressForm, ns: string, original?: IngressObject): IngressObject {
  const spec: NonNullable<IngressObject["spec"]> & Record<string, unknown> = { ...(original?.spec ?? {}) };
  const cls = f.className.trim();
  const legacy = original?.metadata.annotations?.[LEGACY_CLASS_ANNOTATION];
  if (cls && !(original && !original.spec?.ingressClassName && legacy === cls)) spec.ingressClassName = cls;
  else if (!cls) delete spec.ingressClassName;
  spec.rules = f.rules.map((r): IngressRule => {
    const host = r.host.trim();
    const paths = r.paths
      .filter((p) => !isBlankPath(p))
      .map((p): IngressPath => {
        const path = p.path.trim();
        return { ...p.keep, ...(path ? { path } : {}), pathType: p.pathType, backend: backendOf(p) } as IngressPath;
      });
    return { ...r.keep, ...(host ? { host } : {}), http: { paths } };
  });
  if (!spec.rules.length) delete spec.rules;
  const tls = f.tls.filter((t) => !isBlankTls(t)).map((t) => {
    const hosts = splitHosts(t.hosts);
    const secretName = t.secretName.trim();
    return { ...t.keep, ...(hosts.length ? { hosts } : {}), ...(secretName ? { secretName } : {}) };
  });
  if (tls.length) spec.tls = tls;
  else delete spec.tls;
  if (original) return { ...original, apiVersion: "networking.k8s.io/v1", kind: "Ingress", spec };
  return { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: f.name.trim(), namespace: ns }, spec };
}

/** The form field an API server error's field path belongs to; undefined when the form has none for it. */
export function ingressFieldFor(path: (string | number)[]): string | undefined {
  const [a, b, i, c, d, j, e, g, h] = path;
  if (a === "metadata" && b === "name") return "name";
  if (a === "metadata" && b === "annotations") return "className";
  if (a !== "spec") return undefined;
  if (b === "ingressClassName") return "className";
  if (b === "tls" && typeof i === "number") return `tls.${i}.${c === "secretName" ? "secretName" : "hosts"}`;
  if (b !== "rules" || typeof i !== "number") return undefined;
  if (c === "host") return `rules.${i}.host`;
  if (c === "http" && d === "paths" && typeof j === "number") {
    if (e === "path" || e === "pathType") return `rules.${i}.paths.${j}.path`;
    if (e === "backend") return `rules.${i}.paths.${j}.${g === "service" && h === "port" ? "port" : "service"}`;
    return `rules.${i}.paths.${j}.service`;
  }
  return undefined;
}

export const ingressServerErrors = (causes: { field?: string; message?: string; reason?: string }[]) => serverFieldErrors(causes, ingressFieldFor);
