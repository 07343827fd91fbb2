import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import https from "node:https";
import path from "node:path";
import { parse as parseYAML, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientCertSignedBy, throwawayCA } from "../../test/support/certs";
import { type ConsoleProcess, adminToken, fleetKubeconfigText, startConsole } from "../../test/support/console";
import { fleetClusters, fleetDir, kubeConfigFor, kubectl, repoRoot, uniqueName } from "../../test/support/fleet";

// The bad-input corpus: every JSON API of the console with input of the wrong
// shape, missing fields, wrong types, names that are upper case, too long or
// not ASCII, bad quantities, and kubeconfigs that cannot work. Each must get
// its exact status with an error naming the field (`error.fields`), never a
// 500, and nothing may be saved: the console's state in the host cluster
// (its pilothouse.dev objects and Secrets, with their resourceVersions) and
// the host's namespaces are the same after the corpus as before it.

const run = randomBytes(3).toString("hex");
const namespace = uniqueName("ph-badinput");
const tenant = `bi-${run}`;
const project = `bi-${run}-p`;
const role = `bi-${run}-r`;
const user = `bi-${run}-u`;

let con: ConsoleProcess;
let admin: string;

async function call(method: string, p: string, body?: unknown, raw?: string) {
  const t0 = performance.now();
  const res = await fetch(`${con.url}${p}`, {
    method,
    headers: { authorization: `Bearer ${admin}`, ...(body !== undefined || raw !== undefined ? { "content-type": "application/json" } : {}) },
    body: raw ?? (body !== undefined ? JSON.stringify(body) : undefined),
  });
  const text = await res.text();
  let json: { error?: { code: string; message: string; fields?: Record<string, string> } } = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    /* checked by the caller */
  }
  return { status: res.status, body: json, text, ms: performance.now() - t0 };
}

// ---- what "nothing saved" compares ------------------------------------------------

const hostKC = kubeConfigFor("host");

async function hostGET<T>(p: string): Promise<T> {
  const cluster = hostKC.getCurrentCluster()!;
  const url = new URL(cluster.server);
  const opts: https.RequestOptions = { hostname: url.hostname, port: url.port, path: p, method: "GET", headers: { accept: "application/json" } };
  await hostKC.applyToHTTPSOptions(opts);
  return new Promise((resolve, reject) => {
    const req = https.request(opts, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as T));
    });
    req.on("error", reject);
    req.end();
  });
}

type List = { items: { metadata: { name: string; resourceVersion: string; labels?: Record<string, string> } }[] };

/** The console's state: every object of its namespace with its version, and its tenants' namespaces on the host. */
async function state(): Promise<string[]> {
  const paths = [
    ...["clusters", "tenants", "users", "roles", "rolebindings", "accesstokens", "chartrepositories"].map((r) => `/apis/pilothouse.dev/v1alpha1/namespaces/${namespace}/${r}`),
    `/api/v1/namespaces/${namespace}/secrets`,
  ];
  const lists = await Promise.all(paths.map((p) => hostGET<List>(p)));
  const out = lists.flatMap((l, i) => l.items.map((o) => `${paths[i].split("/").at(-1)}/${o.metadata.name}@${o.metadata.resourceVersion}`));
  // Only the namespaces this console's tenants own: other test files create and delete theirs meanwhile.
  const tenants = new Set(lists[1].items.map((t) => t.metadata.name));
  const namespaces = await hostGET<List>("/api/v1/namespaces");
  out.push(...namespaces.items.filter((n) => tenants.has(n.metadata.labels?.["pilothouse.dev/tenant"] ?? "")).map((n) => `namespace/${n.metadata.name}`));
  return out.sort();
}

// ---- kubeconfigs -------------------------------------------------------------------

type KC = {
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: Record<string, unknown> }[];
  "current-context"?: string;
};
const b64 = (s: string) => Buffer.from(s).toString("base64");

/** A fleet cluster's kubeconfig, edited. */
function kubeconfig(cluster: string, edit: (k: KC) => void = () => {}): string {
  const k = parseYAML(fleetKubeconfigText(cluster)) as KC;
  edit(k);
  return stringify(k);
}
const pki = (cluster: string, file: string) => readFileSync(path.join(fleetDir, "clusters", cluster, "pki", file), "utf8");
const hour = 3_600_000;

function withClientCert(cluster: string, cert: string, key: string) {
  return kubeconfig(cluster, (k) => {
    k.users[0].user = { "client-certificate-data": b64(cert), "client-key-data": b64(key) };
  });
}

beforeAll(async () => {
  con = await startConsole({ namespace });
  admin = await adminToken(con);
  const ok = async (method: string, p: string, body: unknown) => {
    const r = await call(method, p, body);
    if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${r.text}`);
  };
  await ok("POST", "/api/users", { username: user, password: "bad-input-password" });
  await ok("POST", "/api/tenants", { name: tenant, clusters: ["host"], managers: [user], acknowledgeHostCluster: true });
  await ok("POST", "/api/roles", { name: role, scope: "tenant", tenant, rules: [{ resources: ["core/configmaps"], verbs: ["get"] }] });
  await kubectl("host", ["create", "namespace", project]);
  await kubectl("host", ["label", "namespace", project, `pilothouse.dev/tenant=${tenant}`]);
}, 120_000);

afterAll(async () => {
  await con?.stop();
  await kubectl("host", ["delete", "namespace", project, namespace, "--wait=false"]).catch(() => undefined);
});

// ---- the corpus ---------------------------------------------------------------------

interface Case {
  name: string;
  method: string;
  path: string;
  body?: unknown | (() => unknown);
  raw?: string;
  status: number;
  code?: string;
  /** Field errors the answer must carry: field → message pattern. */
  fields?: Record<string, RegExp>;
  /** The answer must come within this many milliseconds. */
  withinMs?: number;
}

const kc = (name: string, kubeconfigText: () => string, extra: Record<string, unknown> = {}) => () => ({ source: "kubeconfig", name, kubeconfig: kubeconfigText(), ...extra });
const member = (name: string, edit: (k: KC) => void, extra: Record<string, unknown> = {}) => kc(name, () => kubeconfig("member-2", edit), extra);
const server = (c: string) => fleetClusters().find((x) => x.name === c)!.server;
const v = (fields: Record<string, RegExp>, status = 422): Pick<Case, "status" | "code" | "fields"> => ({
  status,
  code: status === 409 ? "conflict" : "validation_failed",
  fields,
});

const clusters: Case[] = [
  { name: "a JSON array", method: "POST", path: "/api/clusters", raw: "[]", ...v({ _: /expected object, received array/ }) },
  { name: "JSON null", method: "POST", path: "/api/clusters", raw: "null", ...v({ _: /expected object/ }) },
  { name: "a JSON string", method: "POST", path: "/api/clusters", raw: '"host"', ...v({ _: /expected object/ }) },
  { name: "not JSON", method: "POST", path: "/api/clusters", raw: "{source: kubeconfig", status: 400, code: "bad_request" },
  { name: "deeply nested JSON", method: "POST", path: "/api/clusters", raw: `${"[".repeat(100_000)}${"]".repeat(100_000)}`, ...v({ _: /expected object/ }) },
  { name: "no source", method: "POST", path: "/api/clusters", body: {}, ...v({ source: /kubeconfig' \| 'token/ }) },
  { name: "an unknown source", method: "POST", path: "/api/clusters", body: { source: "ssh" }, ...v({ source: /kubeconfig' \| 'token/ }) },
  { name: "an upper-case name", method: "POST", path: "/api/clusters", body: kc("Member-2", () => fleetKubeconfigText("member-2")), ...v({ name: /lowercase/ }) },
  { name: "a name of 41 characters", method: "POST", path: "/api/clusters", body: kc("m".repeat(41), () => fleetKubeconfigText("member-2")), ...v({ name: /At most 40/ }) },
  { name: "a unicode name", method: "POST", path: "/api/clusters", body: kc("mémber-2", () => fleetKubeconfigText("member-2")), ...v({ name: /lowercase letters, digits and '-'/ }) },
  { name: "a name that is a number", method: "POST", path: "/api/clusters", body: kc(42 as unknown as string, () => fleetKubeconfigText("member-2")), ...v({ name: /Enter a cluster name/ }) },
  { name: "a kubeconfig that is a number", method: "POST", path: "/api/clusters", body: { source: "kubeconfig", name: `x-${run}`, kubeconfig: 42 }, ...v({ kubeconfig: /Paste or upload/ }) },
  { name: "a garbage kubeconfig", method: "POST", path: "/api/clusters", body: kc(`x-${run}`, () => "clusters: [\n  - {name: a"), ...v({ kubeconfig: /not valid YAML/ }) },
  { name: "a kubeconfig that is prose", method: "POST", path: "/api/clusters", body: kc(`x-${run}`, () => "please register my cluster"), ...v({ kubeconfig: /not a kubeconfig/ }) },
  { name: "a kubeconfig over 256 KiB", method: "POST", path: "/api/clusters", body: kc(`x-${run}`, () => `# ${"x".repeat(300_000)}\n${fleetKubeconfigText("member-2")}`), ...v({ kubeconfig: /256 KiB/ }) },
  { name: "a YAML alias bomb", method: "POST", path: "/api/clusters", body: kc(`x-${run}`, () => `a: &a [x, x]\n${Array.from({ length: 30 }, (_, i) => `b${i}: &b${i} [*${i ? `b${i - 1}` : "a"}, *${i ? `b${i - 1}` : "a"}]`).join("\n")}\n`), ...v({ kubeconfig: /./ }) },
  { name: "another cluster's CA", method: "POST", path: "/api/clusters", body: member(`x-${run}`, (k) => (k.clusters[0].cluster["certificate-authority-data"] = b64(pki("member-1", "ca.crt")))), ...v({ ca: /not signed by the given certificate authority/ }) },
  { name: "CA data that is not a certificate", method: "POST", path: "/api/clusters", body: member(`x-${run}`, (k) => (k.clusters[0].cluster["certificate-authority-data"] = b64("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))), ...v({ ca: /not a PEM certificate/ }) },
  { name: "CA data that is a number", method: "POST", path: "/api/clusters", body: member(`x-${run}`, (k) => (k.clusters[0].cluster["certificate-authority-data"] = 123)), ...v({ kubeconfig: /not a base64 string/ }) },
  { name: "list: a limit of 0", method: "GET", path: "/api/clusters?limit=0", ...v({ limit: /At least 1/ }) },
  { name: "list: a limit of 501", method: "GET", path: "/api/clusters?limit=501", ...v({ limit: /At most 500/ }) },
  { name: "list: a limit that is not a number", method: "GET", path: "/api/clusters?limit=ten", ...v({ limit: /whole number/ }) },
  { name: "list: an unknown status", method: "GET", path: "/api/clusters?status=Sleeping", ...v({ status: /Ready, Unreachable/ }) },
  { name: "list: a label selector with a set", method: "GET", path: "/api/clusters?label=env%20in%20(a,b)", ...v({ label: /label selector/ }) },
  { name: "list: a cursor that is no cluster name", method: "GET", path: "/api/clusters?cursor=..%2Fetc", ...v({ cursor: /Not a cursor/ }) },
  { name: "list: an unknown parameter", method: "GET", path: "/api/clusters?page=2", ...v({ _: /Unrecognized key/ }) },
  {
    name: "an expired client certificate signed by the cluster's own CA",
    method: "POST",
    path: "/api/clusters",
    body: kc(`x-${run}`, () => {
      const c = clientCertSignedBy({ cert: pki("member-2", "ca.crt"), key: pki("member-2", "ca.key") }, { cn: "expired-admin", org: "system:masters", notBefore: new Date(Date.now() - 48 * hour), notAfter: new Date(Date.now() - 24 * hour) });
      return withClientCert("member-2", c.cert, c.key);
    }),
    ...v({ credentials: /client certificate expired on \d{4}-\d{2}-\d{2}/ }),
  },
  {
    name: "a client certificate not valid yet",
    method: "POST",
    path: "/api/clusters",
    body: kc(`x-${run}`, () => {
      const c = clientCertSignedBy({ cert: pki("member-2", "ca.crt"), key: pki("member-2", "ca.key") }, { cn: "future-admin", org: "system:masters", notBefore: new Date(Date.now() + 24 * hour), notAfter: new Date(Date.now() + 48 * hour) });
      return withClientCert("member-2", c.cert, c.key);
    }),
    ...v({ credentials: /not valid before/ }),
  },
  {
    name: "a client certificate from a CA the cluster does not trust (the cluster says 401)",
    method: "POST",
    path: "/api/clusters",
    body: kc(`x-${run}`, () => {
      const c = clientCertSignedBy(throwawayCA(), { cn: "stranger", org: "system:masters", notBefore: new Date(Date.now() - hour), notAfter: new Date(Date.now() + hour) });
      return withClientCert("member-2", c.cert, c.key);
    }),
    ...v({ credentials: /rejected the credentials \(401 Unauthorized\)/ }),
  },
  {
    name: "a client key that belongs to another certificate",
    method: "POST",
    path: "/api/clusters",
    body: member(`x-${run}`, (k) => (k.users[0].user["client-key-data"] = (parseYAML(fleetKubeconfigText("member-1")) as KC).users[0].user["client-key-data"])),
    ...v({ credentials: /does not belong to the client certificate/ }),
  },
  { name: "a client key that is not a key", method: "POST", path: "/api/clusters", body: member(`x-${run}`, (k) => (k.users[0].user["client-key-data"] = b64("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"))), ...v({ credentials: /not a PEM private key/ }) },
  {
    name: "an unreachable server (refused) answers at once",
    method: "POST",
    path: "/api/clusters",
    body: member(`x-${run}`, (k) => (k.clusters[0].cluster.server = "https://127.0.0.1:1")),
    ...v({ server: /connection refused/ }),
    withinMs: 2_000,
  },
  {
    name: "an unreachable server (no answer at all) answers within the 5 s budget",
    method: "POST",
    path: "/api/clusters",
    body: member(`x-${run}`, (k) => (k.clusters[0].cluster.server = "https://192.0.2.254:6443")),
    // A black hole here; some networks answer "unreachable" at once instead.
    ...v({ server: /did not answer within 5 seconds|Cannot reach/ }),
    withinMs: 6_000,
  },
  { name: "an http:// server", method: "POST", path: "/api/clusters", body: member(`x-${run}`, (k) => (k.clusters[0].cluster.server = server("member-2").replace("https:", "http:"))), ...v({ server: /must use https/ }) },
  { name: "a server URL with a password in it", method: "POST", path: "/api/clusters", body: member(`x-${run}`, (k) => (k.clusters[0].cluster.server = server("member-2").replace("https://", "https://admin:hunter2@"))), ...v({ server: /user name or password/ }) },
  { name: "a server URL with a query", method: "POST", path: "/api/clusters", body: member(`x-${run}`, (k) => (k.clusters[0].cluster.server = `${server("member-2")}/?token=abc`)), ...v({ server: /query/ }) },
  {
    name: "insecure-skip-tls-verify: true without allowInsecure",
    method: "POST",
    path: "/api/clusters",
    body: member(`x-${run}`, (k) => {
      delete k.clusters[0].cluster["certificate-authority-data"];
      k.clusters[0].cluster["insecure-skip-tls-verify"] = true;
    }),
    ...v({ insecureSkipTLSVerify: /Allow insecure connections explicitly/ }),
  },
  {
    name: "an exec-plugin user",
    method: "POST",
    path: "/api/clusters",
    body: member(`x-${run}`, (k) => (k.users[0].user = { exec: { apiVersion: "client.authentication.k8s.io/v1", command: "aws", args: ["eks", "get-token"] } })),
    ...v({ kubeconfig: /runs? aws \(exec plugin\)|running aws \(exec plugin\)/ }),
  },
  { name: "an auth-provider user", method: "POST", path: "/api/clusters", body: member(`x-${run}`, (k) => (k.users[0].user = { "auth-provider": { name: "gcp" } })), ...v({ kubeconfig: /auth-provider plugin/ }) },
  { name: "a client certificate by file path", method: "POST", path: "/api/clusters", body: member(`x-${run}`, (k) => (k.users[0].user = { "client-certificate": "/home/me/.kube/c.crt", "client-key": "/home/me/.kube/c.key" })), ...v({ kubeconfig: /files on your machine/ }) },
  { name: "a CA by file path", method: "POST", path: "/api/clusters", body: member(`x-${run}`, (k) => (k.clusters[0].cluster = { server: server("member-2"), "certificate-authority": "/etc/ca.crt" })), ...v({ kubeconfig: /file path/ }) },
  { name: "a context that is not there", method: "POST", path: "/api/clusters", body: kc(`x-${run}`, () => fleetKubeconfigText("member-2"), { context: "nope" }), ...v({ context: /Context "nope" is not in the kubeconfig/ }) },
  { name: "no current context", method: "POST", path: "/api/clusters", body: member(`x-${run}`, (k) => delete k["current-context"]), ...v({ context: /no current-context/ }) },
  { name: "the host cluster again under another name (same kube-system UID)", method: "POST", path: "/api/clusters", body: kc(`again-${run}`, () => fleetKubeconfigText("host")), ...v({ kubeconfig: /same cluster as "host"/ }, 409) },
  { name: "a name that is taken", method: "POST", path: "/api/clusters", body: kc("host", () => fleetKubeconfigText("member-2")), ...v({ name: /already registered/ }, 409) },
  { name: "a label key with a space", method: "POST", path: "/api/clusters", body: kc(`x-${run}`, () => fleetKubeconfigText("member-2"), { labels: { "bad key": "v" } }), ...v({ "labels.bad key": /not a valid label key/ }) },
  { name: "a reserved label prefix", method: "POST", path: "/api/clusters", body: kc(`x-${run}`, () => fleetKubeconfigText("member-2"), { labels: { "pilothouse.dev/tenant": "x" } }), ...v({ "labels.pilothouse.dev/tenant": /reserved/ }) },
  { name: "labels that are a string", method: "POST", path: "/api/clusters", body: kc(`x-${run}`, () => fleetKubeconfigText("member-2"), { labels: "env=prod" }), ...v({ labels: /expected record/ }) },
  { name: "a javascript: Prometheus address", method: "POST", path: "/api/clusters", body: kc(`x-${run}`, () => fleetKubeconfigText("member-2"), { prometheusURL: "javascript:alert(1)" }), ...v({ prometheusURL: /http:\/\/ or https:\/\// }) },
  { name: "a javascript: gateway address", method: "POST", path: "/api/clusters", body: kc(`x-${run}`, () => fleetKubeconfigText("member-2"), { gatewayURL: "javascript:alert(1)" }), ...v({ gatewayURL: /http:\/\/ or https:\/\// }) },
  { name: "a gateway address with a user and password", method: "POST", path: "/api/clusters", body: kc(`x-${run}`, () => fleetKubeconfigText("member-2"), { gatewayURL: "http://admin:secret@127.0.0.1:8080" }), ...v({ gatewayURL: /user name or password/ }) },
  { name: "basic Prometheus auth without its fields", method: "POST", path: "/api/clusters", body: kc(`x-${run}`, () => fleetKubeconfigText("member-2"), { prometheusAuth: { type: "basic" } }), ...v({ "prometheusAuth.username": /expected string/, "prometheusAuth.password": /expected string/ }) },
  { name: "an unknown Prometheus auth type", method: "POST", path: "/api/clusters", body: kc(`x-${run}`, () => fleetKubeconfigText("member-2"), { prometheusAuth: { type: "oauth" } }), ...v({ "prometheusAuth.type": /none, bearer or basic|Invalid/ }) },
  { name: "a display name with control characters", method: "POST", path: "/api/clusters", body: kc(`x-${run}`, () => fleetKubeconfigText("member-2"), { displayName: "prod\u001b[2J" }), ...v({ displayName: /Control characters/ }) },
  { name: "allowInsecure as a string", method: "POST", path: "/api/clusters", body: kc(`x-${run}`, () => fleetKubeconfigText("member-2"), { allowInsecure: "yes" }), ...v({ allowInsecure: /expected boolean/ }) },
  { name: "token source: an http:// server", method: "POST", path: "/api/clusters", body: { source: "token", name: `x-${run}`, server: "http://127.0.0.1:20140", token: "t" }, ...v({ server: /must start with https/ }) },
  { name: "token source: CA data that is not PEM", method: "POST", path: "/api/clusters", body: { source: "token", name: `x-${run}`, server: "https://127.0.0.1:20140", token: "t", caData: "MIIB..." }, ...v({ caData: /PEM form/ }) },
  { name: "token source: a token with spaces", method: "POST", path: "/api/clusters", body: { source: "token", name: `x-${run}`, server: "https://127.0.0.1:20140", token: "two words" }, ...v({ token: /spaces or non-ASCII/ }) },
  { name: "token source: no token", method: "POST", path: "/api/clusters", body: { source: "token", name: `x-${run}`, server: "https://127.0.0.1:20140" }, ...v({ token: /expected string/ }) },
  { name: "token source: a token the cluster does not know", method: "POST", path: "/api/clusters", body: () => ({ source: "token", name: `x-${run}`, server: server("member-2"), caData: pki("member-2", "ca.crt"), token: "not-a-real-token" }), ...v({ credentials: /401 Unauthorized/ }) },
  { name: "token source: skip TLS verification without allowInsecure", method: "POST", path: "/api/clusters", body: () => ({ source: "token", name: `x-${run}`, server: server("member-2"), token: "t", insecureSkipTLSVerify: true }), ...v({ insecureSkipTLSVerify: /explicitly/ }) },
  { name: "contexts: no kubeconfig", method: "POST", path: "/api/clusters/contexts", body: {}, ...v({ kubeconfig: /Paste or upload/ }) },
  { name: "contexts: a kubeconfig without usable contexts", method: "POST", path: "/api/clusters/contexts", body: { kubeconfig: "clusters: [1]\ncontexts: [null, 2, {name: 3}]" }, ...v({ kubeconfig: /no usable contexts/ }) },
  { name: "contexts: a YAML list", method: "POST", path: "/api/clusters/contexts", body: { kubeconfig: "- a\n- b" }, ...v({ kubeconfig: /not a kubeconfig/ }) },
  { name: "PATCH a cluster with an unknown field", method: "PATCH", path: "/api/clusters/host", body: { credentialsSecret: "other" }, ...v({ _: /Unrecognized key/ }) },
  { name: "PATCH a cluster with an empty display name", method: "PATCH", path: "/api/clusters/host", body: { displayName: "  " }, ...v({ displayName: /Enter a display name/ }) },
  { name: "PATCH bearer Prometheus auth with spaces in the token", method: "PATCH", path: "/api/clusters/host", body: { prometheusAuth: { type: "bearer", token: "a b" } }, ...v({ "prometheusAuth.token": /spaces/ }) },
  { name: "PATCH a gateway address with a query", method: "PATCH", path: "/api/clusters/host", body: { gatewayURL: "http://127.0.0.1:8080/?to=elsewhere" }, ...v({ gatewayURL: /query .* or fragment/ }) },
  { name: "PATCH a gateway address that is a number", method: "PATCH", path: "/api/clusters/host", body: { gatewayURL: 8080 }, ...v({ gatewayURL: /./ }) },
  { name: "PATCH a label value of 64 characters", method: "PATCH", path: "/api/clusters/host", body: { labels: { env: "x".repeat(64) } }, ...v({ "labels.env": /not a valid label value/ }) },
  { name: "PATCH a cluster that does not exist", method: "PATCH", path: `/api/clusters/nope-${run}`, body: { displayName: "x" }, status: 404, code: "not_found" },
];

const tenants: Case[] = [
  { name: "an upper-case tenant name", method: "POST", path: "/api/tenants", body: { name: "ACME", clusters: ["host"] }, ...v({ name: /lowercase/ }) },
  { name: "a tenant name of 41 characters", method: "POST", path: "/api/tenants", body: { name: "t".repeat(41) }, ...v({ name: /At most 40/ }) },
  { name: "a unicode tenant name", method: "POST", path: "/api/tenants", body: { name: "ацме" }, ...v({ name: /lowercase letters, digits and '-'/ }) },
  { name: "clusters as a string", method: "POST", path: "/api/tenants", body: { name: `t-${run}`, clusters: "host" }, ...v({ clusters: /expected array/ }) },
  { name: "an unknown cluster", method: "POST", path: "/api/tenants", body: { name: `t-${run}`, clusters: ["nope"] }, ...v({ clusters: /Unknown cluster\(s\): nope/ }) },
  { name: "the host cluster without acknowledging it", method: "POST", path: "/api/tenants", body: { name: `t-${run}`, clusters: ["host"] }, ...v({ clusters: /host is the host cluster/ }) },
  { name: "a host-cluster acknowledgement as a string", method: "POST", path: "/api/tenants", body: { name: `t-${run}`, clusters: ["host"], acknowledgeHostCluster: "yes" }, ...v({ acknowledgeHostCluster: /true or false/ }) },
  { name: "an unknown Pod Security level", method: "POST", path: "/api/tenants", body: { name: `t-${run}`, podSecurity: "none" }, ...v({ podSecurity: /baseline, restricted or privileged/ }) },
  { name: "an unknown manager", method: "POST", path: "/api/tenants", body: { name: `t-${run}`, managers: ["nobody-here"] }, ...v({ managers: /Unknown user\(s\): nobody-here/ }) },
  { name: "an upper-case manager", method: "POST", path: "/api/tenants", body: { name: `t-${run}`, managers: ["Admin"] }, ...v({ "managers.0": /lowercase/ }) },
  { name: "a description with a NUL", method: "POST", path: "/api/tenants", body: { name: `t-${run}`, description: "a\u0000b" }, ...v({ description: /Control characters/ }) },
  { name: "a tenant name that is taken", method: "POST", path: "/api/tenants", body: { name: tenant }, ...v({ name: /exists/ }, 409) },
  { name: "a budget of 2GB", method: "PATCH", path: `/api/tenants/${tenant}`, body: { budget: { host: { "requests.memory": "2GB" } } }, ...v({ "budget.host.requests.memory": /write 2G or 2Gi/ }) },
  { name: "a budget of 4 cores", method: "PATCH", path: `/api/tenants/${tenant}`, body: { budget: { host: { "requests.cpu": "4 cores" } } }, ...v({ "budget.host.requests.cpu": /./ }) },
  { name: "a budget on a cluster the tenant may not use", method: "PATCH", path: `/api/tenants/${tenant}`, body: { budget: { "member-2": { "requests.cpu": "1" } } }, ...v({ "budget.member-2": /may not use cluster member-2/ }) },
  { name: "a budget keyed by an upper-case cluster", method: "PATCH", path: `/api/tenants/${tenant}`, body: { budget: { HOST: { "requests.cpu": "1" } } }, ...v({ "budget.HOST": /Invalid key/ }) },
  { name: "a default quota of 'lots'", method: "PATCH", path: `/api/tenants/${tenant}`, body: { defaults: { quota: { "limits.memory": "lots" } } }, ...v({ "defaults.quota.limits.memory": /Not a quantity/ }) },
  { name: "a negative default limit", method: "PATCH", path: `/api/tenants/${tenant}`, body: { defaults: { limits: { max: { cpu: "-1" } } } }, ...v({ "defaults.limits.max.cpu": /cannot be negative/ }) },
  { name: "a fractional pod count", method: "PATCH", path: `/api/tenants/${tenant}`, body: { defaults: { quota: { pods: "1.5" } } }, ...v({ "defaults.quota.pods": /whole number/ }) },
  { name: "a quantity that is a number", method: "PATCH", path: `/api/tenants/${tenant}`, body: { defaults: { quota: { pods: 10 } } }, ...v({ "defaults.quota.pods": /expected string/ }) },
  { name: "a Pod Security level in capitals", method: "PATCH", path: `/api/tenants/${tenant}`, body: { podSecurity: "Restricted" }, ...v({ podSecurity: /baseline, restricted or privileged/ }) },
  { name: "a fractional project limit", method: "PATCH", path: `/api/tenants/${tenant}`, body: { projectLimitPerMember: 1.5 }, ...v({ projectLimitPerMember: /whole number/ }) },
  { name: "a project limit as a string", method: "PATCH", path: `/api/tenants/${tenant}`, body: { projectLimitPerMember: "3" }, ...v({ projectLimitPerMember: /expected number/ }) },
  { name: "an unknown tenant field", method: "PATCH", path: `/api/tenants/${tenant}`, body: { owner: "me" }, ...v({ _: /Unrecognized key/ }) },
  { name: "a right-to-left override in a display name", method: "PATCH", path: `/api/tenants/${tenant}`, body: { displayName: "\u202etnemyap" }, ...v({ displayName: /direction override/ }) },
  { name: "an unknown key in the limit defaults", method: "PATCH", path: `/api/tenants/${tenant}`, body: { defaults: { limits: { maximum: { cpu: "1" } } } }, ...v({ "defaults.limits": /Unrecognized key/ }) },
];

const users: Case[] = [
  { name: "an upper-case user name", method: "POST", path: "/api/users", body: { username: "Bob", password: "long-enough-pw" }, ...v({ username: /lowercase letters/ }) },
  { name: "a user name of 254 characters", method: "POST", path: "/api/users", body: { username: "u".repeat(254), password: "long-enough-pw" }, ...v({ username: /At most 253/ }) },
  { name: "a unicode user name", method: "POST", path: "/api/users", body: { username: "zoë", password: "long-enough-pw" }, ...v({ username: /lowercase letters/ }) },
  { name: "a short password", method: "POST", path: "/api/users", body: { username: `u-${run}`, password: "short" }, ...v({ password: /At least 10/ }) },
  { name: "a password that is a number", method: "POST", path: "/api/users", body: { username: `u-${run}`, password: 12345678901 }, ...v({ password: /Enter a password/ }) },
  { name: "an email that is not one", method: "POST", path: "/api/users", body: { username: `u-${run}`, password: "long-enough-pw", email: "bob@" }, ...v({ email: /email address/ }) },
  { name: "a group with a comma", method: "POST", path: "/api/users", body: { username: `u-${run}`, password: "long-enough-pw", groups: ["a,b"] }, ...v({ "groups.0": /no spaces or commas/ }) },
  { name: "a user name that is taken", method: "POST", path: "/api/users", body: { username: user, password: "long-enough-pw" }, ...v({ username: /taken/ }, 409) },
  { name: "disabled as a string", method: "PATCH", path: `/api/users/${user}`, body: { disabled: "yes" }, ...v({ disabled: /expected boolean/ }) },
  { name: "a password hash set directly", method: "PATCH", path: `/api/users/${user}`, body: { passwordHash: "$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA" }, ...v({ _: /Unrecognized key/ }) },
  { name: "a short new password", method: "PATCH", path: `/api/users/${user}`, body: { password: "short" }, ...v({ password: /At least 10/ }) },
  { name: "a user that does not exist", method: "PATCH", path: `/api/users/nope-${run}`, body: { displayName: "x" }, status: 404, code: "not_found" },
  { name: "disabling oneself", method: "PATCH", path: "/api/users/admin", body: { disabled: true }, ...v({ disabled: /cannot disable yourself/ }) },
];

const tokens: Case[] = [
  { name: "an empty token name", method: "POST", path: "/api/tokens", body: { name: "" }, ...v({ name: /Give the token a name/ }) },
  { name: "a token name of 65 characters", method: "POST", path: "/api/tokens", body: { name: "t".repeat(65) }, ...v({ name: /At most 64/ }) },
  { name: "markup in a token name", method: "POST", path: "/api/tokens", body: { name: "<script>alert(1)</script>" }, ...v({ name: /letters, digits, spaces/ }) },
  { name: "days as a string", method: "POST", path: "/api/tokens", body: { name: "ci", expiresInDays: "10" }, ...v({ expiresInDays: /Enter a number of days/ }) },
  { name: "zero days", method: "POST", path: "/api/tokens", body: { name: "ci", expiresInDays: 0 }, ...v({ expiresInDays: /At least 1 day/ }) },
  { name: "366 days", method: "POST", path: "/api/tokens", body: { name: "ci", expiresInDays: 366 }, ...v({ expiresInDays: /At most 365/ }) },
  { name: "a day and a half", method: "POST", path: "/api/tokens", body: { name: "ci", expiresInDays: 1.5 }, ...v({ expiresInDays: /whole number/ }) },
  { name: "revoking a token that does not exist", method: "DELETE", path: "/api/tokens/nope", status: 404, code: "not_found" },
];

const roles: Case[] = [
  { name: "a role without rules", method: "POST", path: "/api/roles", body: { name: `r-${run}`, scope: "tenant", tenant, rules: [] }, ...v({ rules: /at least one permission/ }) },
  { name: "a resource that climbs (../etc)", method: "POST", path: "/api/roles", body: { name: `r-${run}`, scope: "tenant", tenant, rules: [{ resources: ["../etc"], verbs: ["get"] }] }, ...v({ "rules.0.resources.0": /Not a resource/ }) },
  { name: "an unknown resource set", method: "POST", path: "/api/roles", body: { name: `r-${run}`, scope: "tenant", tenant, rules: [{ resources: ["@everything"], verbs: ["get"] }] }, ...v({ "rules.0.resources.0": /no resource set @everything/ }) },
  { name: "an unknown verb", method: "POST", path: "/api/roles", body: { name: `r-${run}`, scope: "tenant", tenant, rules: [{ resources: ["core/pods"], verbs: ["fly"] }] }, ...v({ "rules.0.verbs.0": /Not a verb/ }) },
  { name: "a platform-scoped custom role", method: "POST", path: "/api/roles", body: { name: `r-${run}`, scope: "platform", tenant, rules: [{ resources: ["core/pods"], verbs: ["get"] }] }, ...v({ scope: /tenant or project scope/ }) },
  { name: "an upper-case role name", method: "POST", path: "/api/roles", body: { name: "Deployer", scope: "tenant", tenant, rules: [{ resources: ["core/pods"], verbs: ["get"] }] }, ...v({ name: /lowercase/ }) },
  { name: "a role of a tenant that does not exist", method: "POST", path: "/api/roles", body: { name: `r-${run}`, scope: "tenant", tenant: `nope-${run}`, rules: [{ resources: ["core/pods"], verbs: ["get"] }] }, status: 404, code: "not_found" },
  { name: "an effect that is neither allow nor deny", method: "POST", path: "/api/roles", body: { name: `r-${run}`, scope: "tenant", tenant, rules: [{ resources: ["core/pods"], verbs: ["get"], effect: "maybe" }] }, ...v({ "rules.0.effect": /allow|deny/ }) },
  { name: "PATCH a custom role with an unknown field", method: "PATCH", path: `/api/roles/${role}`, body: { scope: "project" }, ...v({ _: /Unrecognized key/ }) },
  { name: "PATCH a custom role with bad rules", method: "PATCH", path: `/api/roles/${role}`, body: { rules: [{ resources: [], verbs: ["get"] }] }, ...v({ "rules.0.resources": /at least one resource/ }) },
  { name: "PATCH a built-in role", method: "PATCH", path: "/api/roles/cluster-admin", body: { description: "mine now" }, status: 409, code: "conflict" },
];

const bindings: Case[] = [
  { name: "a subject that is a string", method: "POST", path: "/api/rolebindings", body: { subject: user, role: "tenant-admin", scope: { type: "tenant", tenant } }, ...v({ subject: /expected object/ }) },
  { name: "a subject kind Robot", method: "POST", path: "/api/rolebindings", body: { subject: { kind: "Robot", name: user }, role: "tenant-admin", scope: { type: "tenant", tenant } }, ...v({ "subject.kind": /User or a Group/ }) },
  { name: "a user that does not exist", method: "POST", path: "/api/rolebindings", body: { subject: { kind: "User", name: `nope-${run}` }, role: "tenant-admin", scope: { type: "tenant", tenant } }, ...v({ "subject.name": /no user/ }) },
  { name: "a group name with a comma", method: "POST", path: "/api/rolebindings", body: { subject: { kind: "Group", name: "dev,ops" }, role: "cluster-admin", scope: { type: "cluster", cluster: "host" } }, ...v({ "subject.name": /no spaces or commas/ }) },
  { name: "a role that does not exist", method: "POST", path: "/api/rolebindings", body: { subject: { kind: "User", name: user }, role: "god", scope: { type: "platform" } }, ...v({ role: /no role "god"/ }) },
  { name: "a role at the wrong scope", method: "POST", path: "/api/rolebindings", body: { subject: { kind: "User", name: user }, role: "project-admin", scope: { type: "tenant", tenant } }, ...v({ role: /project scope, not at tenant scope/ }) },
  { name: "a cluster that does not exist", method: "POST", path: "/api/rolebindings", body: { subject: { kind: "User", name: user }, role: "cluster-admin", scope: { type: "cluster", cluster: `nope-${run}` } }, ...v({ "scope.cluster": /no cluster/ }) },
  { name: "a scope type that does not exist", method: "POST", path: "/api/rolebindings", body: { subject: { kind: "User", name: user }, role: "cluster-admin", scope: { type: "galaxy" } }, ...v({ "scope.type": /./ }) },
  { name: "an upper-case project namespace", method: "POST", path: "/api/rolebindings", body: { subject: { kind: "User", name: user }, role: "project-admin", scope: { type: "project", cluster: "host", namespace: "Shop" } }, ...v({ "scope.namespace": /lowercase/ }) },
  { name: "a filter of 64 characters", method: "GET", path: `/api/rolebindings?tenant=${"t".repeat(64)}`, ...v({ tenant: /<=63/ }) },
];

const projects: Case[] = [
  { name: "a quota of 2GB", method: "POST", path: "/api/projects", body: { tenant, clusters: ["host"], name: `p-${run}`, quota: { "requests.memory": "2GB" } }, ...v({ "quota.requests.memory": /write 2G or 2Gi/ }) },
  { name: "a quota given as a number", method: "POST", path: "/api/projects", body: { tenant, clusters: ["host"], name: `p-${run}`, quota: { "requests.cpu": 2 } }, ...v({ "quota.requests.cpu": /expected string/ }) },
  { name: "a limit of 1.5 pods", method: "POST", path: "/api/projects", body: { tenant, clusters: ["host"], name: `p-${run}`, quota: { pods: "1.5" } }, ...v({ "quota.pods": /whole number/ }) },
  { name: "a node selector key with a space", method: "POST", path: "/api/projects", body: { tenant, clusters: ["host"], name: `p-${run}`, nodeSelector: { "a b": "c" } }, ...v({ "nodeSelector.a b": /Invalid key|Not a label key/ }) },
  { name: "a cluster the tenant may not use", method: "POST", path: "/api/projects", body: { tenant, clusters: ["member-2"], name: `p-${run}` }, ...v({ clusters: /may not use member-2/ }) },
  { name: "kube-system as a project", method: "POST", path: "/api/projects", body: { tenant, clusters: ["host"], name: "kube-system" }, ...v({ name: /taken on host/ }, 409) },
  { name: "an upper-case project name", method: "POST", path: "/api/projects", body: { tenant, clusters: ["host"], name: "Shop" }, ...v({ name: /lowercase/ }) },
  { name: "a project name of 64 characters", method: "POST", path: "/api/projects", body: { tenant, clusters: ["host"], name: "p".repeat(64) }, ...v({ name: /At most 63/ }) },
  { name: "a tenant that does not exist", method: "POST", path: "/api/projects", body: { tenant: `nope-${run}`, clusters: ["host"], name: `p-${run}` }, ...v({ tenant: /no tenant/ }) },
  { name: "no clusters", method: "POST", path: "/api/projects", body: { tenant, clusters: [], name: `p-${run}` }, ...v({ clusters: /at least one cluster/ }) },
  { name: "PATCH an upper-case cluster to add", method: "PATCH", path: `/api/projects/${tenant}/${project}`, body: { addClusters: ["HOST"] }, ...v({ "addClusters.0": /lowercase/ }) },
  { name: "PATCH a project with an unknown field", method: "PATCH", path: `/api/projects/${tenant}/${project}`, body: { tenant: "other" }, ...v({ _: /Unrecognized key/ }) },
];

const queries: Case[] = [
  { name: "can-i: checks as a string", method: "POST", path: "/api/can-i", body: { checks: "get pods" }, ...v({ checks: /expected array/ }) },
  { name: "can-i: 201 checks", method: "POST", path: "/api/can-i", body: { checks: Array.from({ length: 201 }, () => ({ verb: "get", resource: "core/pods" })) }, ...v({ checks: /<=200/ }) },
  { name: "can-i: no checks", method: "POST", path: "/api/can-i", body: { checks: [] }, ...v({ checks: />=1/ }) },
  { name: "can-i: a tenant of 64 characters", method: "POST", path: "/api/can-i", body: { checks: [{ verb: "get", resource: "core/pods", tenant: "t".repeat(64) }] }, ...v({ "checks.0.tenant": /<=63/ }) },
  { name: "who-can: no resource", method: "GET", path: "/api/who-can?verb=get", ...v({ resource: /expected string/ }) },
  { name: "users: a search of 101 characters", method: "GET", path: `/api/users?q=${"q".repeat(101)}`, ...v({ q: /<=100/ }) },
  { name: "roles: an unknown scope", method: "GET", path: "/api/roles?scope=galaxy", ...v({ scope: /./ }) },
  { name: "metrics: a range of two years", method: "GET", path: "/api/metrics/query?templates=cluster_cpu_usage&clusters=host&range=2y", ...v({ range: /Choose a range/ }) },
  { name: "metrics: an end that is not a time", method: "GET", path: "/api/metrics/query?templates=cluster_cpu_usage&clusters=host&end=yesterday", ...v({ end: /Unix time/ }) },
  { name: "metrics: an unknown template", method: "GET", path: "/api/metrics/query?templates=steal_secrets&clusters=host", ...v({ templates: /no metric template "steal_secrets"/ }) },
  { name: "metrics: PromQL injection through a label", method: "GET", path: `/api/metrics/query?templates=project_cpu_usage&clusters=host&namespace=${encodeURIComponent('x"}) or vector(1) #')}`, ...v({ namespace: /not a Kubernetes name/ }) },
  { name: "metrics: an unknown workload kind", method: "GET", path: `/api/metrics/query?templates=workload_pod_cpu&clusters=host&namespace=${project}&workload=web&kind=pod`, ...v({ kind: /deployment, statefulset or daemonset/ }) },
  { name: "metrics: 21 clusters", method: "GET", path: `/api/metrics/query?templates=cluster_cpu_usage&clusters=${Array.from({ length: 21 }, (_, i) => `c${i}`).join(",")}`, ...v({ clusters: /At most 20/ }) },
  { name: "explore: PromQL that does not parse", method: "GET", path: `/api/metrics/explore?cluster=host&query=${encodeURIComponent("sum(")}`, ...v({ query: /./ }) },
  { name: "explore: no query", method: "GET", path: "/api/metrics/explore?cluster=host", ...v({ query: /Enter a PromQL query/ }) },
  { name: "explore: a query of 4001 characters", method: "GET", path: `/api/metrics/explore?cluster=host&query=${"a".repeat(4001)}`, ...v({ query: /At most 4000/ }) },
  { name: "alerts: a cluster that is not registered", method: "GET", path: "/api/metrics/alerts?clusters=NOPE", status: 404, code: "not_found" },
  { name: "permissions: a user name of 254 characters", method: "GET", path: `/api/permissions?user=${"u".repeat(254)}`, ...v({ user: /<=253/ }) },
  { name: "permissions: a user that does not exist", method: "GET", path: `/api/permissions?user=nope-${run}`, status: 404, code: "not_found" },
  { name: "rolebindings: deleting one that does not exist", method: "DELETE", path: `/api/rolebindings/nope-${run}`, status: 404, code: "not_found" },
  { name: "tenants: deleting one that does not exist", method: "DELETE", path: `/api/tenants/nope-${run}`, status: 404, code: "not_found" },
];

const tryRoute = (over: Record<string, unknown>) => ({ cluster: "host", namespace: project, kind: "Ingress", name: "web", ...over });
const routes: Case[] = [
  { name: "try: a kind that is not a route", method: "POST", path: "/api/routes/try", body: tryRoute({ kind: "Service" }), ...v({ kind: /HTTPRoute or Ingress/ }) },
  { name: "try: 201 requests", method: "POST", path: "/api/routes/try", body: tryRoute({ requests: 201 }), ...v({ requests: /At most 200/ }) },
  { name: "try: requests as a string", method: "POST", path: "/api/routes/try", body: tryRoute({ requests: "100" }), ...v({ requests: /number of requests/ }) },
  { name: "try: a relative path", method: "POST", path: "/api/routes/try", body: tryRoute({ path: "cart" }), ...v({ path: /Start the path with/ }) },
  { name: "try: a path that splits the request", method: "POST", path: "/api/routes/try", body: tryRoute({ path: "/\r\nHost: evil.example" }), ...v({ path: /visible ASCII/ }) },
  { name: "try: a path of 1025 characters", method: "POST", path: "/api/routes/try", body: tryRoute({ path: `/${"a".repeat(1024)}` }), ...v({ path: /At most 1024/ }) },
  { name: "try: a route name that climbs", method: "POST", path: "/api/routes/try", body: tryRoute({ name: "../secrets" }), ...v({ name: /Not a route name/ }) },
  { name: "try: an unknown field", method: "POST", path: "/api/routes/try", body: tryRoute({ gateway: "http://evil.example" }), ...v({ _: /Unrecognized key/ }) },
  { name: "try: a cluster that is not registered", method: "POST", path: "/api/routes/try", body: tryRoute({ cluster: `nope-${run}` }), status: 404, code: "not_found" },
  { name: "try: a cluster without a gateway address", method: "POST", path: "/api/routes/try", body: tryRoute({}), status: 409, code: "conflict" },
];

const startRun = (over: Record<string, unknown>) => ({ cluster: "host", namespace: project, pipeline: "build", ...over });
const pipelines: Case[] = [
  { name: "start: neither a pipeline nor a run", method: "POST", path: "/api/pipelineruns", body: startRun({ pipeline: undefined }), ...v({ pipeline: /either the pipeline/ }) },
  { name: "start: both a pipeline and a run", method: "POST", path: "/api/pipelineruns", body: startRun({ rerunOf: "build-x1" }), ...v({ pipeline: /either the pipeline/ }) },
  { name: "start: a pipeline name that climbs", method: "POST", path: "/api/pipelineruns", body: startRun({ pipeline: "../pods" }), ...v({ pipeline: /Not a pipeline's name/ }) },
  { name: "start: a param that is a number", method: "POST", path: "/api/pipelineruns", body: startRun({ params: { image: 7 } }), ...v({ "params.image": /text, a list of texts/ }) },
  { name: "start: an unknown field", method: "POST", path: "/api/pipelineruns", body: startRun({ serviceAccountName: "admin" }), ...v({ _: /Unrecognized key/ }) },
  { name: "start: a cluster that is not registered", method: "POST", path: "/api/pipelineruns", body: startRun({ cluster: `nope-${run}` }), status: 404, code: "not_found" },
  { name: "start: a cluster without Tekton", method: "POST", path: "/api/pipelineruns", body: startRun({}), status: 404, code: "not_found" },
  { name: "kept logs: no run", method: "GET", path: `/api/pipelineruns/logs?cluster=host&namespace=${project}`, ...v({ run: /run's name/ }) },
  { name: "kept logs: a run name that climbs", method: "GET", path: `/api/pipelineruns/logs?cluster=host&namespace=${project}&run=../x`, ...v({ run: /Not a run's name/ }) },
  { name: "kept logs: a run the console kept nothing of", method: "GET", path: `/api/pipelineruns/logs?cluster=host&namespace=${project}&run=never`, status: 404, code: "not_found" },
];

const stage = (name: string, over: Record<string, unknown> = {}) => ({ name, cluster: "host", namespace: project, workload: `web-${name}`, ...over });
const lane = (over: Record<string, unknown>) => ({ name: `bi-${run}-lane`, tenant, stages: [stage("dev"), stage("test")], ...over });
const promotion: Case[] = [
  { name: "lane: no stages", method: "POST", path: "/api/lanes", body: lane({ stages: undefined }), ...v({ stages: /./ }) },
  { name: "lane: one stage", method: "POST", path: "/api/lanes", body: lane({ stages: [stage("dev")] }), ...v({ stages: /at least two stages/ }) },
  { name: "lane: a stage named twice", method: "POST", path: "/api/lanes", body: lane({ stages: [stage("dev"), stage("dev", { workload: "other" })] }), ...v({ "stages.1.name": /named twice/ }) },
  { name: "lane: one workload in two stages", method: "POST", path: "/api/lanes", body: lane({ stages: [stage("dev"), stage("test", { workload: "web-dev" })] }), ...v({ "stages.1.workload": /already runs this workload/ }) },
  { name: "lane: an upper-case stage name", method: "POST", path: "/api/lanes", body: lane({ stages: [stage("Dev"), stage("test")] }), ...v({ "stages.0.name": /lowercase/ }) },
  { name: "lane: a workload name that climbs", method: "POST", path: "/api/lanes", body: lane({ stages: [stage("dev", { workload: "../pods" }), stage("test")] }), ...v({ "stages.0.workload": /Not a deployment's name/ }) },
  { name: "lane: approval as text", method: "POST", path: "/api/lanes", body: lane({ stages: [stage("dev"), stage("test", { requireApproval: "yes" })] }), ...v({ "stages.1.requireApproval": /./ }) },
  { name: "lane: a namespace that is not the tenant's project", method: "POST", path: "/api/lanes", body: lane({ stages: [stage("dev"), stage("test", { namespace: "kube-system" })] }), ...v({ "stages.1.namespace": /not a project of tenant/ }) },
  { name: "lane: a cluster the tenant does not use", method: "POST", path: "/api/lanes", body: lane({ stages: [stage("dev"), stage("test", { cluster: "member-1" })] }), ...v({ "stages.1.cluster": /does not use cluster/ }) },
  { name: "lane: an unknown tenant", method: "POST", path: "/api/lanes", body: lane({ tenant: `nope-${run}` }), status: 404, code: "not_found" },
  { name: "lane: an unknown field", method: "POST", path: "/api/lanes", body: lane({ owner: "me" }), ...v({ _: /Unrecognized key/ }) },
  { name: "lanes: a tenant name with a slash", method: "GET", path: "/api/lanes?tenant=a/b", ...v({ tenant: /Not a tenant/ }) },
  { name: "lane: read one that does not exist", method: "GET", path: `/api/lanes/nope-${run}`, status: 404, code: "not_found" },
  { name: "lane: change one that does not exist", method: "PUT", path: `/api/lanes/nope-${run}`, body: { stages: [stage("dev"), stage("test")] }, status: 404, code: "not_found" },
  { name: "lane: change with one stage", method: "PUT", path: `/api/lanes/nope-${run}`, body: { stages: [stage("dev")] }, ...v({ stages: /at least two stages/ }) },
  { name: "promote: no lane", method: "POST", path: "/api/promotions", body: { from: "dev", to: "test" }, ...v({ lane: /Enter the lane/ }) },
  { name: "promote: no target stage", method: "POST", path: "/api/promotions", body: { lane: "x", from: "dev" }, ...v({ to: /stage to promote to/ }) },
  { name: "promote: a lane that does not exist", method: "POST", path: "/api/promotions", body: { lane: `nope-${run}`, from: "dev", to: "test" }, status: 404, code: "not_found" },
  { name: "promotion: an unknown action", method: "POST", path: `/api/promotions/nope-${run}`, body: { action: "force" }, ...v({ action: /approve, reject or rollback/ }) },
  { name: "promotion: approve one that does not exist", method: "POST", path: `/api/promotions/nope-${run}`, body: { action: "approve" }, status: 404, code: "not_found" },
];

const audit: Case[] = [
  { name: "a result that is not one", method: "GET", path: "/api/audit?result=maybe", ...v({ result: /allowed, refused or failed/ }) },
  { name: "a since that is no date", method: "GET", path: "/api/audit?since=yesterday", ...v({ since: /ISO 8601/ }) },
  { name: "since after until", method: "GET", path: "/api/audit?since=2026-12-07&until=2026-12-01", ...v({ since: /after until/ }) },
  { name: "a page too long", method: "GET", path: "/api/audit?limit=5000", ...v({ limit: /At most 500/ }) },
  { name: "a cursor from elsewhere", method: "GET", path: "/api/audit?cursor=a%2Fb", ...v({ cursor: /Not a cursor/ }) },
  { name: "an export format it does not make", method: "GET", path: "/api/audit?format=xlsx", ...v({ format: /json, csv or jsonl/ }) },
  { name: "an unknown filter", method: "GET", path: "/api/audit?owner=me", ...v({ _: /Unrecognized key/ }) },
  { name: "a search too short to use the name index", method: "GET", path: "/api/audit?q=ab", ...v({ q: /At least 3/ }) },
];

const logQ = (q: Record<string, string>) => `/api/logs?${new URLSearchParams({ cluster: "member-1", namespace: "shop", kind: "deployments", name: "web", ...q })}`;
const logs: Case[] = [
  { name: "a kind that is no workload", method: "GET", path: logQ({ kind: "pods" }), ...v({ kind: /deployments, statefulsets, daemonsets or jobs/ }) },
  { name: "a workload name in upper case", method: "GET", path: logQ({ name: "Web" }), ...v({ name: /Not a workload's name/ }) },
  { name: "a namespace with a slash", method: "GET", path: logQ({ namespace: "a/b" }), ...v({ namespace: /Not a namespace/ }) },
  { name: "no cluster", method: "GET", path: "/api/logs?namespace=shop&kind=deployments&name=web", ...v({ cluster: /Enter the cluster name/ }) },
  { name: "a container name that climbs", method: "GET", path: logQ({ container: "../x" }), ...v({ container: /Not a container name/ }) },
  { name: "a negative tail", method: "GET", path: logQ({ tailLines: "-1" }), ...v({ tailLines: /At least 0/ }) },
  { name: "a tail too long", method: "GET", path: logQ({ tailLines: "100001" }), ...v({ tailLines: /At most 100000/ }) },
  { name: "a since that is no number", method: "GET", path: logQ({ sinceSeconds: "1h" }), ...v({ sinceSeconds: /whole number/ }) },
  { name: "follow as yes", method: "GET", path: logQ({ follow: "yes" }), ...v({ follow: /true or false/ }) },
  { name: "an unknown parameter", method: "GET", path: logQ({ pod: "web-1" }), ...v({ _: /Unrecognized key/ }) },
  { name: "a cluster not registered", method: "GET", path: logQ({ cluster: `nope-${run}` }), status: 404, code: "not_found" },
];

const install = (extra: Record<string, unknown> = {}) => ({ repo: "fleet", chart: "echo", version: "0.1.0", cluster: "member-1", namespace: "shop", name: "web", values: "", ...extra });
const rel = (rest = "") => `/api/apps/releases/member-1/shop/web${rest}`;
const apps: Case[] = [
  { name: "repository: no address", method: "POST", path: "/api/apps/repositories", body: { name: `r-${run}` }, ...v({ url: /./ }) },
  { name: "repository: an address that is not http", method: "POST", path: "/api/apps/repositories", body: { name: `r-${run}`, url: "ftp://charts.example.com" }, ...v({ url: /http:\/\/, https:\/\/ .* or oci:\/\// }) },
  { name: "repository: credentials in the address", method: "POST", path: "/api/apps/repositories", body: { name: `r-${run}`, url: "https://me:secret@charts.example.com" }, ...v({ url: /without credentials/ }) },
  { name: "repository: plain HTTP for an index repository", method: "POST", path: "/api/apps/repositories", body: { name: `r-${run}`, url: "https://charts.example.com", plainHTTP: true }, ...v({ plainHTTP: /OCI registries only/ }) },
  { name: "repository: a link-local address", method: "POST", path: "/api/apps/repositories", body: { name: `r-${run}`, url: "http://169.254.169.254/latest" }, ...v({ url: /link-local/ }) },
  { name: "repository: an upper-case name", method: "POST", path: "/api/apps/repositories", body: { name: "Charts", url: "http://127.0.0.1:1" }, ...v({ name: /lowercase/ }) },
  { name: "repository: a password without a user", method: "POST", path: "/api/apps/repositories", body: { name: `r-${run}`, url: "http://127.0.0.1:1", password: "x" }, ...v({ username: /user name/ }) },
  { name: "repository: a tenant that does not exist", method: "POST", path: "/api/apps/repositories", body: { name: `r-${run}`, url: "http://127.0.0.1:1", tenant: `nope-${run}` }, ...v({ tenant: /No tenant/ }) },
  { name: "repository: an unknown field", method: "POST", path: "/api/apps/repositories", body: { name: `r-${run}`, url: "http://127.0.0.1:1", kind: "oci" }, ...v({ _: /Unrecognized key/ }) },
  { name: "repository: remove one that does not exist", method: "DELETE", path: `/api/apps/repositories/nope-${run}`, status: 404, code: "not_found" },
  { name: "repository: refresh a name with dots", method: "POST", path: "/api/apps/repositories/a.b/refresh", ...v({ name: /Not a repository/ }) },
  { name: "catalog: an unknown parameter", method: "GET", path: "/api/apps/catalog?sort=stars", ...v({ _: /Unrecognized key/ }) },
  { name: "chart: a repository that does not exist", method: "GET", path: `/api/apps/catalog/nope-${run}/echo`, status: 404, code: "not_found" },
  { name: "chart: an upper-case chart", method: "GET", path: "/api/apps/catalog/fleet/Echo", ...v({ chart: /Not a chart/ }) },
  { name: "releases: no project", method: "GET", path: "/api/apps/releases?cluster=member-1", ...v({ namespace: /Enter the project/ }) },
  { name: "install: no version", method: "POST", path: "/api/apps/releases", body: install({ version: undefined }), ...v({ version: /Choose a version/ }) },
  { name: "install: a release name too long", method: "POST", path: "/api/apps/releases", body: install({ name: "a".repeat(54) }), ...v({ name: /At most 53/ }) },
  { name: "install: values as a list", method: "POST", path: "/api/apps/releases", body: install({ values: 42 }), ...v({ values: /./ }) },
  { name: "install: a cluster not registered", method: "POST", path: "/api/apps/releases", body: install({ cluster: `nope-${run}` }), status: 404, code: "not_found" },
  { name: "preview: values that are not YAML", method: "POST", path: "/api/apps/releases/preview", body: install({ values: "a: [1, 2" }), ...v({ values: /./ }) },
  { name: "upgrade: no chart", method: "PUT", path: rel(), body: { repo: "fleet", version: "0.1.0" }, ...v({ chart: /Enter the chart/ }) },
  { name: "release: a name with a slash", method: "GET", path: "/api/apps/releases/member-1/shop/a%2Fb", ...v({ name: /Not a release/ }) },
  { name: "rollback: revision zero", method: "POST", path: rel("/rollback"), body: { revision: 0 }, ...v({ revision: /Choose a revision/ }) },
  { name: "revision: not a number", method: "GET", path: rel("/revisions/latest"), ...v({ revision: /Not a revision number/ }) },
];

const groups: [string, Case[]][] = [
  ["clusters", clusters],
  ["tenants", tenants],
  ["users", users],
  ["tokens", tokens],
  ["roles", roles],
  ["role bindings", bindings],
  ["projects", projects],
  ["queries and metrics", queries],
  ["routes", routes],
  ["pipelines", pipelines],
  ["promotion", promotion],
  ["audit", audit],
  ["logs", logs],
  ["apps", apps],
];

describe("bad input", () => {
  let before: string[];
  let tokensBefore: number;
  beforeAll(async () => {
    before = await state();
    tokensBefore = ((await call("GET", "/api/tokens")).body as { items: unknown[] }).items.length;
  });

  for (const [group, cases] of groups) {
    describe(group, () => {
      it.each(cases.map((c) => [`${c.method} ${c.path.split("?")[0]}: ${c.name}`, c] as const))("%s", async (_n, c) => {
        const body = typeof c.body === "function" ? (c.body as () => unknown)() : c.body;
        const r = await call(c.method, c.path, body, c.raw);
        expect(r.status, r.text.slice(0, 400)).toBe(c.status);
        if (c.code) expect(r.body.error?.code).toBe(c.code);
        for (const [field, pattern] of Object.entries(c.fields ?? {})) {
          expect(r.body.error?.fields?.[field], `field ${field} in ${r.text.slice(0, 400)}`).toMatch(pattern);
        }
        if (c.withinMs) expect(r.ms).toBeLessThan(c.withinMs);
      });
    });
  }

  it("saved nothing: the console's objects, Secrets and the host's namespaces are as they were", async () => {
    expect(await state()).toEqual(before);
    expect(((await call("GET", "/api/tokens")).body as { items: unknown[] }).items.length).toBe(tokensBefore);
  });

  it("has a case for every API route that takes input", () => {
    // Routes without a body, query or name to get wrong.
    const noInput = new Set(["/api/auth/[...nextauth]", "/api/healthz", "/api/livez", "/api/session", "/api/kubeconfig", "/api/groups", "/api/clusters/events", "/api/tenants/[name]/quota"]);
    const routes: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (e.name === "route.ts") routes.push(`/${path.relative(path.join(repoRoot, "app"), dir).split(path.sep).join("/")}`);
      }
    };
    walk(path.join(repoRoot, "app/api"));
    const paths = groups.flatMap(([, cs]) => cs.map((c) => c.path.split("?")[0]));
    const missing = routes
      .filter((r) => !noInput.has(r))
      .filter((r) => !paths.some((p) => new RegExp(`^${r.replace(/\[[^\]]+\]/g, "[^/]+")}$`).test(p)));
    expect(missing).toEqual([]);
    expect(routes.length).toBeGreaterThan(20);
  });
});

describe("insecure-skip-tls-verify is an explicit choice", () => {
  it("registers with allowInsecure: true, shows it on the cluster, and is removed cleanly", async () => {
    const name = `insecure-${run}`;
    const text = kubeconfig("member-2", (k) => {
      delete k.clusters[0].cluster["certificate-authority-data"];
      k.clusters[0].cluster["insecure-skip-tls-verify"] = true;
    });
    const r = await call("POST", "/api/clusters", { source: "kubeconfig", name, kubeconfig: text, allowInsecure: true });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ name, insecureSkipTLSVerify: true });
    expect((await call("DELETE", `/api/clusters/${name}`)).status).toBe(204);
    const secrets = await kubectl("host", ["get", "secrets", "-n", namespace, "-l", `pilothouse.dev/cluster=${name}`, "-o", "name"]);
    expect(secrets.stdout.trim()).toBe("");
  });
});
