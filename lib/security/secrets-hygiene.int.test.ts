import { randomBytes } from "node:crypto";
import { parse as parseYAML } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, type ConsoleProcess, type Session, adminToken, fleetKubeconfigText, signIn, startConsole } from "../../test/support/console";
import { eventually, fleetClusters, kubectl, uniqueName } from "../../test/support/fleet";
import { rawHTTP, wire } from "../../test/support/raw-http";

// Secrets hygiene: a run that registers clusters (a client certificate, a
// service-account token, Prometheus credentials), makes users and tokens and
// exercises the API, the proxy and the pages — and then every response body,
// every HTML page and everything the console process wrote to stdout/stderr
// is searched for the credentials the console holds. None may appear, except
// a personal access token in the one response that created it.

const run = randomBytes(3).toString("hex");
const namespace = uniqueName("ph-hygiene");
const ns = `hy-${run}`;
const sa = `ph-hygiene-${run}`;
const userName = `hy-${run}-u`;
const userPassword = `Pw-${randomBytes(12).toString("hex")}`;
const wrongPassword = `Wrong-${randomBytes(12).toString("hex")}`;
const promPassword = `prom-${randomBytes(16).toString("hex")}`;
const promBearer = `promtok-${randomBytes(16).toString("hex")}`;
const secretValue = `s3cret-${randomBytes(16).toString("hex")}`;
const secretKey = `db-password-${run}`;
const badClusterToken = `wrong-${randomBytes(24).toString("hex")}`;

let con: ConsoleProcess;
let admin: string;
let session: Session;
let saToken: string;

interface Seen {
  where: string;
  text: string;
}
const seen: Seen[] = [];
/** Tokens and the one response allowed to show each (the response that created it). */
const created = new Map<string, string>();

async function call(method: string, p: string, body?: unknown, token = admin) {
  const res = await fetch(`${con.url}${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  seen.push({ where: `${method} ${p} (${res.status})`, text: `${JSON.stringify([...res.headers])}\n${text}` });
  return { status: res.status, text, json: () => JSON.parse(text) };
}

async function page(p: string) {
  const res = await session.fetch(p);
  const text = await res.text();
  seen.push({ where: `page ${p} (${res.status})`, text });
  return res.status;
}

beforeAll(async () => {
  con = await startConsole({ namespace });
  admin = await adminToken(con);
  session = await signIn(con.url, "admin", ADMIN_PASSWORD);
  // A service-account token with cluster-admin on member-2, for a token registration.
  await kubectl("member-2", ["create", "serviceaccount", sa, "-n", "kube-system"]);
  await kubectl("member-2", ["create", "clusterrolebinding", sa, "--clusterrole=cluster-admin", `--serviceaccount=kube-system:${sa}`]);
  saToken = (await kubectl("member-2", ["create", "token", sa, "-n", "kube-system", "--duration=1h"])).stdout.trim();
  await kubectl("member-1", ["create", "namespace", ns]);
  // Applied, so kubectl also keeps a copy of the values in an annotation.
  await kubectl("member-1", ["apply", "-n", ns, "-f", "-"], {
    input: JSON.stringify({ apiVersion: "v1", kind: "Secret", metadata: { name: "db" }, data: { [secretKey]: Buffer.from(secretValue).toString("base64") } }),
  });
  await kubectl("member-1", ["create", "configmap", "settings", "-n", ns, "--from-literal=mode=prod"]);
}, 120_000);

afterAll(async () => {
  await con?.stop();
  await kubectl("member-2", ["delete", "clusterrolebinding", sa, "--ignore-not-found"]).catch(() => undefined);
  await kubectl("member-2", ["delete", "serviceaccount", sa, "-n", "kube-system", "--ignore-not-found"]).catch(() => undefined);
  await kubectl("member-1", ["delete", "namespace", ns, "--wait=false"]).catch(() => undefined);
  await kubectl("host", ["delete", "namespace", namespace, "--wait=false"]).catch(() => undefined);
});

describe("a run that handles credentials", () => {
  it("registers a cluster by client certificate and one by service-account token, with Prometheus credentials", async () => {
    const prom = (c: string) => fleetClusters().find((x) => x.name === c)!.prometheus;
    const m1 = await call("POST", "/api/clusters", { source: "kubeconfig", name: "member-1", kubeconfig: fleetKubeconfigText("member-1"), prometheusURL: prom("member-1") });
    expect(m1.status).toBe(201);
    const ca = Buffer.from((parseYAML(fleetKubeconfigText("member-2")) as { clusters: { cluster: Record<string, string> }[] }).clusters[0].cluster["certificate-authority-data"], "base64").toString();
    const server = fleetClusters().find((x) => x.name === "member-2")!.server;
    // A wrong token first: the error must not repeat it.
    expect((await call("POST", "/api/clusters", { source: "token", name: "member-2", server, caData: ca, token: badClusterToken })).status).toBe(422);
    const m2 = await call("POST", "/api/clusters", {
      source: "token",
      name: "member-2",
      server,
      caData: ca,
      token: saToken,
      prometheusURL: prom("member-2"),
      prometheusAuth: { type: "basic", username: "ph", password: promPassword },
    });
    expect(m2.status, m2.text).toBe(201);
    expect((await call("PATCH", "/api/clusters/member-1", { prometheusAuth: { type: "bearer", token: promBearer } })).status).toBe(200);
  });

  it("reads clusters, health and monitoring with those credentials", async () => {
    await eventually(async () => {
      const r = await call("GET", "/api/clusters");
      const items = r.json().items as { name: string; health: { status: string } }[];
      return ["member-1", "member-2"].every((n) => items.find((c) => c.name === n)?.health.status === "Ready");
    }, { what: "both members Ready" });
    for (const c of ["member-1", "member-2", "host"]) expect((await call("GET", `/api/clusters/${c}`)).status).toBe(200);
    expect((await call("GET", "/api/metrics/query?templates=cluster_cpu_usage,cluster_pods_running&clusters=member-1,member-2&range=15m")).status).toBe(200);
    expect((await call("GET", "/api/metrics/alerts")).status).toBe(200);
    expect((await call("GET", `/api/metrics/explore?cluster=member-2&query=${encodeURIComponent("up")}&instant=true`)).status).toBe(200);
    expect((await call("GET", `/api/metrics/explore?cluster=member-2&query=${encodeURIComponent("sum(")}`)).status).toBe(422);
    // The cluster list as a stream.
    const ctl = new AbortController();
    const res = await fetch(`${con.url}/api/clusters/events`, { headers: { authorization: `Bearer ${admin}` }, signal: ctl.signal });
    const reader = res.body!.getReader();
    const first = await reader.read();
    ctl.abort();
    seen.push({ where: "GET /api/clusters/events", text: Buffer.from(first.value ?? []).toString("utf8") });
  });

  it("proxies through both registrations, including a Secret write and its errors", async () => {
    for (const p of ["/clusters/member-2/api/v1/namespaces", "/clusters/member-1/api/v1/namespaces", `/clusters/member-1/api/v1/namespaces/${ns}/configmaps`, "/clusters/member-2/version", "/clusters/member-2/api/v1/namespaces/nope"]) {
      await call("GET", p);
    }
    const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "api-key" }, stringData: { key: secretValue } };
    expect((await call("POST", `/clusters/member-1/api/v1/namespaces/${ns}/secrets`, secret)).status).toBe(201);
    expect((await call("POST", `/clusters/member-1/api/v1/namespaces/${ns}/secrets`, secret)).status).toBe(409);
  });

  it("makes users, signs in (also wrongly) and edits them", async () => {
    expect((await call("POST", "/api/users", { username: userName, password: userPassword, groups: ["hygiene"] })).status).toBe(201);
    await expect(signIn(con.url, userName, wrongPassword)).rejects.toThrow(/failed/);
    await signIn(con.url, userName, userPassword);
    expect((await call("PATCH", `/api/users/${userName}`, { displayName: "Hy", password: `${userPassword}-2` })).status).toBe(200);
    for (const p of ["/api/users", `/api/users?q=${userName}`, `/api/permissions?user=${userName}`, "/api/groups", "/api/session", "/api/tenants", "/api/roles", "/api/rolebindings", "/api/projects"]) {
      await call("GET", p);
    }
  });

  it("creates personal tokens (shown once) and a kubeconfig", async () => {
    const res = await session.fetch("/api/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "hygiene" }) });
    const text = await res.text();
    seen.push({ where: "POST /api/tokens (creation)", text });
    const token = (JSON.parse(text) as { token: string }).token;
    created.set(token, "POST /api/tokens (creation)");
    await call("GET", "/api/tokens", undefined, token);
    await call("GET", "/api/session", undefined, token);
    const kc = await session.fetch("/api/kubeconfig", { method: "POST" });
    const yaml = await kc.text();
    seen.push({ where: "POST /api/kubeconfig (session: creates a token)", text: yaml });
    created.set((parseYAML(yaml) as { users: { user: { token: string } }[] }).users[0].user.token, "POST /api/kubeconfig (session: creates a token)");
    const list = await session.fetch("/api/tokens");
    seen.push({ where: "GET /api/tokens (session)", text: await list.text() });
  });

  it("renders the pages a person visits", async () => {
    for (const p of [
      "/",
      "/clusters",
      "/c/member-1",
      "/c/member-2",
      "/c/member-1/namespaces",
      `/c/member-1/ns/${ns}`,
      `/c/member-1/ns/${ns}/configmaps`,
      `/c/member-1/ns/${ns}/configmaps/settings`,
      "/c/member-1/workloads",
      "/monitoring",
      "/access/users",
      "/access/tenants",
      "/settings/tokens",
      "/projects",
      "/sign-in",
    ]) {
      expect(await page(p), p).toBeLessThan(500);
    }
  });

  it("renders the secrets list and a secret's page with its key names but without its values", async () => {
    for (const p of [`/c/member-1/ns/${ns}/secrets`, `/c/member-1/ns/${ns}/secrets/db`, `/c/member-1/ns/${ns}/secrets/db?tab=data`, `/c/member-1/ns/${ns}/secrets/db?tab=yaml`]) {
      const res = await session.fetch(p);
      const html = await res.text();
      seen.push({ where: `page ${p} (${res.status})`, text: html });
      expect(res.status, p).toBe(200);
      expect(html, p).toContain(secretKey);
      expect(html, p).not.toContain(secretValue);
      expect(html, p).not.toContain(Buffer.from(secretValue).toString("base64"));
      expect(html, p).not.toContain("last-applied-configuration");
    }
    // The values are there for whoever asks the cluster with the right to read them.
    const read = await call("GET", `/clusters/member-1/api/v1/namespaces/${ns}/secrets/db`);
    expect(read.status).toBe(200);
    expect(Buffer.from(read.json().data[secretKey], "base64").toString()).toBe(secretValue);
    // A user without the right sees no page and gets the proxy's 403 for the value.
    const other = await signIn(con.url, userName, `${userPassword}-2`);
    const denied = await other.fetch(`/c/member-1/ns/${ns}/secrets/db`);
    const deniedHtml = await denied.text();
    seen.push({ where: `page /c/member-1/ns/${ns}/secrets/db as ${userName} (${denied.status})`, text: deniedHtml });
    expect(deniedHtml).not.toContain(secretKey);
    const refused = await other.fetch(`/clusters/member-1/api/v1/namespaces/${ns}/secrets/db`);
    const refusedText = await refused.text();
    seen.push({ where: `GET /clusters/member-1/api/v1/namespaces/${ns}/secrets/db as ${userName} (${refused.status})`, text: refusedText });
    expect(refused.status).toBe(403);
  });

  it("reports a cluster that stops accepting its stored token without naming the token", async () => {
    await kubectl("member-2", ["delete", "serviceaccount", sa, "-n", "kube-system"]);
    await eventually(async () => (await call("GET", "/clusters/member-2/api/v1/namespaces")).status === 503, { what: "member-2 refusing the deleted account's token" });
    await call("GET", "/api/clusters/member-2");
    const raw = await rawHTTP(con.port, wire("GET", "/clusters/member-2/version", { Authorization: `Bearer ${admin}` }));
    seen.push({ where: "GET /clusters/member-2/version after revocation", text: raw.body });
  });
});

// ---- the search -------------------------------------------------------------------

/** Distinctive pieces of a secret value as it could show up: whole, base64, and a PEM's longest line. */
function pieces(value: string): string[] {
  const out = new Set<string>();
  const v = value.trim();
  if (v.includes("-----BEGIN")) {
    const lines = v.split("\n").filter((l) => !l.startsWith("-----") && l.length >= 24);
    lines.sort((a, b) => b.length - a.length);
    if (lines[0]) out.add(lines[0].slice(0, 48));
  } else if (v.length >= 12) {
    out.add(v);
  }
  if (v.length >= 12) out.add(Buffer.from(v).toString("base64").slice(0, 48));
  return [...out];
}

describe("nothing secret came out", () => {
  interface Marker {
    what: string;
    value: string;
    /** Where the value may show: the answer to the request that wrote it. */
    allowedIn?: RegExp;
  }
  let markers: Marker[];

  beforeAll(async () => {
    markers = [
      { what: "the Prometheus basic-auth password", value: promPassword },
      { what: "the Prometheus bearer token", value: promBearer },
      { what: "member-2's service-account token", value: saToken },
      { what: "a rejected cluster token", value: badClusterToken },
      { what: "the admin password", value: ADMIN_PASSWORD },
      { what: "a user's password", value: userPassword },
      { what: "a wrong password", value: wrongPassword },
      // The cluster echoes a Secret to whoever just wrote it, and shows it to whoever asks with the right to read it; nowhere else.
      { what: "a Secret value in a cluster", value: secretValue, allowedIn: new RegExp(`^(POST /clusters/member-1/api/v1/namespaces/${ns}/secrets \\(201\\)|GET /clusters/member-1/api/v1/namespaces/${ns}/secrets/db \\(200\\))$`) },
      { what: "the admin's bootstrap token", value: admin },
    ];
    // Every Secret the console keeps: cluster credentials, Prometheus credentials, its serving key, its session key.
    const secrets = JSON.parse((await kubectl("host", ["get", "secrets", "-n", namespace, "-o", "json"])).stdout) as {
      items: { metadata: { name: string }; data?: Record<string, string> }[];
    };
    for (const s of secrets.items) {
      for (const [k, b64] of Object.entries(s.data ?? {})) {
        // Certificates and addresses are public.
        if (/(^|\.)crt$|^server$|^insecure-skip-tls-verify$|^tls-server-name$|^username$/.test(k)) continue;
        markers.push({ what: `Secret ${s.metadata.name} key ${k}`, value: Buffer.from(b64, "base64").toString("utf8") });
      }
    }
    expect(markers.some((m) => m.what.includes("tls.key"))).toBe(true);
    // Password hashes of users and the stored hashes of tokens.
    for (const kind of ["users", "accesstokens"]) {
      const list = JSON.parse((await kubectl("host", ["get", `${kind}.pilothouse.dev`, "-n", namespace, "-o", "json"])).stdout) as {
        items: { metadata: { name: string }; spec: { passwordHash?: string; hash?: string } }[];
      };
      for (const o of list.items) {
        const h = o.spec.passwordHash ?? o.spec.hash;
        if (h) markers.push({ what: `${kind} ${o.metadata.name} hash`, value: h.split("$").at(-1)! });
      }
    }
    expect(markers.filter((m) => m.what.startsWith("users")).length).toBeGreaterThanOrEqual(2);
  });

  it("in no response, page or log line", () => {
    const sources = [...seen, { where: "console stdout/stderr", text: con.logs() }];
    expect(seen.length).toBeGreaterThan(40);
    const leaks: string[] = [];
    for (const m of markers) {
      for (const piece of pieces(m.value)) {
        for (const s of sources) if (s.text.includes(piece) && !m.allowedIn?.test(s.where)) leaks.push(`${m.what} in ${s.where}`);
      }
    }
    for (const [token, where] of created) {
      for (const s of sources) if (s.where !== where && s.text.includes(token.slice(-24))) leaks.push(`a personal token after its creation, in ${s.where}`);
    }
    expect([...new Set(leaks)]).toEqual([]);
  });
});
