import { randomBytes } from "node:crypto";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import { parse as parseYAML } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, type ConsoleProcess, type Session, accessTokenObject, adminToken, bearerOk, registerFleetCluster, signIn, startConsole } from "../../test/support/console";
import { eventually, fleetClusters, kubectl, uniqueName } from "../../test/support/fleet";
import { type RawOptions, type RawResponse, rawHTTP, wire } from "../../test/support/raw-http";

// The proxy attack corpus: requests a hostile client can write byte for byte,
// each with the exact answer it must get and, where the request must not
// reach a cluster, proof that it did not (the object it would have made does
// not exist; a read is answered by the console, not the cluster — cluster
// answers carry an Audit-Id header, the console's never do).
//
// Identity-header stripping is checked with requests whose outcome would
// change had the header reached the API server (the console talks to
// clusters as system:masters, so "Impersonate-User: nobody" would turn a
// 200 into a 403), and with a header mirror: a pod whose IP is this machine,
// reached through the API server's pods/proxy, answers with the headers it
// got — everything the console forwarded, minus what the API server itself
// strips.

const run = randomBytes(3).toString("hex");
const namespace = uniqueName("ph-attacks");
const ns = `pa-${run}`; // project of the tenant on member-1
const tenant = `pa-${run}`;
const PASSWORD = "attack-corpus-pw-1";
const HEADERS_TIMEOUT_MS = 1_500;
const REQUEST_TIMEOUT_MS = 4_000;

let con: ConsoleProcess;
const tokens: Record<"admin" | "dev" | "cadm" | "nobody" | "victim" | "expired" | "orphan", string> = {} as never;
let devSession: Session;
let adminSession: Session;
let victimSession: Session;
let mirror: http.Server;
let mirrorPort: number;
const mirrored: { url: string; headers: string[] }[] = [];

const api = (token: string, method: string, p: string, body?: unknown) => bearerOk(con.url, token, method, p, body);

/** A token made directly as an AccessToken object (the API makes tokens only for the signed-in caller). */
const accessToken = (user: string, expiresAt?: string) => accessTokenObject(namespace, user, { expiresAt, displayName: "attack corpus" });

function hostIPv4(): string {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  throw new Error("the header mirror needs a non-loopback IPv4 address on this machine (the API server does not proxy to loopback)");
}

async function exists(cluster: string, kind: string, name: string, inNs = ns): Promise<boolean> {
  const r = await kubectl(cluster, ["get", kind, name, "-n", inNs, "--ignore-not-found", "-o", "name"]);
  return r.stdout.trim() !== "";
}

const bearer = (who: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[who]}` });
const cm = (name: string) => JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { k: "v" } });
const send = (bytes: string | Buffer, opts?: RawOptions) => rawHTTP(con.port, bytes, opts);

beforeAll(async () => {
  mirror = http.createServer((req, res) => {
    mirrored.push({ url: req.url ?? "", headers: req.rawHeaders });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ headers: req.rawHeaders }));
  });
  await new Promise<void>((r) => mirror.listen(0, "0.0.0.0", r));
  mirrorPort = (mirror.address() as net.AddressInfo).port;

  con = await startConsole({
    namespace,
    env: { PILOTHOUSE_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), PILOTHOUSE_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) },
  });
  tokens.admin = await adminToken(con);
  await registerFleetCluster(con, tokens.admin, "member-1");
  const node = (await kubectl("member-1", ["get", "nodes", "-l", "node-role.kubernetes.io/worker", "-o", "jsonpath={.items[0].metadata.name}"])).stdout;
  await kubectl("member-1", ["apply", "-f", "-"], {
    input: [
      { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { "pilothouse.dev/tenant": tenant } } },
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "existing", namespace: ns }, data: { k: "v" } },
      { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: ns }, spec: { nodeName: node, containers: [{ name: "web", image: "nginx" }] } },
      { apiVersion: "v1", kind: "Pod", metadata: { name: "mirror", namespace: ns }, spec: { nodeName: node, containers: [{ name: "mirror", image: "echo" }] } },
    ]
      .map((d) => JSON.stringify(d))
      .join("\n---\n"),
  });
  await api(tokens.admin, "POST", "/api/tenants", { name: tenant, clusters: ["member-1"] });
  for (const u of ["dev", "cadm", "nobody", "victim"]) {
    await api(tokens.admin, "POST", "/api/users", { username: `${u}-${run}`, password: PASSWORD });
  }
  const project = { type: "project", cluster: "member-1", namespace: ns };
  // The console learns of the new namespace (its project) through a watch.
  await eventually(async () => api(tokens.admin, "POST", "/api/rolebindings", { subject: { kind: "User", name: `dev-${run}` }, role: "project-developer", scope: project }), {
    what: "the project-developer binding",
  });
  await api(tokens.admin, "POST", "/api/rolebindings", { subject: { kind: "User", name: `victim-${run}` }, role: "project-developer", scope: project });
  await api(tokens.admin, "POST", "/api/rolebindings", { subject: { kind: "User", name: `cadm-${run}` }, role: "cluster-admin", scope: { type: "cluster", cluster: "member-1" } });
  const made = {
    dev: accessToken(`dev-${run}`),
    cadm: accessToken(`cadm-${run}`),
    nobody: accessToken(`nobody-${run}`),
    victim: accessToken(`victim-${run}`),
    expired: accessToken(`dev-${run}`, new Date(Date.now() - 60_000).toISOString()),
    orphan: accessToken(`gone-${run}`),
  };
  await kubectl("host", ["apply", "-f", "-"], { input: Object.values(made).map((t) => t.doc).join("\n---\n") });
  for (const [k, v] of Object.entries(made)) tokens[k as keyof typeof tokens] = v.token;
  [devSession, adminSession, victimSession] = await Promise.all([
    signIn(con.url, `dev-${run}`, PASSWORD),
    signIn(con.url, "admin", ADMIN_PASSWORD),
    signIn(con.url, `victim-${run}`, PASSWORD),
  ]);
  // The mirror pod: Running (kwok), then given this machine's address so the API server's pods/proxy reaches the mirror.
  await eventually(async () => (await kubectl("member-1", ["get", "pod", "mirror", "-n", ns, "-o", "jsonpath={.status.phase}"])).stdout === "Running", { what: "mirror pod Running" });
  const ip = hostIPv4();
  await kubectl("member-1", ["patch", "pod", "mirror", "-n", ns, "--subresource=status", "--type=merge", "-p", JSON.stringify({ status: { podIP: ip, podIPs: [{ ip }] } })]);
  await eventually(async () => (await kubectl("member-1", ["get", "pod", "web", "-n", ns, "-o", "jsonpath={.status.phase}"])).stdout === "Running", { what: "web pod Running" });
  await eventually(async () => (await send(wire("GET", `/clusters/member-1/api/v1/namespaces/${ns}/configmaps/existing`, bearer("dev")))).status === 200, {
    what: "the developer's binding on the console",
  });
}, 180_000);

afterAll(async () => {
  await con?.stop();
  mirror?.close();
  await kubectl("member-1", ["delete", "namespace", ns, "--wait=false"]).catch(() => undefined);
  await kubectl("host", ["delete", "namespace", namespace, "--wait=false"]).catch(() => undefined);
});

// ---- the table ----------------------------------------------------------------------

interface Case {
  name: string;
  request: () => string | Buffer;
  status: number;
  /** The Status reason in the answer; implies a Kubernetes Status body with this code. */
  reason?: string;
  /** Answered by the console itself: nothing was forwarded to a cluster. */
  console?: boolean;
  /** Answered by Node's HTTP parser before any of our code (no body). */
  parser?: boolean;
  /** Objects (kind/name in the project namespace on member-1) that must not exist afterwards. */
  absent?: [string, string][];
  /** Extra checks on the answer. */
  check?: (r: RawResponse) => void | Promise<void>;
  opts?: RawOptions;
}

const m1 = (p: string) => `/clusters/member-1${p}`;
const nsPath = (p: string) => m1(`/api/v1/namespaces/${ns}${p}`);
const chunked = (s: string) => `${Buffer.byteLength(s).toString(16)}\r\n${s}\r\n0\r\n\r\n`;
/** A whole second request, for bodies that try to become one on the console's connection to the cluster. */
const smuggledCreate = (name: string, inNs = ns) => {
  const body = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: inNs } });
  return `POST /api/v1/namespaces/${inNs}/configmaps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
};
const wsHeaders = { Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Protocol": "v5.channel.k8s.io" };
const execPath = (pod: string, inNs = ns) => `/clusters/member-1/api/v1/namespaces/${inNs}/pods/${pod}/exec?command=true&stdout=true`;

const traversal: Case[] = [
  { name: "/clusters/a/../b: another cluster through a dot-dot", request: () => wire("GET", "/clusters/member-1/../host/api/v1/namespaces/kube-system/secrets", bearer("dev")), status: 400, reason: "BadRequest", console: true },
  { name: "dot-dot from the project to kube-system", request: () => wire("GET", nsPath("/../kube-system/secrets"), bearer("dev")), status: 400, reason: "BadRequest", console: true },
  { name: "%2e%2e segment", request: () => wire("GET", m1("/api/v1/namespaces/%2e%2e/secrets"), bearer("dev")), status: 400, reason: "BadRequest", console: true },
  { name: "%2E%2E in the cluster position", request: () => wire("GET", "/clusters/%2E%2E/host/api/v1/namespaces", bearer("dev")), status: 400, reason: "BadRequest", console: true },
  { name: "%2f hiding a traversal inside one segment", request: () => wire("GET", m1(`/api/v1/namespaces/${ns}%2f..%2fkube-system/secrets`), bearer("dev")), status: 400, reason: "BadRequest", console: true },
  { name: "double-encoded dot-dot %252e%252e", request: () => wire("GET", m1("/api/v1/namespaces/%252e%252e/secrets"), bearer("dev")), status: 400, reason: "BadRequest", console: true },
  { name: "double-encoded slash %252f", request: () => wire("GET", m1(`/api/v1/namespaces/${ns}%252fsecrets`), bearer("dev")), status: 400, reason: "BadRequest", console: true },
  { name: "// after the cluster", request: () => wire("GET", "/clusters/member-1//api/v1/namespaces/kube-system/secrets", bearer("dev")), status: 400, reason: "BadRequest", console: true },
  { name: "raw backslashes", request: () => wire("GET", m1(`/api/v1/namespaces/${ns}\\..\\..\\kube-system/secrets`), bearer("dev")), status: 400, reason: "BadRequest", console: true },
  { name: "%5c backslash", request: () => wire("GET", m1(`/api/v1/namespaces/${ns}%5c..%5ckube-system/secrets`), bearer("dev")), status: 400, reason: "BadRequest", console: true },
  { name: "a single dot segment", request: () => wire("GET", nsPath("/pods/."), bearer("dev")), status: 400, reason: "BadRequest", console: true },
  { name: "a fragment in the path", request: () => wire("GET", nsPath("/pods#/../../kube-system/secrets"), bearer("dev")), status: 400, reason: "BadRequest", console: true },
  { name: "%0d%0a in the path (header injection upstream)", request: () => wire("GET", m1("/api/v1/namespaces/x%0d%0aImpersonate-User:%20nobody"), bearer("admin")), status: 400, reason: "BadRequest", console: true },
  {
    name: "//clusters/… is a Next.js path: a same-origin redirect, never the proxy",
    request: () => wire("GET", "//clusters/member-1/api/v1/namespaces/kube-system/secrets", bearer("dev")),
    status: 308,
    check: (r) => expect(r.headers.location).toBe("/clusters/member-1/api/v1/namespaces/kube-system/secrets"),
  },
];

const clusterNames: Case[] = [
  { name: "cluster name with %00", request: () => wire("GET", "/clusters/member-1%00/api/v1/namespaces", bearer("admin")), status: 400, reason: "BadRequest", console: true },
  { name: "cluster name with a raw NUL byte (refused by the HTTP parser)", request: () => wire("GET", "/clusters/member-1\u0000/api/v1/namespaces", bearer("admin")), status: 400, parser: true },
  { name: "cluster name in upper case", request: () => wire("GET", "/clusters/MEMBER-1/api/v1/namespaces", bearer("admin")), status: 404, reason: "NotFound", console: true },
  { name: "cluster name of 64 characters", request: () => wire("GET", `/clusters/${"m".repeat(64)}/api/v1/namespaces`, bearer("admin")), status: 404, reason: "NotFound", console: true },
  { name: "percent-encoded unicode cluster name", request: () => wire("GET", "/clusters/m%C3%A9mber-1/api/v1/namespaces", bearer("admin")), status: 404, reason: "NotFound", console: true },
  { name: "homoglyph cluster name (Cyrillic е)", request: () => wire("GET", "/clusters/m%D0%B5mber-1/api/v1/namespaces", bearer("admin")), status: 404, reason: "NotFound", console: true },
  { name: "raw UTF-8 bytes in the path (refused by the HTTP parser)", request: () => Buffer.from(wire("GET", "/clusters/mémber-1/api/v1/namespaces", bearer("admin")), "utf8"), status: 400, parser: true },
  { name: "percent-encoded ASCII cluster name", request: () => wire("GET", "/clusters/%6dember-1/api/v1/namespaces", bearer("admin")), status: 404, reason: "NotFound", console: true },
  { name: "cluster name with a trailing dot", request: () => wire("GET", "/clusters/member-1./api/v1/namespaces", bearer("admin")), status: 404, reason: "NotFound", console: true },
  { name: "cluster name with a port", request: () => wire("GET", "/clusters/member-1:443/api/v1/namespaces", bearer("admin")), status: 404, reason: "NotFound", console: true },
  {
    name: "a well-formed cluster name that is not registered",
    request: () => wire("GET", `/clusters/nope-${run}/api/v1/namespaces`, bearer("admin")),
    status: 404,
    reason: "NotFound",
    console: true,
    check: (r) => expect(JSON.parse(r.body).message).toBe(`clusters.pilothouse.dev "nope-${run}" not found`),
  },
  { name: "no API path after the cluster", request: () => wire("GET", "/clusters/member-1", bearer("admin")), status: 404, reason: "NotFound", console: true },
];

const targets: Case[] = [
  { name: "absolute-URI request line for the proxy", request: () => wire("GET", `http://127.0.0.1:${con.port}/clusters/member-1/api/v1/namespaces`, bearer("admin")), status: 400, reason: "BadRequest", console: true },
  {
    name: "absolute-URI naming another host (was: a redirect to it)",
    request: () => wire("GET", "http://evil.example/api/session", { Host: "evil.example", ...bearer("admin") }),
    status: 400,
    check: (r) => {
      expect(r.headers.location).toBeUndefined();
      expect(JSON.parse(r.body)).toMatchObject({ error: { code: "bad_request" } });
    },
  },
  { name: "absolute-URI with https", request: () => wire("GET", "https://evil.example/", { Host: "evil.example" }), status: 400 },
  { name: "asterisk-form OPTIONS *", request: () => wire("OPTIONS", "*", {}), status: 400 },
  { name: "two Host headers", request: () => wire("GET", m1("/version"), [["Host", "127.0.0.1"], ["Host", "evil.example"], ["Authorization", `Bearer ${tokens.admin}`]]), status: 400, reason: "BadRequest", console: true },
  { name: "no Host header (HTTP/1.1 requires one)", request: () => `GET ${m1("/version")} HTTP/1.1\r\nAuthorization: Bearer ${tokens.admin}\r\n\r\n`, status: 400, parser: true },
  {
    name: "Host naming member-1's API server does not route there: the path decides",
    request: () => wire("GET", "/clusters/host/api/v1/namespaces/kube-system", { Host: new URL(fleetClusters().find((c) => c.name === "member-1")!.server).host, ...bearer("admin") }),
    status: 200,
    check: async (r) => {
      const hostUID = (await kubectl("host", ["get", "namespace", "kube-system", "-o", "jsonpath={.metadata.uid}"])).stdout;
      expect(JSON.parse(r.body).metadata.uid).toBe(hostUID);
    },
  },
  {
    name: "Host with user info does not steer kubeconfig servers",
    request: () => wire("GET", "/api/kubeconfig", { Host: "a@evil.example", ...bearer("admin") }),
    status: 200,
    check: (r) => {
      const doc = parseYAML(r.body) as { clusters: { cluster: { server: string } }[] };
      for (const c of doc.clusters) expect(c.cluster.server).toMatch(new RegExp(`^https://127\\.0\\.0\\.1:${con.port}/clusters/`));
    },
  },
  {
    name: "X-Forwarded-Host does not steer kubeconfig servers",
    request: () => wire("GET", "/api/kubeconfig", { Host: `127.0.0.1:${con.port}`, "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http", ...bearer("admin") }),
    status: 200,
    check: (r) => expect(r.body).not.toMatch(/evil/),
  },
  {
    name: "sign-in callbackUrl /\\evil.example (browsers read //evil.example) goes home",
    request: () => wire("GET", "/sign-in?callbackUrl=/%5Cevil.example", { Cookie: adminSession.header() }),
    status: 307,
    check: (r) => expect(r.headers.location).toBe("/"),
  },
  {
    name: "sign-in callbackUrl with a tab browsers drop (/\\t/evil.example) goes home",
    request: () => wire("GET", "/sign-in?callbackUrl=/%09/evil.example", { Cookie: adminSession.header() }),
    status: 307,
    check: (r) => expect(r.headers.location).toBe("/"),
  },
];

const framing: Case[] = [
  { name: "bare CR in a header value smuggling Impersonate-User", request: () => `GET ${m1("/version")} HTTP/1.1\r\nHost: x\r\nX-A: b\rImpersonate-User: nobody\r\nAuthorization: Bearer ${tokens.admin}\r\n\r\n`, status: 400, parser: true },
  { name: "bare LF in a header value", request: () => `GET ${m1("/version")} HTTP/1.1\r\nHost: x\r\nX-A: b\nImpersonate-User: nobody\r\nAuthorization: Bearer ${tokens.admin}\r\n\r\n`, status: 400, parser: true },
  { name: "obs-fold continuation line", request: () => `GET ${m1("/version")} HTTP/1.1\r\nHost: x\r\nX-A: b\r\n Impersonate-User: nobody\r\nAuthorization: Bearer ${tokens.admin}\r\n\r\n`, status: 400, parser: true },
  { name: "space before the colon of a header name", request: () => wire("GET", m1("/version"), [["Impersonate-User ", "nobody"], ["Authorization", `Bearer ${tokens.admin}`]]), status: 400, parser: true },
  {
    name: "Content-Length and Transfer-Encoding together",
    request: () => wire("POST", nsPath("/configmaps"), { ...bearer("dev"), "Content-Type": "application/json", "Content-Length": "4", "Transfer-Encoding": "chunked" }, chunked(cm("smuggle-te-cl"))),
    status: 400,
    parser: true,
    absent: [["configmap", "smuggle-te-cl"]],
  },
  {
    name: "two different Content-Length headers",
    request: () => wire("POST", nsPath("/configmaps"), [["Authorization", `Bearer ${tokens.dev}`], ["Content-Length", "2"], ["Content-Length", String(cm("smuggle-cl-cl").length)]], cm("smuggle-cl-cl")),
    status: 400,
    parser: true,
    absent: [["configmap", "smuggle-cl-cl"]],
  },
  { name: "Transfer-Encoding that does not end in chunked", request: () => wire("POST", nsPath("/configmaps"), { ...bearer("dev"), "Transfer-Encoding": "gzip" }, "x"), status: 400, parser: true },
  {
    name: "a chunked GET body holding a second request (was: run as system:masters)",
    request: () => wire("GET", m1("/version"), { ...bearer("nobody"), "Transfer-Encoding": "chunked" }, chunked(smuggledCreate(`smuggled-get-${run}`))),
    status: 200,
    check: async () => {
      await new Promise((r) => setTimeout(r, 300));
      expect(await exists("member-1", "configmap", `smuggled-get-${run}`)).toBe(false);
    },
  },
  {
    name: "a chunked DELETE body holding a second request: the cluster reads it as the body",
    request: () => wire("DELETE", nsPath("/configmaps/not-there"), { ...bearer("dev"), "Transfer-Encoding": "chunked" }, chunked(smuggledCreate(`smuggled-delete-${run}`, "kube-system"))),
    status: 400,
    reason: "BadRequest",
    check: async (r) => {
      // The cluster parsed the would-be request as DeleteOptions: it stayed a body.
      expect(JSON.parse(r.body).message).toMatch(/json parse error: invalid character 'P'/);
      await new Promise((r) => setTimeout(r, 300));
      expect(await exists("member-1", "configmap", `smuggled-delete-${run}`, "kube-system")).toBe(false);
    },
  },
  { name: "a method the HTTP parser does not know", request: () => wire("FOO", m1("/version"), bearer("admin")), status: 400, parser: true },
  { name: "a lower-case method", request: () => wire("get", m1("/version"), bearer("admin")), status: 400, parser: true },
  { name: "TRACE", request: () => wire("TRACE", m1("/version"), bearer("admin")), status: 405, reason: "MethodNotAllowed", console: true },
  { name: "PROPFIND", request: () => wire("PROPFIND", m1("/api/v1/namespaces"), bearer("admin")), status: 405, reason: "MethodNotAllowed", console: true },
  { name: "OPTIONS", request: () => wire("OPTIONS", m1("/api/v1/namespaces"), bearer("admin")), status: 405, reason: "MethodNotAllowed", console: true },
  {
    name: "CONNECT (no forward proxying)",
    request: () => wire("CONNECT", "127.0.0.1:20120", { Host: "127.0.0.1:20120" }),
    status: 405,
    check: (r) => expect(r.closed || r.headers.connection === "close").toBe(true),
  },
  { name: "a 20 000-character URL", request: () => wire("GET", m1(`/api/v1/namespaces/${"a".repeat(20_000)}`), bearer("admin")), status: 431, parser: true },
  { name: "a 100 KB header", request: () => wire("GET", m1("/version"), { ...bearer("admin"), "X-Big": "a".repeat(100_000) }), status: 431, parser: true },
];

const identity: Case[] = [
  ...(
    [
      ["Impersonate-User: nobody", { "Impersonate-User": "nobody" }],
      ["Impersonate-User + Impersonate-Group", { "Impersonate-User": "system:anonymous", "Impersonate-Group": "system:unauthenticated" }],
      ["Impersonate-Uid", { "Impersonate-User": "nobody", "Impersonate-Uid": "1234" }],
      ["Impersonate-Extra-*", { "Impersonate-User": "nobody", "Impersonate-Extra-Scopes": "none" }],
      ["IMPERSONATE-USER in capitals", { "IMPERSONATE-USER": "nobody" }],
    ] as [string, Record<string, string>][]
  ).map(
    ([what, h]): Case => ({
      name: `${what} on an allowed GET is stripped (would be 403 as nobody)`,
      request: () => wire("GET", m1("/api/v1/namespaces/kube-system"), { ...bearer("admin"), ...h }),
      status: 200,
    }),
  ),
  {
    name: "repeated Impersonate-User headers are all stripped",
    request: () => wire("GET", m1("/api/v1/namespaces/kube-system"), [["Authorization", `Bearer ${tokens.admin}`], ["Impersonate-User", "nobody"], ["Impersonate-User", "system:anonymous"]]),
    status: 200,
  },
  {
    name: "Impersonate-User on a developer's write is stripped (would be 403)",
    request: () => wire("POST", nsPath("/configmaps"), { ...bearer("dev"), "Content-Type": "application/json", "Impersonate-User": "nobody" }, cm(`imp-write-${run}`)),
    status: 201,
  },
  {
    name: "Impersonate-User on an exec upgrade is stripped (would be 403)",
    request: () => wire("GET", execPath("web"), { ...bearer("dev"), ...wsHeaders, "Impersonate-User": "nobody" }),
    status: 101,
  },
  {
    name: "a developer's own Authorization is never the cluster's: kube-system stays closed",
    request: () => wire("GET", m1("/api/v1/namespaces/kube-system/secrets"), bearer("dev")),
    status: 403,
    reason: "Forbidden",
    console: true,
  },
];

const tokenCases: Case[] = [
  { name: "an expired token", request: () => wire("GET", m1("/version"), bearer("expired")), status: 401, reason: "Unauthorized", console: true, check: (r) => expect(JSON.parse(r.body).message).toMatch(/token expired/) },
  { name: "a malformed token", request: () => wire("GET", m1("/version"), { Authorization: "Bearer ph_short" }), status: 401, reason: "Unauthorized", console: true, check: (r) => expect(JSON.parse(r.body).message).toMatch(/malformed token/) },
  {
    name: "a real token id with a wrong secret",
    request: () => wire("GET", m1("/version"), { Authorization: `Bearer ${tokens.dev.slice(0, 16)}${"A".repeat(43)}` }),
    status: 401,
    reason: "Unauthorized",
    console: true,
    check: (r) => expect(JSON.parse(r.body).message).toMatch(/invalid or revoked/),
  },
  { name: "Basic authentication", request: () => wire("GET", m1("/version"), { Authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString("base64")}` }), status: 401, reason: "Unauthorized", console: true },
  { name: "two tokens in one header", request: () => wire("GET", m1("/version"), { Authorization: `Bearer ${tokens.dev} ${tokens.admin}` }), status: 401, reason: "Unauthorized", console: true },
  { name: "an empty Authorization header", request: () => wire("GET", m1("/version"), { Authorization: "" }), status: 401, reason: "Unauthorized", console: true },
  { name: "a token whose user does not exist", request: () => wire("GET", m1("/version"), bearer("orphan")), status: 401, reason: "Unauthorized", console: true, check: (r) => expect(JSON.parse(r.body).message).toMatch(/no longer exists/) },
  { name: "a forged session cookie", request: () => wire("GET", m1("/version"), { Cookie: `next-auth.session-token=${randomBytes(64).toString("base64url")}` }), status: 401, reason: "Unauthorized", console: true },
  { name: "no credentials on exec", request: () => wire("GET", execPath("web"), wsHeaders), status: 401, reason: "Unauthorized", console: true },
];

const csrf: Case[] = [
  {
    name: "cookie-authenticated create without X-CSRF-Token",
    request: () => wire("POST", nsPath("/configmaps"), { Cookie: devSession.header(), "Content-Type": "application/json" }, cm(`csrf-none-${run}`)),
    status: 403,
    reason: "Forbidden",
    console: true,
    absent: [["configmap", `csrf-none-${run}`]],
  },
  {
    name: "cookie-authenticated create with a wrong X-CSRF-Token",
    request: () => wire("POST", nsPath("/configmaps"), { Cookie: devSession.header(), "X-CSRF-Token": "x".repeat(43), "Content-Type": "application/json" }, cm(`csrf-wrong-${run}`)),
    status: 403,
    reason: "Forbidden",
    console: true,
    absent: [["configmap", `csrf-wrong-${run}`]],
  },
  {
    name: "cookie-authenticated create with another session's X-CSRF-Token",
    request: () => wire("POST", nsPath("/configmaps"), { Cookie: devSession.header(), "X-CSRF-Token": adminSession.csrfToken!, "Content-Type": "application/json" }, cm(`csrf-foreign-${run}`)),
    status: 403,
    reason: "Forbidden",
    console: true,
    absent: [["configmap", `csrf-foreign-${run}`]],
  },
  {
    name: "cookie-authenticated delete without X-CSRF-Token",
    request: () => wire("DELETE", nsPath("/configmaps/existing"), { Cookie: devSession.header() }),
    status: 403,
    reason: "Forbidden",
    console: true,
    check: async () => expect(await exists("member-1", "configmap", "existing")).toBe(true),
  },
  {
    name: "cookie-authenticated exec upgrade from another origin",
    request: () => wire("GET", execPath("web"), { Cookie: devSession.header(), Origin: "http://evil.example", ...wsHeaders }),
    status: 403,
    reason: "Forbidden",
    console: true,
  },
  {
    name: "cookie-authenticated token creation with a wrong X-CSRF-Token",
    request: () => wire("POST", "/api/tokens", { Cookie: devSession.header(), "X-CSRF-Token": "x", "Content-Type": "application/json" }, JSON.stringify({ name: "csrf" })),
    status: 403,
    check: async (r) => {
      expect(JSON.parse(r.body)).toMatchObject({ error: { code: "forbidden" } });
      const items = (await api(tokens.dev, "GET", "/api/tokens")).items as { name: string }[];
      expect(items.map((t) => t.name)).not.toContain("csrf");
    },
  },
  {
    name: "the same write with the session's X-CSRF-Token goes through",
    request: () => wire("POST", nsPath("/configmaps"), { Cookie: devSession.header(), "X-CSRF-Token": devSession.csrfToken!, "Content-Type": "application/json" }, cm(`csrf-ok-${run}`)),
    status: 201,
  },
];

const bodies: Case[] = [
  {
    name: "a body one byte over the limit (Content-Length)",
    request: () => wire("POST", nsPath("/configmaps"), { ...bearer("dev"), "Content-Type": "application/json" }, cm(`big-cl-${run}`).replace('"v"', `"${"x".repeat(3 * 1024 * 1024)}"`)),
    status: 413,
    reason: "RequestEntityTooLarge",
    console: true,
    absent: [["configmap", `big-cl-${run}`]],
    opts: { timeoutMs: 20_000 },
  },
  {
    name: "a chunked body over the limit",
    request: () => wire("POST", nsPath("/configmaps"), { ...bearer("dev"), "Content-Type": "application/json", "Transfer-Encoding": "chunked" }, chunked(cm(`big-te-${run}`).replace('"v"', `"${"x".repeat(3 * 1024 * 1024)}"`))),
    status: 413,
    reason: "RequestEntityTooLarge",
    console: true,
    absent: [["configmap", `big-te-${run}`]],
    opts: { timeoutMs: 20_000 },
  },
  {
    name: "a declared 10 GiB body is refused before it is sent",
    request: () => wire("POST", nsPath("/configmaps"), { ...bearer("dev"), "Content-Type": "application/json", "Content-Length": String(10 * 1024 ** 3) }, "{"),
    status: 413,
    reason: "RequestEntityTooLarge",
    console: true,
    check: (r) => expect(r.ms).toBeLessThan(2_000),
  },
  {
    name: "an API body over 1 MiB",
    request: () => wire("POST", "/api/tokens", { ...bearer("dev"), "Content-Type": "application/json" }, JSON.stringify({ name: "x".repeat(1024 * 1024 + 1) })),
    status: 413,
    check: (r) => expect(JSON.parse(r.body)).toMatchObject({ error: { code: "payload_too_large" } }),
  },
];

const upgrades: Case[] = [
  { name: "upgrade on a collection", request: () => wire("GET", m1("/api/v1/namespaces"), { ...bearer("admin"), ...wsHeaders }), status: 400, reason: "BadRequest", console: true },
  { name: "upgrade on pods/log", request: () => wire("GET", nsPath("/pods/web/log"), { ...bearer("dev"), ...wsHeaders }), status: 400, reason: "BadRequest", console: true },
  { name: "h2c upgrade on /version", request: () => wire("GET", m1("/version"), { ...bearer("admin"), Connection: "Upgrade, HTTP2-Settings", Upgrade: "h2c", "HTTP2-Settings": "AAMAAABkAAQCAAAAAAIAAAAA" }), status: 400, reason: "BadRequest", console: true },
  {
    name: "upgrade on a console page (was: dropped without an answer)",
    request: () => wire("GET", "/api/healthz", wsHeaders),
    status: 400,
    check: (r) => expect(JSON.parse(r.body)).toMatchObject({ error: { code: "bad_request" } }),
  },
  { name: "exec in a namespace the developer may not use", request: () => wire("GET", execPath("web", "kube-system"), { ...bearer("dev"), ...wsHeaders }), status: 403, reason: "Forbidden", console: true },
];

const nonAPI = (who: "dev" | "cadm" | "admin", p: string, status: number, extra: Partial<Case> = {}): Case => ({
  name: `${who === "dev" ? "project developer" : who === "cadm" ? "cluster-admin of member-1" : "platform-admin"}: GET ${p}`,
  request: () => wire("GET", m1(p), bearer(who)),
  status,
  ...(status === 403 ? { reason: "Forbidden", console: true } : {}),
  ...extra,
});

const paths: Case[] = [
  nonAPI("dev", "/metrics", 403),
  nonAPI("dev", "/debug/pprof/", 403),
  nonAPI("dev", "/logs/", 403),
  nonAPI("dev", "/healthz", 403),
  nonAPI("dev", "/.well-known/openid-configuration", 403),
  nonAPI("dev", "/api/v1/nodes/any/proxy/metrics", 403),
  nonAPI("cadm", "/metrics", 403),
  nonAPI("cadm", "/debug/pprof/", 403),
  nonAPI("cadm", "/logs/", 403),
  nonAPI("admin", "/metrics", 200, { check: (r) => expect(r.body).toMatch(/^# HELP /m) }),
  nonAPI("admin", "/debug/pprof/", 200),
  // The API server's log handler is off in the fleet: its own 404, so the request did reach it.
  nonAPI("admin", "/logs/", 404, { check: (r) => expect(r.headers["audit-id"]).toBeDefined() }),
  nonAPI("dev", "/openapi/v3", 200),
];

const groups: [string, Case[]][] = [
  ["path traversal", traversal],
  ["cluster names", clusterNames],
  ["request targets and Host", targets],
  ["framing, methods and sizes of the request head", framing],
  ["identity headers", identity],
  ["tokens and sessions", tokenCases],
  ["CSRF", csrf],
  ["bodies", bodies],
  ["upgrades", upgrades],
  ["paths outside the API", paths],
];

const CASE_COUNT = groups.reduce((n, [, cs]) => n + cs.length, 0);

for (const [group, cases] of groups) {
  describe(group, () => {
    it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
      const r = await send(c.request(), c.opts);
      expect(r.status, `${c.name}: ${r.body.slice(0, 300)}`).toBe(c.status);
      if (c.reason) {
        const s = JSON.parse(r.body) as { kind: string; code: number; reason: string };
        expect(s).toMatchObject({ kind: "Status", code: c.status, reason: c.reason });
      }
      if (c.console) expect(r.headers["audit-id"], "answered by the cluster").toBeUndefined();
      if (c.parser) expect(r.body).toBe("");
      for (const [kind, name] of c.absent ?? []) expect(await exists("member-1", kind, name), `${kind}/${name} was created`).toBe(false);
      await c.check?.(r);
    });
  });
}

// ---- cases that need more than one request ------------------------------------------

describe("header mirror: what reaches a cluster", () => {
  const viaMirror = (headers: Record<string, string> | [string, string][]) => send(wire("GET", nsPath(`/pods/mirror:${mirrorPort}/proxy/probe`), headers));
  const names = (r: RawResponse) => {
    const raw = (JSON.parse(r.body) as { headers: string[] }).headers;
    const out: Record<string, string[]> = {};
    for (let i = 0; i < raw.length; i += 2) (out[raw[i].toLowerCase()] ??= []).push(raw[i + 1]);
    return out;
  };

  it("forwards ordinary headers (the mirror sees what it is sent)", async () => {
    const r = await viaMirror({ ...bearer("admin"), "X-Pilothouse-Probe": "visible" });
    expect(r.status).toBe(200);
    expect(names(r)["x-pilothouse-probe"]).toEqual(["visible"]);
  });

  it("strips cookies, CSRF tokens, forwarding and front-proxy identity headers and hop-by-hop headers", async () => {
    const r = await viaMirror([
      ["Authorization", `Bearer ${tokens.admin}`],
      ["Cookie", "next-auth.session-token=stolen; other=1"],
      ["X-CSRF-Token", "abc"],
      ["X-Forwarded-For", "10.6.6.6"],
      ["X-Forwarded-Host", "evil.example"],
      ["X-Forwarded-Proto", "https"],
      ["Forwarded", "for=10.6.6.6;host=evil.example"],
      ["X-Real-IP", "10.6.6.6"],
      ["X-Remote-User", "mallory"],
      ["X-Remote-Group", "system:masters"],
      ["Proxy-Authorization", "Basic eDp5"],
      ["Connection", "keep-alive, X-Hop-Secret"],
      ["X-Hop-Secret", "listed in Connection"],
      ["Impersonate_Group", "system:masters"],
    ]);
    expect(r.status).toBe(200);
    const got = names(r);
    for (const h of ["cookie", "x-csrf-token", "x-forwarded-host", "x-forwarded-proto", "forwarded", "x-real-ip", "x-remote-user", "x-remote-group", "proxy-authorization", "x-hop-secret", "impersonate_group", "authorization"]) {
      expect(got[h], h).toBeUndefined();
    }
    // The API server adds the console's own address; the client's never arrives.
    expect(got["x-forwarded-for"]).toEqual(["127.0.0.1"]);
    expect(JSON.stringify(got)).not.toMatch(/10\.6\.6\.6|evil\.example|stolen|mallory/);
  });

  it("never forwards the session cookie of a cookie-authenticated request", async () => {
    const r = await viaMirror({ Cookie: adminSession.header() });
    expect(r.status).toBe(200);
    expect(names(r).cookie).toBeUndefined();
    expect(r.body).not.toContain(adminSession.header().split("=")[1].slice(0, 20));
  });

  it("Impersonate-User on the mirror request would have been refused by the API server", async () => {
    // Control: the same request straight to the API server with the impersonation header is refused.
    const direct = await kubectl("member-1", ["get", "--raw", `/api/v1/namespaces/${ns}/pods/mirror:${mirrorPort}/proxy/probe`, "--as=nobody"]).catch((e: { stderr: string }) => e);
    expect(String((direct as { stderr?: string }).stderr)).toMatch(/forbidden/i);
    const r = await viaMirror({ ...bearer("admin"), "Impersonate-User": "nobody" });
    expect(r.status).toBe(200);
  });
});

describe("an upgrade the cluster refuses", () => {
  /** Writes `first`, waits for the whole answer, then writes `second`; reports both answers. */
  function conversation(first: string, second: string): Promise<{ first: string; afterSecond: string; closed: boolean }> {
    return new Promise((resolve) => {
      const s = net.connect(con.port, "127.0.0.1");
      let buf = "";
      let firstAnswer: string | undefined;
      let closed = false;
      s.on("data", (d: Buffer) => (buf += d.toString("latin1")));
      s.on("close", () => (closed = true));
      s.on("error", () => (closed = true));
      s.write(first);
      const t = setInterval(() => {
        if (firstAnswer === undefined && /\r\n\r\n[\s\S]*\}/.test(buf)) {
          firstAnswer = buf;
          buf = "";
          if (!s.destroyed) s.write(second);
          setTimeout(() => {
            clearInterval(t);
            s.destroy();
            resolve({ first: firstAnswer!, afterSecond: buf, closed });
          }, 1_500);
        }
      }, 20);
    });
  }

  it("does not leave the client a connection authenticated as the console (was: kube-system secrets readable)", async () => {
    const out = await conversation(
      wire("GET", execPath(`missing-${run}`), { ...bearer("dev"), ...wsHeaders }),
      "GET /api/v1/namespaces/kube-system/secrets HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    expect(out.first).toMatch(/^HTTP\/1\.1 404 /);
    expect(out.afterSecond).toBe("");
    expect(out.closed).toBe(true);
  });

  it("does not run a request pipelined behind the upgrade", async () => {
    const name = `pipelined-${run}`;
    const r = await send(wire("GET", execPath(`missing-${run}`), { ...bearer("dev"), ...wsHeaders }) + smuggledCreate(name, "kube-system"));
    expect(r.status).toBe(404);
    await new Promise((res) => setTimeout(res, 300));
    expect(await exists("member-1", "configmap", name, "kube-system")).toBe(false);
  });
});

describe("X-Forwarded-* and the sign-in limit", () => {
  it("rotating X-Forwarded-For, X-Real-IP and X-Pilothouse-Client-IP does not reset the failure count", async () => {
    const user = `lockme-${run}`;
    await api(tokens.admin, "POST", "/api/users", { username: user, password: PASSWORD });
    const attempt = async (password: string, i: number) => {
      const jar = new Map<string, string>();
      const csrfRes = await fetch(`${con.url}/api/auth/csrf`);
      for (const c of csrfRes.headers.getSetCookie()) jar.set(c.split(";")[0].split("=")[0], c.split(";")[0].split("=").slice(1).join("="));
      const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
      const ip = `10.${i}.${i}.${i}`;
      const res = await fetch(`${con.url}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
          "x-forwarded-for": ip,
          "x-real-ip": ip,
          "x-pilothouse-client-ip": ip,
          forwarded: `for=${ip}`,
        },
        body: new URLSearchParams({ csrfToken, username: user, password, json: "true" }).toString(),
      });
      return res.headers.get("location") ?? (await res.text());
    };
    for (let i = 1; i <= 5; i++) expect(await attempt("wrong-password-x", i)).toMatch(/error=invalid/);
    // The right password from a "new" address: still locked.
    expect(await attempt(PASSWORD, 99)).toMatch(/error=locked(%3A|:)\d+/);
  });
});

describe("bodies on the proxy's pool", () => {
  /** A write as Node's client makes it with Expect: 100-continue: headers first, the body only after the 100. */
  const expectContinue = (p: string, body: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(`${con.url}${p}`, {
        method: "POST",
        headers: { ...bearer("dev"), "content-type": "application/json", "content-length": Buffer.byteLength(body), expect: "100-continue" },
      });
      req.on("continue", () => req.end(body));
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      req.setTimeout(10_000, () => req.destroy(new Error("no answer")));
    });

  it("Expect: 100-continue is answered by the console and the write is judged as any other", async () => {
    expect(await expectContinue(nsPath("/configmaps"), cm(`expect-${run}`))).toBe(201);
    expect(await exists("member-1", "configmap", `expect-${run}`)).toBe(true);
    expect(await expectContinue(m1("/api/v1/namespaces/kube-system/configmaps"), cm(`expect-${run}`))).toBe(403);
    expect(await exists("member-1", "configmap", `expect-${run}`, "kube-system")).toBe(false);
  });

  it("a client that leaves halfway through a body creates nothing and the console serves on", async () => {
    const name = `half-${run}`;
    const body = cm(name);
    const socket = net.connect(con.port, "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    const head = `POST ${nsPath("/configmaps")} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.dev}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    socket.write(head + body.slice(0, body.length >> 1));
    await new Promise((r) => setTimeout(r, 300));
    socket.destroy();
    await new Promise((r) => setTimeout(r, 500));
    expect(await exists("member-1", "configmap", name)).toBe(false);
    const r = await send(wire("GET", nsPath("/configmaps"), bearer("dev")));
    expect(r.status).toBe(200);
  });
});

describe("a disabled user", () => {
  it("loses a live session and a token on the proxy and the API at once", async () => {
    expect((await send(wire("GET", nsPath("/configmaps/existing"), bearer("victim")))).status).toBe(200);
    expect((await send(wire("GET", nsPath("/configmaps/existing"), { Cookie: victimSession.header() }))).status).toBe(200);
    await api(tokens.admin, "PATCH", `/api/users/victim-${run}`, { disabled: true });
    const t0 = Date.now();
    await eventually(
      async () => {
        const [viaToken, viaCookie, apiToken, apiCookie] = await Promise.all([
          send(wire("GET", nsPath("/configmaps/existing"), bearer("victim"))),
          send(wire("GET", nsPath("/configmaps/existing"), { Cookie: victimSession.header() })),
          send(wire("GET", "/api/session", bearer("victim"))),
          send(wire("GET", "/api/session", { Cookie: victimSession.header() })),
        ]);
        return [viaToken, viaCookie, apiToken, apiCookie].every((r) => r.status === 401) ? viaToken : undefined;
      },
      { timeoutMs: 2_000, intervalMs: 20, what: "the disabled user refused everywhere" },
    );
    expect(Date.now() - t0).toBeLessThan(1_000);
    const r = await send(wire("GET", nsPath("/configmaps/existing"), bearer("victim")));
    expect(JSON.parse(r.body)).toMatchObject({ kind: "Status", code: 401, reason: "Unauthorized", message: "Unauthorized: user is disabled" });
  });

  it("revoked tokens stop at once", async () => {
    const s = await signIn(con.url, `dev-${run}`, PASSWORD);
    const created = (await (await s.fetch("/api/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "revoke-me" }) })).json()) as { id: string; token: string };
    expect((await send(wire("GET", nsPath("/configmaps/existing"), { Authorization: `Bearer ${created.token}` }))).status).toBe(200);
    expect((await s.fetch(`/api/tokens/${created.id}`, { method: "DELETE" })).status).toBe(204);
    await eventually(async () => (await send(wire("GET", nsPath("/configmaps/existing"), { Authorization: `Bearer ${created.token}` }))).status === 401, {
      timeoutMs: 1_000,
      intervalMs: 20,
      what: "revoked token refused",
    });
  });
});

describe.concurrent("slow clients are cut off", () => {
  // The limit, plus Node's once-a-second check, plus slack for a busy machine.
  const bound = HEADERS_TIMEOUT_MS + 2_500;

  it("a client dribbling header lines gets 408 within the headers timeout", async () => {
    const r = await send(`GET ${m1("/version")} HTTP/1.1\r\nHost: x\r\n`, {
      dribble: { chunks: Array.from({ length: 40 }, (_, i) => `X-Slow-${i}: ${i}\r\n`), gapMs: 200 },
      timeoutMs: 10_000,
    });
    expect(r.status).toBe(408);
    expect(r.ms).toBeLessThan(bound);
  });

  it("a connection that sends nothing is closed", async () => {
    const r = await send("", { timeoutMs: 10_000 });
    expect(r.closed).toBe(true);
    expect(r.status).toBe(0);
    expect(r.ms).toBeLessThan(bound);
  });

  it("a TLS client that stalls in the handshake is closed", async () => {
    const r = await send(Buffer.from([0x16, 0x03, 0x01]), { timeoutMs: 10_000 });
    expect(r.closed).toBe(true);
    expect(r.ms).toBeLessThan(bound);
  });

  it("a client dribbling a body gets 408 within the request timeout, and nothing is created", async () => {
    const body = cm(`slow-body-${run}`);
    const r = await send(wire("POST", nsPath("/configmaps"), { ...bearer("dev"), "Content-Type": "application/json", "Content-Length": String(body.length) }, body.slice(0, 5)), {
      dribble: { chunks: body.slice(5, 40).split(""), gapMs: 200 },
      timeoutMs: 15_000,
    });
    expect(r.status).toBe(408);
    expect(r.ms).toBeLessThan(REQUEST_TIMEOUT_MS + 2_500);
    expect(await exists("member-1", "configmap", `slow-body-${run}`)).toBe(false);
  });

  it("a client dribbling a body the console reads whole to judge it (a Service) gets 408, and nothing is created", async () => {
    const body = JSON.stringify({ apiVersion: "v1", kind: "Service", metadata: { name: `slow-svc-${run}` }, spec: { ports: [{ port: 80 }] } });
    const r = await send(wire("POST", nsPath("/services"), { ...bearer("dev"), "Content-Type": "application/json", "Content-Length": String(body.length) }, body.slice(0, 5)), {
      dribble: { chunks: body.slice(5, 40).split(""), gapMs: 200 },
      timeoutMs: 15_000,
    });
    expect(r.status).toBe(408);
    expect(r.ms).toBeLessThan(REQUEST_TIMEOUT_MS + 2_500);
    expect(await exists("member-1", "service", `slow-svc-${run}`)).toBe(false);
  });

  it("a watch (a long answer, not a long request) is not cut off", async () => {
    const r = await send(wire("GET", nsPath("/configmaps?watch=1"), bearer("dev")), { timeoutMs: REQUEST_TIMEOUT_MS + 1_500 });
    expect(r.status).toBe(200);
    expect(r.closed).toBe(false);
  });
});

it("the corpus has at least 60 cases", () => {
  expect(CASE_COUNT).toBeGreaterThanOrEqual(60);
});
