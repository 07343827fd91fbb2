import https from "node:https";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateServingCert } from "@/lib/tls/serving-cert";
import { ConnectTimeoutError, Connection, request } from "./connection";

// Local sockets only: a TLS server that answers, and a listener that accepts and never speaks.
const cert = generateServingCert({ dns: [], ips: ["127.0.0.1"] });
let answering: https.Server;
let silent: net.Server;
const held: net.Socket[] = [];
const port = (s: net.Server) => (s.address() as net.AddressInfo).port;

beforeAll(async () => {
  answering = https.createServer({ cert: cert.cert, key: cert.key }, (_req, res) => res.end("ok"));
  silent = net.createServer((s) => held.push(s));
  await Promise.all([new Promise<void>((r) => answering.listen(0, "127.0.0.1", r)), new Promise<void>((r) => silent.listen(0, "127.0.0.1", r))]);
});
afterAll(() => {
  for (const s of held) s.destroy();
  answering.close();
  silent.close();
});

describe("a connection's connect deadline", () => {
  it("fails a handshake that never comes within the deadline", async () => {
    const conn = new Connection("silent", { server: `https://127.0.0.1:${port(silent)}`, insecureSkipTLSVerify: true });
    const t0 = performance.now();
    const err = await request(conn, { path: "/", connectTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectTimeoutError);
    expect(performance.now() - t0).toBeLessThan(2_000);
    conn.close();
  });

  it("does not count time the event loop was busy against it (a start with many clusters)", async () => {
    const conn = new Connection("answering", { server: `https://127.0.0.1:${port(answering)}`, caData: cert.ca });
    const pending = request(conn, { path: "/", connectTimeoutMs: 300 });
    // Busy for three deadlines before the handshake can be read.
    const until = performance.now() + 900;
    while (performance.now() < until);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe("ok");
    conn.close();
  });
});
