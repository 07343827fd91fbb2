// Pilothouse server entry. One port speaks both http and https (the first
// byte of a connection tells them apart): browsers may use either, kubectl
// needs https to send its token. /clusters/<cluster>/… is the Kubernetes API
// proxy (streaming, protocol upgrades); everything else is Next.js.
import "@/lib/server/heap";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import next from "next";
import { newRequestContext, withRequestContext } from "@/lib/audit/context";
import { clusterOfToken } from "@/lib/auth/token-format";
import { proxyRequest, proxyUpgrade, status } from "@/lib/proxy/proxy";
import { getRuntime } from "@/lib/runtime";
import { requestTargetProblem, serverTimeouts } from "@/lib/server/http-guard";
import { endSocketWithJSON } from "@/lib/server/raw-response";

const dev = process.env.NODE_ENV !== "production";
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";

/**
 * The image (scripts/assemble-image.mjs) has no next.config.ts, nor the tools
 * to load one: like Next's own standalone server, use the config the build
 * resolved (.next/required-server-files.json).
 */
function adoptBuiltConfig() {
  if (dev || process.env.__NEXT_PRIVATE_STANDALONE_CONFIG) return;
  if (["next.config.ts", "next.config.mjs", "next.config.js"].some((f) => existsSync(f))) return;
  const built = ".next/required-server-files.json";
  if (existsSync(built)) process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify((JSON.parse(readFileSync(built, "utf8")) as { config: unknown }).config);
}

function isProxyPath(url: string | undefined) {
  return !!url && url.startsWith("/clusters/");
}

// The Kubernetes API's own root paths; none of them is a console page or API route.
const KUBERNETES_ROOT = /^\/(?:api(?:\/v1(?:\/[^?]*)?|\/?)|apis(?:\/[^?]*)?|version\/?|openapi\/[^?]*)(?:\?|$)/;

/**
 * A Kubernetes path at the console's root, from a client that dropped the
 * kubeconfig server's /clusters/<name> (`kubectl proxy` does unless given
 * --append-server-path), goes to the cluster its token is addressed to.
 * Authentication and authorization are the proxy's as for any request.
 */
function routeRootPath(req: http.IncomingMessage): void {
  if (!req.url || !KUBERNETES_ROOT.test(req.url)) return;
  const auth = req.headers.authorization;
  const cluster = auth?.startsWith("Bearer ") ? clusterOfToken(auth.slice(7).trim()) : undefined;
  if (cluster) req.url = `/clusters/${cluster}${req.url}`;
}

function log(msg: string, extra: Record<string, unknown> = {}) {
  console.log(JSON.stringify({ time: new Date().toISOString(), level: "info", msg, ...extra }));
}

/** A refusal before routing: a Kubernetes Status on the proxy's paths, the API's error shape elsewhere. */
function refusal(url: string | undefined, code: number, message: string): string {
  const reason = code === 405 ? "MethodNotAllowed" : "BadRequest";
  return JSON.stringify(
    url?.includes("/clusters/") ? status(code, reason, message) : { error: { code: code === 405 ? "method_not_allowed" : "bad_request", message } },
  );
}

function refuseSocket(socket: import("node:stream").Duplex, url: string | undefined, code: 400 | 405, message: string) {
  endSocketWithJSON(socket, code, refusal(url, code, message));
}

async function main() {
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  adoptBuiltConfig();
  const app = next({ dev, hostname, port, customServer: true });
  const [rt] = await Promise.all([getRuntime(), app.prepare()]);
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();

  // Every request and upgrade is served inside its context: the audit lines written for it carry its id and client.
  const onRequest: http.RequestListener = (req, res) => {
    const ctx = newRequestContext(req.socket.remoteAddress, req.headers["user-agent"]);
    res.setHeader("x-request-id", ctx.requestId);
    withRequestContext(ctx, () => serve(req, res));
  };
  const serve: http.RequestListener = (req, res) => {
    const problem = requestTargetProblem(req.url, req.rawHeaders);
    if (problem) {
      const body = refusal(req.url, 400, problem);
      res.writeHead(400, { "content-type": "application/json", "content-length": Buffer.byteLength(body), connection: "close" });
      res.end(body);
      return;
    }
    routeRootPath(req);
    if (isProxyPath(req.url)) {
      proxyRequest(rt, req, res);
      return;
    }
    // The client address, for sign-in rate limits; never taken from the client.
    req.headers["x-pilothouse-client-ip"] = req.socket.remoteAddress ?? "unknown";
    void handle(req, res);
  };
  const onUpgrade = (req: http.IncomingMessage, socket: import("node:stream").Duplex, head: Buffer) =>
    withRequestContext(newRequestContext(req.socket.remoteAddress, req.headers["user-agent"]), () => serveUpgrade(req, socket, head));
  const serveUpgrade = (req: http.IncomingMessage, socket: import("node:stream").Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const problem = requestTargetProblem(req.url, req.rawHeaders);
    if (!problem) routeRootPath(req);
    if (problem) refuseSocket(socket, req.url, 400, problem);
    else if (isProxyPath(req.url)) proxyUpgrade(rt, req, socket, head);
    // Next.js upgrades only its dev server's HMR socket; in production it would drop the connection without an answer.
    else if (dev) void upgrade(req, socket, head);
    else refuseSocket(socket, req.url, 400, "this path cannot be upgraded to another protocol");
  };
  // Slow clients may not hold a socket forever while sending headers or a
  // body; responses (watches, logs -f) are not limited.
  const t = serverTimeouts(process.env);
  const limits = { headersTimeout: t.headersMs, requestTimeout: t.requestMs, keepAliveTimeout: t.keepAliveMs, connectionsCheckingInterval: t.checkIntervalMs };
  const plain = http.createServer(limits, onRequest);
  const secure = https.createServer({ ...limits, cert: rt.tls.cert, key: rt.tls.key, handshakeTimeout: t.headersMs }, onRequest);
  for (const s of [plain, secure]) {
    s.on("upgrade", onUpgrade);
    // The console is no forward proxy.
    s.on("connect", (req: http.IncomingMessage, socket: import("node:stream").Duplex) => {
      socket.on("error", () => socket.destroy());
      refuseSocket(socket, req.url, 405, "CONNECT is not supported");
    });
    // Node enforces headersTimeout and requestTimeout from a timer it starts on
    // "listening"; these servers never listen (the socket below hands them
    // connections), so start it here or the limits are never applied.
    s.emit("listening");
  }
  secure.on("tlsClientError", () => undefined);

  // No Nagle: a response's last small write would otherwise wait for the
  // client's delayed ACK (~40 ms per proxied request). http.createServer sets
  // this itself, but connections reach it through this listener.
  const server = net.createServer({ noDelay: true }, (socket) => {
    // A client that never sends a byte is dropped.
    socket.setTimeout(t.headersMs, () => socket.destroy());
    socket.once("data", (first: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(first);
      // 0x16 = TLS handshake record.
      (first[0] === 0x16 ? secure : plain).emit("connection", socket);
      process.nextTick(() => socket.resume());
    });
    socket.on("error", () => socket.destroy());
  });
  server.listen(port, hostname, () => log("listening", { url: `http://${hostname}:${port}`, tls: "same port", dev }));

  const shutdown = () => {
    server.close();
    rt.clusters.stop();
    rt.store.stop();
    setTimeout(() => process.exit(0), 2_000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
