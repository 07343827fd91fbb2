import { describe, expect, it } from "vitest";
import { auditQuerySchema } from "@/lib/validations/audit";
import { newRequestContext, withRequestContext } from "./context";
import { auditRecord, onAuditLine, auditLine } from "./log";
import { containsPattern, csvField, csvHeader, csvLine, decodeCursor, encodeCursor, pageOf, pageStatement } from "./query";
import { type AuditRow, auditRow } from "./row";
import { AuditWriter } from "./writer";

const q = (raw: Record<string, string>) => auditQuerySchema.parse(raw);
const tenantOf = (c: string, ns: string) => (c === "member-1" && ns.startsWith("acme-") ? "acme" : undefined);

describe("audit lines as rows", () => {
  it("keeps a proxy write's place and outcome, with the tenant of its project", () => {
    const r = auditRow(auditRecord({ user: "carol", via: "token", cluster: "member-1", namespace: "acme-payments", verb: "patch", resource: "deployments", apiGroup: "apps", name: "checkout", tokenId: "t1", decision: "allow", code: 200 }), tenantOf);
    expect(r).toMatchObject({ event: "request", username: "carol", via: "token", tenant: "acme", cluster: "member-1", namespace: "acme-payments", verb: "patch", apiGroup: "apps", resource: "deployments", name: "checkout", status: 200, result: "allowed", details: { tokenId: "t1" } });
  });

  it("names a console API call by its method and path, and tells refused from failed", () => {
    const api = auditRow({ user: "alice", api: "/api/lanes", method: "POST", decision: "allow", code: 422 });
    expect(api).toMatchObject({ verb: "create", resource: "/api/lanes", status: 422, result: "failed", tenant: null });
    expect(auditRow({ user: "dave", cluster: "member-1", namespace: "x", verb: "get", resource: "secrets", decision: "deny", code: 403, reason: "no rule" })).toMatchObject({ result: "refused", reason: "no rule" });
    expect(auditRow({ event: "sign-in", provider: "credentials", user: "mallory", ip: "10.0.0.9", decision: "deny" })).toMatchObject({ event: "sign-in", source: "10.0.0.9", result: "refused", details: { provider: "credentials" } });
  });

  it("carry the request's id, address and client, and tell kubectl from other token callers", () => {
    const seen: Record<string, unknown>[] = [];
    const off = onAuditLine((r) => seen.push(r));
    const log = console.log;
    console.log = () => undefined;
    try {
      withRequestContext(newRequestContext("10.1.2.3", "kubectl/v1.37.2 (linux/amd64) kubernetes/abc"), () => auditLine({ user: "carol", via: "token", verb: "get", resource: "pods", code: 200 }));
      auditLine({ user: "outside", code: 200 });
    } finally {
      console.log = log;
      off();
    }
    expect(seen).toHaveLength(2);
    const r = auditRow(seen[0]);
    expect(r).toMatchObject({ via: "kubectl", source: "10.1.2.3", username: "carol" });
    expect(r.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(auditRow(seen[1])).toMatchObject({ requestId: null, source: null, via: null });
  });

  it("caps what it keeps beside the columns", () => {
    const r = auditRow({ user: "u", fields: "x".repeat(10_000), code: 200 });
    expect(JSON.stringify(r.details).length).toBeLessThan(4096);
    expect(r.details).toMatchObject({ truncated: true, keys: ["fields"] });
  });
});

describe("audit queries", () => {
  it("filter with parameters only, newest first, one row more than the page", () => {
    const s = pageStatement(q({ user: "carol", cluster: "member-1", result: "refused", since: "2026-12-01", q: "50%_off", limit: "20" }), { all: true });
    expect(s.text).toBe(
      "SELECT id, time, request_id, event, username, groups, via, source, tenant, cluster, namespace, verb, api_group, resource, name, status, result, reason, details FROM audit_events WHERE console = $1 AND username = $2 AND cluster = $3 AND result = $4 AND time >= $5 AND name ILIKE $6 ORDER BY time DESC, id DESC LIMIT $7",
    );
    expect(s.values).toEqual(["", "carol", "member-1", "refused", "2026-12-01T00:00:00.000Z", "%50\\%\\_off%", 21]);
    // Nothing of the user's text reaches the SQL.
    const evil = pageStatement(q({ user: "x' OR 1=1 --", q: "'; DROP TABLE audit_events; --" }), { all: true });
    expect(evil.text).not.toContain("DROP");
    expect(evil.text).not.toContain("OR 1=1");
  });

  it("limit a caller to their own rows and their tenants'", () => {
    const s = pageStatement(q({}), { all: false, user: "alice", tenants: ["acme"] }, "pilothouse-system");
    expect(s.text).toContain("WHERE console = $1 AND (username = $2 OR tenant = ANY($3::text[]))");
    expect(s.values).toEqual(["pilothouse-system", "alice", ["acme"], 51]);
  });

  it("page by (time, id) with a cursor of the last row, none after the last page", () => {
    const rows = [3, 2, 1].map((id) => ({ id: String(id), time: new Date(Date.UTC(2026, 11, 7, 10, 0, id)), request_id: null, event: "request", username: "u", groups: [], via: null, source: null, tenant: null, cluster: null, namespace: null, verb: "get", api_group: null, resource: "pods", name: null, status: 200, result: "allowed" as const, reason: null, details: null }));
    const page = pageOf(rows, 2);
    expect(page.items.map((e) => e.id)).toEqual(["3", "2"]);
    expect(decodeCursor(page.next!)).toEqual({ time: "2026-12-07T10:00:02.000Z", id: "2" });
    const after = pageStatement(q({ cursor: page.next! }), { all: true });
    expect(after.text).toContain("(time, id) < ($2::timestamptz, $3::bigint)");
    expect(pageOf(rows, 3).next).toBeNull();
    expect(decodeCursor(encodeCursor("garbage", "1"))).toBeUndefined();
    expect(decodeCursor("bm9wZQ")).toBeUndefined();
  });

  it("refuse bad filters field by field", () => {
    const r = auditQuerySchema.safeParse({ result: "maybe", since: "yesterday", limit: "5000", cursor: "a/b", extra: "1" });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join(".") || i.code);
    expect(paths).toEqual(expect.arrayContaining(["result", "since", "limit", "cursor"]));
    expect(auditQuerySchema.safeParse({ since: "2026-12-07", until: "2026-12-01" }).error?.issues[0].path).toEqual(["since"]);
    expect(containsPattern("a\\b")).toBe("%a\\\\b%");
  });

  it("export as CSV that spreadsheets cannot run", () => {
    expect(csvField('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(null)).toBe("");
    expect(csvHeader()).toMatch(/^time,event,user,/);
    const line = csvLine({ id: "1", time: "2026-12-07T10:00:00.000Z", requestId: null, event: "request", user: "carol", groups: [], via: "session", source: null, tenant: "acme", cluster: "member-1", namespace: "acme-payments", verb: "patch", apiGroup: "apps", resource: "deployments", name: "checkout", status: 200, result: "allowed", reason: null, details: null });
    expect(line).toBe("2026-12-07T10:00:00.000Z,request,carol,session,,acme,member-1,acme-payments,patch,apps,deployments,checkout,200,allowed,,\r\n");
  });
});

describe("the trail's writer", () => {
  const row = (i: number): AuditRow => auditRow({ user: `u${i}`, code: 200 });
  const until = async (f: () => boolean) => {
    for (let i = 0; i < 200 && !f(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(f()).toBe(true);
  };

  it("writes in batches without making the caller wait", async () => {
    const batches: number[] = [];
    const w = new AuditWriter({ insert: async (rows) => void batches.push(rows.length) }, { batch: 3, flushMs: 5 });
    for (let i = 0; i < 7; i++) w.push(row(i));
    expect(batches).toEqual([]);
    await until(() => w.health().written === 7);
    expect(batches).toEqual([3, 3, 1]);
    await w.stop();
  });

  it("keeps rows while the database is down, retries, and counts what the bound drops", async () => {
    let down = true;
    const got: string[] = [];
    const w = new AuditWriter(
      {
        insert: async (rows) => {
          if (down) throw new Error("connect ECONNREFUSED 127.0.0.1:20002");
          got.push(...rows.map((r) => r.username));
        },
      },
      { batch: 10, flushMs: 1, retryMs: 5, maxRetryMs: 20, maxQueue: 5 },
    );
    for (let i = 0; i < 8; i++) w.push(row(i));
    await until(() => w.health().failures >= 2);
    expect(w.health()).toMatchObject({ queued: 5, dropped: 3, written: 0, lastError: "connect ECONNREFUSED 127.0.0.1:20002" });
    down = false;
    await until(() => w.health().written === 5);
    expect(got).toEqual(["u0", "u1", "u2", "u3", "u4"]);
    expect(w.health()).toMatchObject({ queued: 0, failures: 0, dropped: 3 });
    await w.stop();
  });
});
