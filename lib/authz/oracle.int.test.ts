import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import https from "node:https";
import path from "node:path";
import { parse as parseYAML } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleProcess, accessTokenObject, adminToken, registerFleetCluster, startConsole } from "../../test/support/console";
import { kubectl, repoRoot, uniqueName } from "../../test/support/fleet";

// The oracle test: a random tenancy (tenants, users, groups, custom roles with
// deny rules, bindings at every scope), then thousands of random requests
// through the real proxy, each compared with a decision this file computes on
// its own from the binding set — a second, deliberately plain implementation of
// the rules in docs/api.md, sharing only the role data files.

const SEED = Number(process.env.ORACLE_SEED ?? Date.now() % 100_000);
let state = SEED;
const rand = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T,>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];

const CLUSTERS = ["host", "member-1", "member-2"];
const TENANTS = Array.from({ length: 11 }, (_, i) => `ot${i}`);
const USERS = Array.from({ length: 60 }, (_, i) => `ou${String(i).padStart(2, "0")}`);
const GROUPS = ["og-a", "og-b", "og-c", "og-d", "og-e"];
const VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

interface Rule {
  resources: string[];
  verbs: string[];
  effect?: "allow" | "deny";
}
interface Role {
  name: string;
  scope: "platform" | "cluster" | "tenant" | "project";
  tenant?: string;
  rules: Rule[];
}
type Scope = { type: "platform" } | { type: "tenant"; tenant: string } | { type: "cluster"; cluster: string } | { type: "project"; cluster: string; namespace: string };
interface Binding {
  subject: { kind: "User" | "Group"; name: string };
  role: string;
  scope: Scope;
}

// ---- the independent model -----------------------------------------------------

const vocab = parseYAML(readFileSync(path.join(repoRoot, "policies/permissions.yaml"), "utf8")) as { sets: Record<string, string[]> };
const builtin: Role[] = readdirSync(path.join(repoRoot, "policies/roles")).map(
  (f) => parseYAML(readFileSync(path.join(repoRoot, "policies/roles", f), "utf8")) as Role,
);

function resourcesOf(rule: Rule): string[] {
  return rule.resources.flatMap((r) => (r.startsWith("@") ? vocab.sets[r.slice(1)] : [r]));
}

function patternCovers(pattern: string, obj: string): boolean {
  if (pattern === "*") return !obj.startsWith("console/") && !obj.startsWith("nonresource:");
  if (pattern.endsWith("*")) return obj.startsWith(pattern.slice(0, -1));
  return pattern === obj;
}

function ruleMatches(rule: Rule, obj: string, verb: string) {
  return resourcesOf(rule).some((p) => patternCovers(p, obj)) && (rule.verbs.includes("*") || rule.verbs.includes(verb));
}

interface World {
  roles: Map<string, Role>;
  bindings: Binding[];
  groupsOf: Map<string, string[]>;
  tenantClusters: Map<string, string[]>;
  nsLabel: Map<string, string | undefined>; // "cluster/ns" → tenant label
}

function tenantAt(w: World, cluster: string, ns: string): string | undefined {
  const t = w.nsLabel.get(`${cluster}/${ns}`);
  return t && w.tenantClusters.get(t)?.includes(cluster) ? t : undefined;
}

function expectAllowed(w: World, user: string, cluster: string, ns: string, obj: string, verb: string): boolean {
  const tenant = ns ? tenantAt(w, cluster, ns) : undefined;
  const subjects = new Set([`User:${user}`, ...(w.groupsOf.get(user) ?? []).map((g) => `Group:${g}`)]);
  let allow = false;
  for (const b of w.bindings) {
    if (!subjects.has(`${b.subject.kind}:${b.subject.name}`)) continue;
    const s = b.scope;
    const holds =
      s.type === "platform" ||
      (s.type === "cluster" && s.cluster === cluster) ||
      (s.type === "tenant" && tenant !== undefined && s.tenant === tenant) ||
      (s.type === "project" && ns !== "" && s.cluster === cluster && s.namespace === ns);
    if (!holds) continue;
    for (const rule of w.roles.get(b.role)?.rules ?? []) {
      if (!ruleMatches(rule, obj, verb)) continue;
      if (rule.effect === "deny") return false;
      allow = true;
    }
  }
  return allow;
}

// ---- setup ----------------------------------------------------------------------

let con: ConsoleProcess;
let admin: string;
const tokens = new Map<string, string>();
const namespace = uniqueName("ph-oracle");
const world: World = { roles: new Map(builtin.map((r) => [r.name, r])), bindings: [], groupsOf: new Map(), tenantClusters: new Map(), nsLabel: new Map() };
const nsByCluster = new Map<string, string[]>(CLUSTERS.map((c) => [c, []]));
const run = randomBytes(2).toString("hex");

async function api(method: string, p: string, body?: unknown) {
  const res = await fetch(`${con.url}${p}`, {
    method,
    headers: { authorization: `Bearer ${admin}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

beforeAll(async () => {
  con = await startConsole({ namespace });
  admin = await adminToken(con);
  await registerFleetCluster(con, admin, "member-1");
  await registerFleetCluster(con, admin, "member-2");

  // Namespaces: projects of tenants on allowed clusters, a label on a cluster the tenant may not use, free ones.
  const manifests: Record<string, string[]> = Object.fromEntries(CLUSTERS.map((c) => [c, []]));
  const addNs = (cluster: string, name: string, tenant?: string) => {
    nsByCluster.get(cluster)!.push(name);
    world.nsLabel.set(`${cluster}/${name}`, tenant);
    manifests[cluster].push(
      JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels: tenant ? { "pilothouse.dev/tenant": `${tenant}-${run}` } : {} } }),
      JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm", namespace: name }, data: { k: "v" } }),
    );
  };
  for (const [i, t] of TENANTS.entries()) {
    const clusters = i % 3 === 0 ? ["host", "member-1"] : i % 3 === 1 ? ["member-1", "member-2"] : ["member-2"];
    world.tenantClusters.set(t, clusters);
    for (const c of clusters) addNs(c, `${t}-${run}-p1`, t);
    addNs(clusters[0], `${t}-${run}-p2`, t);
  }
  addNs("host", `ot2-${run}-stray`, "ot2"); // ot2 may not use host: not a project
  for (const c of CLUSTERS) addNs(c, `free-${run}-${c}`);
  for (const c of CLUSTERS) {
    await kubectl(c, ["apply", "-f", "-"], { input: manifests[c].join("\n---\n") });
  }

  // Tenants (named per run: tenants are console state, namespaces are shared fleet state).
  const tn = (t: string) => `${t}-${run}`;
  for (const t of TENANTS) {
    await api("POST", "/api/tenants", { name: tn(t), clusters: world.tenantClusters.get(t), acknowledgeHostCluster: true });
  }
  // The model speaks of "otN"; the console (and the namespace labels) of "otN-<run>".

  // Users with groups, and a token each (made directly as AccessToken objects).
  const tokenDocs: string[] = [];
  for (const u of USERS) {
    const groups = GROUPS.filter(() => rand() < 0.25);
    world.groupsOf.set(u, groups);
    await api("POST", "/api/users", { username: `${u}-${run}`, password: "oracle-password-1", groups });
    const t = accessTokenObject(namespace, `${u}-${run}`, { displayName: "oracle" });
    tokens.set(u, t.token);
    tokenDocs.push(t.doc);
  }
  await kubectl("host", ["apply", "-f", "-"], { input: tokenDocs.join("\n---\n") });

  // Custom roles with deny rules.
  for (const t of TENANTS.slice(0, 4)) {
    const guarded: Role = {
      name: `${t}-guarded-${run}`,
      scope: "tenant",
      tenant: t,
      rules: [
        { resources: ["@readable", "core/secrets", "apps/deployments/scale"], verbs: ["get", "list", "watch", "patch", "update"] },
        { resources: ["core/secrets", "core/configmaps"], verbs: ["update", "patch", "get"], effect: "deny" },
      ],
    };
    const deployer: Role = {
      name: `${t}-deployer-${run}`,
      scope: "project",
      tenant: t,
      rules: [
        { resources: ["apps/*", "core/configmaps", "core/pods", "core/pods/log"], verbs: ["*"] },
        { resources: ["apps/deployments"], verbs: ["delete", "deletecollection"], effect: "deny" },
      ],
    };
    for (const r of [guarded, deployer]) {
      world.roles.set(r.name, r);
      await api("POST", "/api/roles", { name: r.name, scope: r.scope, tenant: tn(t), rules: r.rules });
    }
  }

  // Bindings at every scope.
  const projects = (t: string) => [...world.nsLabel].filter(([k, v]) => v === t && tenantAt(world, k.split("/")[0], k.split("/")[1])).map(([k]) => k.split("/"));
  const subject = (): Binding["subject"] => (rand() < 0.25 ? { kind: "Group", name: pick(GROUPS) } : { kind: "User", name: pick(USERS) });
  const wanted: Binding[] = [
    { subject: { kind: "User", name: USERS[0] }, role: "platform-viewer", scope: { type: "platform" } },
    { subject: { kind: "User", name: USERS[1] }, role: "platform-admin", scope: { type: "platform" } },
  ];
  for (let i = 0; i < 140; i++) {
    const kind = pick(["cluster", "tenant", "tenant", "project", "project", "project", "custom-tenant", "custom-project"]);
    const t = pick(TENANTS);
    if (kind === "cluster") wanted.push({ subject: subject(), role: pick(["cluster-admin", "cluster-viewer"]), scope: { type: "cluster", cluster: pick(CLUSTERS) } });
    else if (kind === "tenant") wanted.push({ subject: subject(), role: pick(["tenant-admin", "tenant-member", "tenant-viewer"]), scope: { type: "tenant", tenant: t } });
    else if (kind === "project") {
      const [c, n] = pick(projects(t));
      wanted.push({ subject: subject(), role: pick(["project-admin", "project-developer", "project-viewer"]), scope: { type: "project", cluster: c, namespace: n } });
    } else {
      const ct = pick(TENANTS.slice(0, 4));
      if (kind === "custom-tenant") wanted.push({ subject: subject(), role: `${ct}-guarded-${run}`, scope: { type: "tenant", tenant: ct } });
      else {
        const [c, n] = pick(projects(ct));
        wanted.push({ subject: subject(), role: `${ct}-deployer-${run}`, scope: { type: "project", cluster: c, namespace: n } });
      }
    }
  }
  const seen = new Set<string>();
  for (const b of wanted) {
    const key = JSON.stringify(b);
    if (seen.has(key)) continue;
    seen.add(key);
    world.bindings.push(b);
    const scope = b.scope.type === "tenant" ? { ...b.scope, tenant: tn(b.scope.tenant) } : b.scope;
    const subjectName = b.subject.kind === "User" ? `${b.subject.name}-${run}` : b.subject.name;
    await api("POST", "/api/rolebindings", { subject: { ...b.subject, name: subjectName }, role: b.role, scope });
  }
  // Every process sees the same state within a second; give the namespace watches a moment too.
  await new Promise((r) => setTimeout(r, 1500));
}, 600_000);

afterAll(async () => {
  await con?.stop();
  for (const c of CLUSTERS) {
    const names = nsByCluster.get(c) ?? [];
    if (names.length) await kubectl(c, ["delete", "namespace", ...names, "--wait=false"]).catch(() => undefined);
  }
  await kubectl("host", ["delete", "namespace", namespace, "--wait=false"]).catch(() => undefined);
});

// ---- requests ----------------------------------------------------------------------

const RESOURCES = [
  { obj: "core/pods", path: "pods" },
  { obj: "core/pods/log", path: "pods/web-0/log", named: true },
  { obj: "core/configmaps", path: "configmaps" },
  { obj: "core/secrets", path: "secrets" },
  { obj: "apps/deployments", path: "deployments", group: "apps/v1" },
  { obj: "apps/deployments/scale", path: "deployments/web/scale", group: "apps/v1", named: true },
  { obj: "core/services", path: "services" },
  { obj: "core/resourcequotas", path: "resourcequotas" },
  { obj: "core/events", path: "events" },
  { obj: "rbac.authorization.k8s.io/rolebindings", path: "rolebindings", group: "rbac.authorization.k8s.io/v1" },
];

interface Req {
  user: string;
  cluster: string;
  ns: string;
  obj: string;
  verb: string;
  method: string;
  url: string;
  body?: string;
}

function makeRequest(): Req {
  const user = pick(USERS);
  const cluster = pick(CLUSTERS);
  const r = rand();
  if (r < 0.08) {
    // Cluster-scoped: nodes.
    const verb = pick(["get", "list", "delete", "patch"]);
    const named = verb !== "list";
    return {
      user,
      cluster,
      ns: "",
      obj: "core/nodes",
      verb,
      method: { get: "GET", list: "GET", delete: "DELETE", patch: "PATCH" }[verb]!,
      url: `/clusters/${cluster}/api/v1/nodes${named ? `/${cluster}-worker-a` : ""}${verb === "delete" || verb === "patch" ? "?dryRun=All" : ""}`,
      body: verb === "patch" ? "{}" : undefined,
    };
  }
  if (r < 0.14) {
    // All-namespaces lists need cluster-wide read.
    return { user, cluster, ns: "", obj: "core/configmaps", verb: "list", method: "GET", url: `/clusters/${cluster}/api/v1/configmaps?limit=5` };
  }
  const ns = pick(nsByCluster.get(cluster)!);
  if (r < 0.22) {
    const verb = pick(["get", "delete", "patch"]);
    return {
      user,
      cluster,
      ns,
      obj: "core/namespaces",
      verb,
      method: { get: "GET", delete: "DELETE", patch: "PATCH" }[verb]!,
      url: `/clusters/${cluster}/api/v1/namespaces/${ns}${verb === "get" ? "" : "?dryRun=All"}`,
      body: verb === "patch" ? "{}" : undefined,
    };
  }
  const res = pick(RESOURCES);
  const base = `/clusters/${cluster}/${res.group ? `apis/${res.group}` : "api/v1"}/namespaces/${ns}/${res.path}`;
  const verb = res.named ? pick(["get", "patch", "update"]) : pick(VERBS);
  switch (verb) {
    case "get":
      return { user, cluster, ns, obj: res.obj, verb, method: "GET", url: res.named ? base : `${base}/x-${run}` };
    case "list":
      return { user, cluster, ns, obj: res.obj, verb, method: "GET", url: `${base}?limit=5` };
    case "watch":
      return { user, cluster, ns, obj: res.obj, verb, method: "GET", url: `${base}?watch=1&timeoutSeconds=1` };
    case "create":
      return { user, cluster, ns, obj: res.obj, verb, method: "POST", url: `${base}?dryRun=All`, body: JSON.stringify({ metadata: { name: "x" } }) };
    case "update":
      return { user, cluster, ns, obj: res.obj, verb, method: "PUT", url: `${res.named ? base : `${base}/x`}?dryRun=All`, body: JSON.stringify({ metadata: { name: "x" } }) };
    case "patch":
      return { user, cluster, ns, obj: res.obj, verb, method: "PATCH", url: `${res.named ? base : `${base}/x`}?dryRun=All`, body: "{}" };
    case "delete":
      return { user, cluster, ns, obj: res.obj, verb, method: "DELETE", url: `${base}/x?dryRun=All` };
    default:
      return { user, cluster, ns, obj: res.obj, verb: "deletecollection", method: "DELETE", url: `${base}?dryRun=All` };
  }
}

function send(req: Req): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const r = https.request(
      {
        hostname: "127.0.0.1",
        port: con.port,
        path: req.url,
        method: req.method,
        rejectUnauthorized: false,
        headers: {
          authorization: `Bearer ${tokens.get(req.user)}`,
          accept: "application/json",
          ...(req.body !== undefined ? { "content-type": req.method === "PATCH" ? "application/merge-patch+json" : "application/json" } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    r.on("error", reject);
    r.end(req.body);
  });
}

async function pool<T>(items: T[], n: number, f: (t: T) => Promise<void>) {
  let i = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (i < items.length) await f(items[i++]);
  }));
}

describe(`oracle (seed ${SEED})`, () => {
  it("agrees with an independent model on 2,000 random requests through the proxy", async () => {
    const reqs = Array.from({ length: 2000 }, makeRequest);
    const mismatches: string[] = [];
    let allowed = 0;
    await pool(reqs, 16, async (q) => {
      const want = expectAllowed(world, q.user, q.cluster, q.ns, q.obj, q.verb);
      const got = await send(q);
      if (want) allowed++;
      const denied = got.status === 403 && /forbidden/i.test(got.body);
      if (want === denied || got.status === 401 || got.status >= 500) {
        mismatches.push(`${q.user} ${q.verb} ${q.obj} on ${q.cluster}/${q.ns || "-"}: want ${want ? "allowed" : "403"}, got ${got.status} ${got.body.slice(0, 160)}`);
      }
    });
    expect(mismatches.slice(0, 20)).toEqual([]);
    // The random world must exercise both outcomes.
    expect(allowed).toBeGreaterThan(150);
    expect(2000 - allowed).toBeGreaterThan(150);
  }, 600_000);

  it("never shows a namespace the caller may not see in lists and watches", async () => {
    let checked = 0;
    await pool(USERS.flatMap((u) => CLUSTERS.map((c) => [u, c] as const)), 8, async ([user, cluster]) => {
      const list = await send({ user, cluster, ns: "", obj: "core/namespaces", verb: "list", method: "GET", url: `/clusters/${cluster}/api/v1/namespaces` });
      expect(list.status).toBe(200);
      const names: string[] = JSON.parse(list.body).items.map((i: { metadata: { name: string } }) => i.metadata.name);
      const ours = new Set(nsByCluster.get(cluster));
      for (const n of names) {
        if (!ours.has(n) && !expectAllowed(world, user, cluster, "", "core/namespaces", "list")) {
          throw new Error(`${user} sees foreign namespace ${n} on ${cluster}`);
        }
        if (ours.has(n)) expect(expectAllowed(world, user, cluster, n, "core/namespaces", "get"), `${user} sees ${n} on ${cluster}`).toBe(true);
      }
      for (const n of ours) {
        if (expectAllowed(world, user, cluster, n, "core/namespaces", "get")) expect(names, `${user} misses ${n} on ${cluster}`).toContain(n);
      }
      const watch = await send({ user, cluster, ns: "", obj: "core/namespaces", verb: "watch", method: "GET", url: `/clusters/${cluster}/api/v1/namespaces?watch=1&timeoutSeconds=1` });
      for (const line of watch.body.split("\n").filter(Boolean)) {
        const name = JSON.parse(line).object?.metadata?.name;
        if (ours.has(name)) expect(expectAllowed(world, user, cluster, name, "core/namespaces", "get"), `${user} watches ${name}`).toBe(true);
        else if (name) expect(expectAllowed(world, user, cluster, "", "core/namespaces", "list"), `${user} watches foreign ${name}`).toBe(true);
      }
      checked++;
    });
    expect(checked).toBe(USERS.length * CLUSTERS.length);
  }, 300_000);
});
