import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { K8sError, k8sJSON } from "./api";
import type { Connection } from "./connection";

// A lock shared by every console replica: a coordination.k8s.io Lease in the
// host cluster. Writes that must see each other (two quota changes against one
// tenant budget) run one at a time, whichever replica serves them. A holder
// that dies leaves a lease that expires after its duration.

const LEASE_SECONDS = 15;
const RENEW_MS = 5_000;

/** The lease could not be taken: the host cluster did not answer as expected. */
export class LeaseError extends Error {}

export class LeaseBusyError extends Error {
  constructor(
    readonly lease: string,
    readonly holder: string,
  ) {
    super(`another change holds the lock "${lease}" (${holder}); try again`);
  }
}

interface Lease {
  apiVersion: "coordination.k8s.io/v1";
  kind: "Lease";
  metadata: { name: string; namespace: string; resourceVersion?: string };
  spec: { holderIdentity?: string; leaseDurationSeconds?: number; acquireTime?: string; renewTime?: string };
}

const PROCESS = `${hostname()}-${process.pid}`;

/** Kubernetes MicroTime: RFC 3339 with six fractional digits. */
function microTime(d = new Date()): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

function expired(l: Lease, now = Date.now()): boolean {
  const renewed = Date.parse(l.spec.renewTime ?? l.spec.acquireTime ?? "");
  return !l.spec.holderIdentity || !Number.isFinite(renewed) || renewed + (l.spec.leaseDurationSeconds ?? LEASE_SECONDS) * 1000 < now;
}

const is = (e: unknown, code: number) => e instanceof K8sError && e.code === code;

/** Runs `fn` while holding the Lease `name`; waits up to `waitMs` for it. */
export async function withLease<T>(host: Connection, namespace: string, name: string, fn: () => Promise<T>, waitMs = 10_000): Promise<T> {
  const base = `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases`;
  const me = `${PROCESS}-${randomBytes(4).toString("hex")}`;
  const spec = () => ({ holderIdentity: me, leaseDurationSeconds: LEASE_SECONDS, acquireTime: microTime(), renewTime: microTime() });
  const deadline = Date.now() + waitMs;
  let held: Lease | undefined;
  let holder = "";
  while (!held) {
    try {
      held = await acquireOnce();
    } catch (e) {
      if (e instanceof LeaseBusyError) throw e;
      throw new LeaseError(`the lock "${name}" in the host cluster could not be taken: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (held) break;
    if (Date.now() > deadline) throw new LeaseBusyError(name, holder);
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 60));
  }
  async function acquireOnce(): Promise<Lease | undefined> {
    try {
      return await k8sJSON<Lease>(host, base, {
        method: "POST",
        body: { apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name, namespace }, spec: spec() },
        timeoutMs: 5_000,
      });
    } catch (e) {
      if (!is(e, 409)) throw e;
    }
    try {
      const cur = await k8sJSON<Lease>(host, `${base}/${name}`, { timeoutMs: 5_000 });
      holder = cur.spec.holderIdentity ?? "";
      // Taken over from a holder that stopped renewing; the resourceVersion makes one taker win.
      if (expired(cur)) return await k8sJSON<Lease>(host, `${base}/${name}`, { method: "PUT", body: { ...cur, spec: spec() }, timeoutMs: 5_000 });
    } catch (e) {
      if (!is(e, 404) && !is(e, 409)) throw e;
    }
    return undefined;
  }
  let current: Lease = held!;
  let renewing: Promise<unknown> | undefined;
  const renew = setInterval(() => {
    renewing = k8sJSON<Lease>(host, `${base}/${name}`, { method: "PUT", body: { ...current, spec: { ...current.spec, renewTime: microTime() } }, timeoutMs: 5_000 })
      .then((l) => (current = l))
      .catch(() => undefined);
  }, RENEW_MS);
  renew.unref();
  try {
    return await fn();
  } finally {
    clearInterval(renew);
    // The delete below needs the version a renewal in flight is about to return.
    await renewing;
    // Only our own lease: a precondition on the version we hold.
    await k8sJSON(host, `${base}/${name}`, {
      method: "DELETE",
      body: { apiVersion: "v1", kind: "DeleteOptions", preconditions: { resourceVersion: current.metadata.resourceVersion } },
      timeoutMs: 5_000,
    }).catch(() => undefined);
  }
}
