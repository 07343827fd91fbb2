import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parse as parseYAML, stringify as toYAML } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleProcess, startConsole } from "../../test/support/console";
import { eventually, fleetClusters, fleetKubeconfig, kubectl, uniqueName } from "../../test/support/fleet";

// The probes against real console processes: readiness follows the host
// cluster (its informers loaded and in contact), liveness the event loop. The
// host is made unreachable for real: the console reaches it through a TCP
// relay the test runs, then closes (refusing new connections and cutting
// those open), then opens again.

const namespace = uniqueName("ph-health");
const consoles: ConsoleProcess[] = [];
const tmp = mkdtempSync(path.join(os.tmpdir(), "ph-health-"));

/** A TCP relay to one address that can be cut and restored on the same port. */
class Relay {
  private server?: net.Server;
  private sockets = new Set<net.Socket>();
  port = 0;
  constructor(private target: { host: string; port: number }) {}

  async open() {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async cut() {
    const s = this.server;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()));
    for (const sock of this.sockets) sock.destroy();
    await closed;
  }
}

/** The fleet kubeconfig with the host context's server replaced (the certificate names 127.0.0.1, so TLS still verifies). */
function kubeconfigVia(server: string): string {
  const kc = parseYAML(readFileSync(fleetKubeconfig, "utf8")) as {
    contexts: { name: string; context: { cluster: string } }[];
    clusters: { name: string; cluster: { server: string } }[];
  };
  const clusterName = kc.contexts.find((c) => c.name === "host")!.context.cluster;
  kc.clusters.find((c) => c.name === clusterName)!.cluster.server = server;
  const file = path.join(tmp, "kubeconfig");
  writeFileSync(file, toYAML(kc));
  return file;
}

async function probe(c: ConsoleProcess, p: string) {
  const started = Date.now();
  const res = await fetch(c.url + p, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: (await res.json()) as { status: string; reasons?: string[]; eventLoopDelay?: Record<string, number> }, ms: Date.now() - started };
}

afterAll(async () => {
  for (const c of consoles) await c.stop();
  rmSync(tmp, { recursive: true, force: true });
  await kubectl("host", ["delete", "namespace", namespace, "--wait=false"]).catch(() => undefined);
});

describe("with a healthy fleet", () => {
  let con: ConsoleProcess;
  beforeAll(async () => {
    con = await startConsole({ namespace });
    consoles.push(con);
  }, 180_000);

  it("is ready: 200 {status: ok}, no session needed", async () => {
    const r = await probe(con, "/api/healthz");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: "ok" });
  });

  it("is live: 200 at once with the event loop's recent delay", async () => {
    const r = await probe(con, "/api/livez");
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("ok");
    const d = r.body.eventLoopDelay!;
    expect(d.p99Ms).toBeGreaterThanOrEqual(0);
    expect(d.p99Ms).toBeLessThan(2_000);
    expect(d.maxMs).toBeGreaterThanOrEqual(d.p50Ms);
    expect(d.intervalMs).toBeGreaterThan(0);
    expect(r.ms).toBeLessThan(2_000);
  });
});

describe("when the host cluster becomes unreachable", () => {
  let con: ConsoleProcess;
  let relay: Relay;
  beforeAll(async () => {
    const host = new URL(fleetClusters().find((c) => c.name === "host")!.server);
    relay = new Relay({ host: host.hostname, port: Number(host.port) });
    await relay.open();
    // Its own state namespace; the host is not registered as a cluster (its registration would point at the relay).
    con = await startConsole({
      namespace: `${namespace}-relay`,
      env: { PILOTHOUSE_KUBECONFIG: kubeconfigVia(`https://127.0.0.1:${relay.port}`), PILOTHOUSE_REGISTER_HOST: "false" },
    });
    consoles.push(con);
  }, 180_000);

  afterAll(async () => {
    await relay?.cut();
    await kubectl("host", ["delete", "namespace", `${namespace}-relay`, "--wait=false"]).catch(() => undefined);
  });

  it("turns 503 with the reason within seconds, answering at once, and 200 again when the host is back", async () => {
    expect((await probe(con, "/api/healthz")).status).toBe(200);
    const cutAt = Date.now();
    await relay.cut();
    const down = await eventually(
      async () => {
        const r = await probe(con, "/api/healthz");
        return r.status === 503 ? r : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 500, what: "readiness 503 after the host went away" },
    );
    // Not before the grace (15 s) that keeps a reconnecting watch from flapping it.
    expect(Date.now() - cutAt).toBeGreaterThanOrEqual(14_000);
    expect(down.body.status).toBe("unavailable");
    expect(down.body.reasons!.join("\n")).toMatch(/no answer from the host cluster for \d+ s/);
    expect(down.ms).toBeLessThan(2_000);
    // The probe needs no cluster: liveness stays 200.
    expect((await probe(con, "/api/livez")).status).toBe(200);

    await relay.open();
    await eventually(async () => (await probe(con, "/api/healthz")).status === 200, { timeoutMs: 30_000, intervalMs: 500, what: "readiness 200 after the host came back" });
    expect(con.logs()).toMatch(/"msg":"not ready"/);
  });
});
