// Enforcer micro-benchmark (in-process): decision latency with 1k, 10k and 50k
// bindings over 1k tenants and 10k users, and the enforcer's memory at 50k.
// Bundled and run by bench/run.mjs; prints one JSON line per result.
import { Authorizer } from "@/lib/authz/enforcer";
import { context, emit, main, percentile } from "../lib/harness";
import { placeDomain } from "@/lib/authz/scope";
import type { RoleBindingResource } from "@/lib/store/types";

const TENANTS = 1_000;
const USERS = 10_000;
const CLUSTERS = ["host", "member-1", "member-2"];
const ROLES = {
  tenant: ["tenant-admin", "tenant-member", "tenant-viewer"],
  project: ["project-admin", "project-developer", "project-viewer"],
  cluster: ["cluster-admin", "cluster-viewer"],
};
const OBJECTS = ["core/pods", "core/pods/log", "apps/deployments", "apps/deployments/scale", "core/secrets", "core/configmaps", "batch/jobs", "core/services"];
const VERBS = ["get", "list", "watch", "create", "update", "patch", "delete"];

let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];

function bindings(n: number): RoleBindingResource[] {
  const out: RoleBindingResource[] = [];
  for (let i = 0; i < n; i++) {
    const user = `u${Math.floor(rand() * USERS)}`;
    const tenant = `t${Math.floor(rand() * TENANTS)}`;
    const r = rand();
    const spec: RoleBindingResource["spec"] =
      r < 0.45
        ? { subject: { kind: "User", name: user }, role: pick(ROLES.project), scope: { type: "project", cluster: pick(CLUSTERS), namespace: `${tenant}-p${Math.floor(rand() * 5)}` } }
        : r < 0.9
          ? { subject: { kind: "User", name: user }, role: pick(ROLES.tenant), scope: { type: "tenant", tenant } }
          : r < 0.98
            ? { subject: { kind: "Group", name: `g${Math.floor(rand() * 500)}` }, role: pick(ROLES.tenant), scope: { type: "tenant", tenant } }
            : { subject: { kind: "User", name: user }, role: pick(ROLES.cluster), scope: { type: "cluster", cluster: pick(CLUSTERS) } };
    out.push({ metadata: { name: `b${i}` }, spec });
  }
  return out;
}

main(async () => {
  const { smoke } = context();
  const results: { name: string; value: number; unit: string; detail: Record<string, unknown> }[] = [];
  for (const n of smoke ? [1_000] : [1_000, 10_000, 50_000]) {
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const a = await Authorizer.create();
    const bs = bindings(n);
    await a.setBindings(bs);
    for (let u = 0; u < USERS; u += 20) a.setUserGroups(`u${u}`, [`g${u % 500}`]);
    a.setTenantResolver((_c, ns) => ns.split("-")[0]);
    globalThis.gc?.();
    const heapMB = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    // Requests: half aimed at places where the user holds a binding, half random.
    const reqs = Array.from({ length: smoke ? 2_000 : 50_000 }, () => {
      const b = pick(bs).spec;
      const hit = rand() < 0.5 && b.subject.kind === "User";
      const user = hit ? b.subject.name : `u${Math.floor(rand() * USERS)}`;
      const tenant = hit && b.scope.tenant ? b.scope.tenant : `t${Math.floor(rand() * TENANTS)}`;
      const cluster = hit && b.scope.cluster ? b.scope.cluster : pick(CLUSTERS);
      const namespace = hit && b.scope.namespace ? b.scope.namespace : `${tenant}-p${Math.floor(rand() * 5)}`;
      return [`user:${user}`, placeDomain({ tenant: namespace.split("-")[0], cluster, namespace }), pick(OBJECTS), pick(VERBS)] as const;
    });
    for (let i = 0; i < Math.min(5_000, reqs.length); i++) a.enforceEveryRow(...reqs[i]); // warm-up (JIT)
    // Casbin itself: every policy row evaluated for every request (no memo, no cache).
    const rows: number[] = [];
    for (const r of reqs) {
      const t0 = process.hrtime.bigint();
      a.enforceEveryRow(...r);
      rows.push(Number(process.hrtime.bigint() - t0) / 1_000);
    }
    for (let i = 0; i < Math.min(5_000, reqs.length); i++) a.decideUncached(...reqs[i]); // warm-up (JIT)
    // Uncached: every (user, place, object, verb) distinct, as a user's first request somewhere: the roles
    // held there are looked up and Casbin's answer for that set of roles is reused (emptied when roles change).
    const cold: number[] = [];
    let allowed = 0;
    for (const r of reqs) {
      const t0 = process.hrtime.bigint();
      if (a.decideUncached(...r)) allowed++;
      cold.push(Number(process.hrtime.bigint() - t0) / 1_000);
    }
    // As the proxy decides: through the decision cache, with requests repeating as real traffic does.
    for (const r of reqs) a.decide(...r);
    const warm: number[] = [];
    for (const r of reqs) {
      const t0 = process.hrtime.bigint();
      a.decide(...r);
      warm.push(Number(process.hrtime.bigint() - t0) / 1_000);
    }
    const detail = {
      bindings: n,
      tenants: TENANTS,
      users: USERS,
      decisions: reqs.length,
      allowed,
      uncached_p50_us: percentile(cold, 50),
      uncached_p99_us: percentile(cold, 99),
      cached_p50_us: percentile(warm, 50),
      cached_p99_us: percentile(warm, 99),
      casbin_every_row_p50_us: percentile(rows, 50),
      casbin_every_row_p99_us: percentile(rows, 99),
      heap_mb: Number(heapMB.toFixed(1)),
    };
    const k = `${n / 1000}k`;
    results.push({ name: `authz_decision_p99_us_${k}`, value: Number(percentile(cold, 99).toFixed(1)), unit: "us", detail });
    results.push({ name: `authz_decision_p50_us_${k}`, value: Number(percentile(cold, 50).toFixed(1)), unit: "us", detail: { bindings: n } });
    results.push({ name: `authz_casbin_every_row_p99_us_${k}`, value: Number(percentile(rows, 99).toFixed(1)), unit: "us", detail: { bindings: n } });
    results.push({ name: `authz_decision_cached_p99_us_${k}`, value: Number(percentile(warm, 99).toFixed(1)), unit: "us", detail: { bindings: n } });
    if (n === 50_000) results.push({ name: "authz_enforcer_heap_mb_50k", value: Number(heapMB.toFixed(1)), unit: "MiB", detail: { bindings: n } });
  }
  for (const r of results) emit(r);
});
