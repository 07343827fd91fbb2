import "server-only";
import type { IncomingMessage } from "node:http";
import net from "node:net";
import type { Duplex } from "node:stream";
import tls from "node:tls";
import { describe } from "@/lib/k8s/clusters";
import { ConnectTimeoutError } from "@/lib/k8s/connection";
import type { Status } from "@/lib/k8s/types";
import type { Runtime } from "@/lib/server/context";
import { endSocketWithJSON } from "@/lib/server/raw-response";
import { requestContext, withRequestContext } from "@/lib/audit/context";
import { auditRequest, sessionFields } from "./audit";
import { type Checked, type Placed, authenticateAndCheck, isStatus, place, unavailable } from "./check";
import { upstreamRequestHeaders } from "./headers";

function writeRawStatus(socket: Duplex, s: Status) {
  endSocketWithJSON(socket, s.code, JSON.stringify(s));
}

/** exec / attach / port-forward: authorize, then splice the client socket to the cluster. */
export function proxyUpgrade(rt: Runtime, req: IncomingMessage, socket: Duplex, head: Buffer) {
  socket.on("error", () => socket.destroy());
  // Nothing the client sends is read (or lost) until the cluster has switched protocols.
  socket.pause();
  authenticateAndCheck(rt, req, true, (c) => spliceChecked(rt, req, socket, head, c));
}

const SWITCHING = /^HTTP\/1\.[01] 101[ \r]/;

function spliceChecked(rt: Runtime, req: IncomingMessage, socket: Duplex, head: Buffer, c: Checked | Status) {
  if (isStatus(c)) return writeRawStatus(socket, c);
  void Promise.resolve(place(rt, c)).then((p) => (isStatus(p) ? writeRawStatus(socket, p) : splice(rt, req, socket, head, p)));
}

function splice(rt: Runtime, req: IncomingMessage, socket: Duplex, head: Buffer, c: Placed) {
  const { cluster, path, attrs, principal, conn } = c;
  const headers = upstreamRequestHeaders(req.rawHeaders, req.headers);
  // An upgrade request has no body of its own; bytes after it belong to the new protocol.
  delete headers["content-length"];
  const lines = [`${req.method} ${conn.path(path)} HTTP/1.1`, `host: ${conn.base.host}`];
  for (const [k, v] of Object.entries(headers)) {
    for (const one of Array.isArray(v) ? v : [v]) lines.push(`${k}: ${one}`);
  }
  if (conn.authHeader) lines.push(`authorization: ${conn.authHeader}`);
  // "close": should the cluster refuse the upgrade, it ends this connection
  // instead of waiting for another request on it.
  lines.push("connection: Upgrade, close", `upgrade: ${String(req.headers.upgrade ?? "")}`);
  const port = Number(conn.base.port || (conn.secure ? 443 : 80));
  const upstream = conn.secure
    ? tls.connect({ host: conn.base.hostname, port, ...conn.tls, ALPNProtocols: ["http/1.1"] })
    : net.connect({ host: conn.base.hostname, port });
  const timer = setTimeout(() => upstream.destroy(new ConnectTimeoutError(cluster, 3_000)), 3_000);
  upstream.once(conn.secure ? "secureConnect" : "connect", () => {
    clearTimeout(timer);
    upstream.write(lines.join("\r\n") + "\r\n\r\n");
    awaitSwitch();
  });
  // The client is joined to the cluster only once the cluster has switched
  // protocols. After any other answer the connection is still plain HTTP,
  // authenticated as the console: whatever the client sent next would be a
  // request of its own there, never authorized. So that answer is passed on
  // and the connection ends.
  const awaitSwitch = () => {
    let got: Buffer = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      got = got.length ? Buffer.concat([got, d]) : d;
      const eol = got.indexOf("\r\n");
      if (eol < 0) {
        if (got.length > 8192) upstream.destroy(new Error("no status line from the cluster"));
        return;
      }
      upstream.off("data", onData);
      const line = got.subarray(0, eol).toString("latin1");
      socket.write(got);
      upstream.pipe(socket);
      if (SWITCHING.test(line)) {
        if (head.length) upstream.write(head);
        socket.pipe(upstream);
        // A session is audited when it starts and when it ends, with what it ran and how long it lasted.
        const session = sessionFields(path);
        const started = Date.now();
        auditRequest(principal, cluster, attrs, "allow", 101, undefined, { event: "session.start", ...session });
        // The end is written from a socket event, outside the request: it gets the request's context back.
        const ctx = requestContext();
        const end = () => auditRequest(principal, cluster, attrs, "allow", 101, undefined, { event: "session.end", ...session, seconds: Math.round((Date.now() - started) / 100) / 10 });
        socket.once("close", () => (ctx ? withRequestContext(ctx, end) : end()));
      } else {
        auditRequest(principal, cluster, attrs, "allow", Number(line.split(" ")[1]) || 502);
        // The cluster closes after its answer ("connection: close"); do not wait for one that does not.
        setTimeout(() => upstream.destroy(), 10_000).unref();
      }
    };
    upstream.on("data", onData);
  };
  upstream.on("error", (err) => {
    clearTimeout(timer);
    if (!upstream.readable || (upstream as net.Socket).bytesRead === 0) {
      rt.clusters.reportFailure(cluster, err);
      writeRawStatus(socket, unavailable(cluster, describe(err)));
    } else {
      socket.destroy();
    }
  });
  socket.on("close", () => upstream.destroy());
  // The cluster hung up: let what it said reach the client, then close.
  upstream.on("close", () => {
    if (socket.destroyed) return;
    if (socket.writableFinished) return socket.destroy();
    socket.once("finish", () => socket.destroy());
    socket.end();
    setTimeout(() => socket.destroy(), 5_000).unref();
  });
}
