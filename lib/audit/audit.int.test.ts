import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEvent as Event } from "@/lib/validations/audit";
import { type ConsoleProcess, adminToken, bearerCall, bearerOk, projectDevelopers, registerFleetCluster, signIn, startConsole } from "../../test/support/console";
import { eventually, fleetDir, kubectl, make, uniqueName } from "../../test/support/fleet";

// The audit trail in the fleet's PostgreSQL (a database of its own per run):
// a proxy write, a refused proxy read, an API write, a failed sign-in land
// with their fields; a tenant manager reads only their tenant's rows and
// their own; two consoles starting together migrate once; with PostgreSQL
// stopped the console keeps answering and what happened meanwhile arrives
// once it is back, the overflow counted.

const run = randomBytes(3).toString("hex");
const database = `audit_${run}`;
const fleetURL = readFileSync(path.join(fleetDir, "postgres-url"), "utf8").trim();
const url = fleetURL.replace(/\/[^/]*$/, `/${database}`);
const acmeNs = `audit-acme-${run}`;
const globexNs = `audit-globex-${run}`;

let a: ConsoleProcess;
let b: ConsoleProcess;
let admin: string;
let dev: string;
let manager: string;


const query = (token: string, q: Record<string, string>) => bearerCall(a.url, token, "GET", `/api/audit?${new URLSearchParams(q)}`);

/** The rows a query answers once one of them is what `want` looks for (rows arrive in batches). */
async function found(token: string, q: Record<string, string>, what: string, want: (e: Event) => boolean = () => true): Promise<Event[]> {
  return eventually(
    async () => {
      const r = await query(token, q);
      return r.status === 200 && (r.body.items as Event[]).some(want) ? (r.body.items as Event[]).filter(want) : undefined;
    },
    { timeoutMs: 15_000, what },
  );
}

beforeAll(async () => {
  const c = new pg.Client({ connectionString: fleetURL });
  await c.connect();
  await c.query(`CREATE DATABASE ${database}`);
  await c.end();
  const namespace = uniqueName("ph-audit");
  // Two replicas of one console, started together: one schema.
  [a, b] = await Promise.all([
    startConsole({ namespace, env: { PILOTHOUSE_DATABASE_URL: url, PILOTHOUSE_AUDIT_QUEUE_MAX: "40" } }),
    startConsole({ namespace, env: { PILOTHOUSE_DATABASE_URL: url, PILOTHOUSE_AUDIT_QUEUE_MAX: "40" } }),
  ]);
  admin = await adminToken(a);
  await registerFleetCluster(a, admin, "member-1");
  const nss = [
    [acmeNs, "acme"],
    [globexNs, "globex"],
  ].map(([ns, t]) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { "pilothouse.dev/tenant": t } } }));
  await kubectl("member-1", ["apply", "-f", "-"], { input: nss.map((d) => JSON.stringify(d)).join("\n---\n") });
  [dev, manager] = await projectDevelopers(a, admin, "member-1", [
    { user: `audit-dev-${run}`, namespace: acmeNs },
    { user: `audit-mgr-${run}`, namespace: acmeNs },
  ]);
  await bearerOk(a.url, admin, "POST", "/api/rolebindings", { subject: { kind: "User", name: `audit-mgr-${run}` }, role: "tenant-admin", scope: { type: "tenant", tenant: "acme" } });
}, 240_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await make("fleet-start", { COMPONENT: "postgres" }).catch(() => undefined);
  await kubectl("member-1", ["delete", "namespace", acmeNs, globexNs, "--wait=false"]).catch(() => undefined);
});

describe("the audit trail", () => {
  it("is migrated once by two consoles starting together", async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const rows = (await c.query("SELECT version FROM schema_migrations ORDER BY version")).rows.map((r) => r.version);
    await c.end();
    expect(rows).toEqual([1, 2, 3]);
  });

  it("records a proxy write with its place, tenant, verb, object and status", async () => {
    const cm = await bearerCall(a.url, dev, "POST", `/clusters/member-1/api/v1/namespaces/${acmeNs}/configmaps`, { metadata: { name: `cm-${run}` }, data: { a: "1" } });
    expect(cm.status).toBe(201);
    const [e] = await found(admin, { user: `audit-dev-${run}`, resource: "configmaps" }, "the proxy write's row");
    expect(e).toMatchObject({ event: "request", via: "token", tenant: "acme", cluster: "member-1", namespace: acmeNs, verb: "create", resource: "configmaps", name: null, status: 201, result: "allowed" });
    expect(e.details?.fields).toEqual(["metadata.name", "data.a"]);
    // A change names the fields it touched, never their values.
    const patch = await fetch(`${a.url}/clusters/member-1/api/v1/namespaces/${acmeNs}/configmaps/cm-${run}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${dev}`, "content-type": "application/json-patch+json" },
      body: JSON.stringify([{ op: "test", path: "/data/a", value: "1" }, { op: "replace", path: "/data/a", value: `value-${run}` }, { op: "add", path: "/metadata/labels", value: { tier: "x" } }]),
    });
    expect(patch.status).toBe(200);
    const [p] = await found(admin, { user: `audit-dev-${run}`, resource: "configmaps", verb: "patch" }, "the patch's row");
    expect(p).toMatchObject({ name: `cm-${run}`, status: 200, details: { fields: ["data.a", "metadata.labels"] } });
    expect(JSON.stringify(p)).not.toContain(`value-${run}`);
  });

  it("records a refused read with the rule's reason", async () => {
    const r = await bearerCall(a.url, dev, "GET", `/clusters/member-1/api/v1/namespaces/${globexNs}/secrets`);
    expect(r.status).toBe(403);
    const [e] = await found(admin, { user: `audit-dev-${run}`, result: "refused" }, "the refused read's row");
    expect(e).toMatchObject({ tenant: "globex", namespace: globexNs, verb: "list", resource: "secrets", status: 403 });
    expect(e.reason).toBeTruthy();
  });

  it("records a console API write and a failed sign-in", async () => {
    // A question asked by POST changes nothing: no row (pages ask many of them).
    expect((await bearerCall(a.url, admin, "POST", "/api/can-i", { checks: [{ verb: "list", resource: "core/pods" }] })).status).toBe(200);
    expect((await bearerCall(a.url, admin, "POST", "/api/tokens", { name: `audit-${run}` })).status).toBe(201);
    const [w] = await found(admin, { user: "admin", verb: "create", resource: "/api/tokens" }, "the API write's row", (e) => e.via === "token");
    // Rows arrive in order: the token's is here, so the question's would be too.
    expect((await query(admin, { user: "admin", resource: "/api/can-i" })).body.items).toEqual([]);
    expect(w).toMatchObject({ status: 201, result: "allowed", tenant: null });
    expect(w.details?.fields).toContain("name");
    await expect(signIn(a.url, `nobody-${run}`, "wrong-password")).rejects.toThrow();
    const [s] = await found(admin, { user: `nobody-${run}` }, "the failed sign-in's row");
    expect(s).toMatchObject({ event: "sign-in", result: "refused" });
    expect(s.source).toBeTruthy();
  });

  it("records an exec session by kubectl: its start, its end and the command it ran", async () => {
    const res = await fetch(`${a.url}/api/kubeconfig`, { headers: { authorization: `Bearer ${admin}` } });
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "ph-audit-")), "kubeconfig");
    writeFileSync(file, await res.text());
    const pod = (await kubectl("member-1", ["get", "pods", "-n", "acme-shop", "-l", "app=storefront", "-o", "jsonpath={.items[0].metadata.name}"])).stdout;
    const out = await kubectl("member-1", ["exec", "-n", "acme-shop", pod, "--", "echo", `audited-${run}`], { kubeconfig: file });
    expect(out.stdout.trim()).toBe(`audited-${run}`);
    const rows = await eventually(
      async () => {
        const r = await query(admin, { user: "admin", resource: "pods/exec", limit: "10" });
        const items = (r.body.items ?? []) as Event[];
        const mine = items.filter((e) => e.details?.command === `echo audited-${run}`);
        return mine.some((e) => e.event === "session.end") ? mine : undefined;
      },
      { what: "the exec session's rows" },
    );
    expect(rows.map((e) => e.event).sort()).toEqual(["session.end", "session.start"]);
    for (const e of rows) expect(e, JSON.stringify(e)).toMatchObject({ via: "kubectl", cluster: "member-1", namespace: "acme-shop", name: pod, status: 101, result: "allowed" });
    expect(rows.find((e) => e.event === "session.end")!.details!.seconds).toBeGreaterThanOrEqual(0);
  });

  it("shows a tenant manager their tenant's rows and their own, nothing else", async () => {
    await bearerCall(a.url, manager, "GET", `/clusters/member-1/api/v1/namespaces/${globexNs}/pods`);
    const rows = await found(manager, { limit: "500" }, "the manager's rows");
    expect(rows.length).toBeGreaterThan(0);
    for (const e of rows) expect(e.tenant === "acme" || e.user === `audit-mgr-${run}`, JSON.stringify(e)).toBe(true);
    expect(rows.some((e) => e.user === `audit-dev-${run}`)).toBe(true);
    // The admin's own console calls (no tenant) are not the manager's to read; the admin's actions in ACME's projects are.
    expect(rows.some((e) => e.user === "admin" && e.tenant !== "acme")).toBe(false);
    // A developer sees their own rows only, whatever they filter by.
    const own = await found(dev, { limit: "500" }, "the developer's rows");
    for (const e of own) expect(e.user).toBe(`audit-dev-${run}`);
    const tricks: Record<string, string>[] = [{ user: "admin" }, { tenant: "acme", user: `audit-mgr-${run}` }, { q: "%%%" }, { user: "' OR '1'='1" }];
    for (const q of tricks) {
      const r = await query(dev, q);
      expect(r.status, JSON.stringify(q)).toBe(200);
      for (const e of r.body.items as Event[]) expect(e.user).toBe(`audit-dev-${run}`);
    }
    expect((await query(dev, { user: "admin" })).body.items).toEqual([]);
    // A cursor made by hand moves nowhere it should not: still only their rows.
    const forged = Buffer.from(`2999-01-01T00:00:00Z|999999999`).toString("base64url");
    for (const e of (await query(dev, { cursor: forged })).body.items as Event[]) expect(e.user).toBe(`audit-dev-${run}`);
    // Oversize filters are refused with the field, not run.
    expect((await query(dev, { q: "x".repeat(300) })).status).toBe(422);
  });

  it("pages newest first by cursor and exports CSV and JSON lines", async () => {
    const first = await query(admin, { limit: "2" });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.next).toBeTruthy();
    const second = await query(admin, { limit: "2", cursor: first.body.next });
    expect(second.body.items[0].time <= first.body.items[1].time).toBe(true);
    expect(second.body.items.map((e: { id: string }) => e.id)).not.toContain(first.body.items[1].id);
    const csv = await fetch(`${a.url}/api/audit?format=csv&user=audit-dev-${run}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename="pilothouse-audit-.*\.csv"/);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/^time,event,user,/);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const jsonl = await (await fetch(`${a.url}/api/audit?format=jsonl&user=audit-dev-${run}`, { headers: { authorization: `Bearer ${admin}` } })).text();
    expect(jsonl.trim().split("\n").map((l) => JSON.parse(l).user)).toEqual(lines.slice(1).map(() => `audit-dev-${run}`));
  });

  it("keeps another console installation's rows apart, though it shares the database", async () => {
    const other = await startConsole({ namespace: uniqueName("ph-audit-other"), env: { PILOTHOUSE_DATABASE_URL: url } });
    try {
      const token = await adminToken(other);
      const r = await bearerCall(other.url, token, "GET", `/api/audit?user=audit-dev-${run}`);
      expect(r.status).toBe(200);
      expect(r.body.items).toEqual([]);
      // Its own rows are there (its admin made the token it asks with).
      await eventually(async () => (await bearerCall(other.url, token, "GET", "/api/audit?user=admin")).body.items.length > 0, { what: "the other console's own rows" });
    } finally {
      await other.stop();
    }
  });

  it("keeps the console serving while PostgreSQL is down, and writes what waited once it is back", async () => {
    const since = new Date().toISOString();
    await make("fleet-stop", { COMPONENT: "postgres" });
    let dropped = 0;
    try {
      for (let i = 0; i < 50; i++) {
        const r = await bearerCall(a.url, dev, "POST", `/clusters/member-1/api/v1/namespaces/${acmeNs}/configmaps`, { metadata: { name: `down-${run}-${i}` } });
        expect(r.status).toBe(201);
      }
      const health = await eventually(
        async () => {
          const h = (await (await fetch(`${a.url}/api/healthz`)).json()) as { status: string; audit?: { failing: boolean; dropped: number; queued: number } };
          return h.audit?.failing && h.audit.dropped > 0 ? h : undefined;
        },
        { what: "the health answer to say the trail is failing and dropping" },
      );
      expect(health.status).toBe("ok");
      expect(health.audit!.queued).toBeLessThanOrEqual(40);
      dropped = health.audit!.dropped;
    } finally {
      await make("fleet-start", { COMPONENT: "postgres" });
    }
    // What the queue held arrives; what did not fit was counted.
    const rows = await eventually(
      async () => {
        const r = await query(admin, { user: `audit-dev-${run}`, resource: "configmaps", since, limit: "100" });
        return r.status === 200 && r.body.items.length > 0 ? (r.body.items as Event[]) : undefined;
      },
      { timeoutMs: 40_000, what: "the rows written while PostgreSQL was down" },
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length + dropped).toBeGreaterThanOrEqual(50);
    const h = (await (await fetch(`${a.url}/api/healthz`)).json()) as { audit: { failing: boolean } };
    expect(h.audit.failing).toBe(false);
  });
});
