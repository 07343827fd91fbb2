// Pilothouse server entry. One port speaks both http and https (the first
// byte of a connection tells them apart): browsers may use either, kubectl
// needs https to send its token. /clusters/<cluster>/… is the Kubernetes API
// proxy (streaming, protocol upgrades); everything else is Next.js.
import http from "node:http";
import https from "node:https";
import net from "node:net";
import next from "next";
import { proxyRequest, proxyUpgrade } from "@/lib/k8s/proxy";
import { getRuntime } from "@/lib/runtime";

const dev = process.env.NODE_ENV !== "production";
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";

function isProxyPath(url: string | undefined) {
  return !!url && url.startsWith("/clusters/");
}

function log(msg: string, extra: Record<string, unknown> = {}) {
  console.log(JSON.stringify({ time: new Date().toISOString(), level: "info", msg, ...extra }));
}

async function main() {
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  const app = next({ dev, hostname, port, customServer: true });
  const [rt] = await Promise.all([getRuntime(), app.prepare()]);
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();

  const onRequest: http.RequestListener = (req, res) => {
    if (isProxyPath(req.url)) {
      proxyRequest(rt, req, res);
      return;
    }
    // The client address, for sign-in rate limits; never taken from the client.
    req.headers["x-pilothouse-client-ip"] = req.socket.remoteAddress ?? "unknown";
    void handle(req, res);
  };
  const onUpgrade = (req: http.IncomingMessage, socket: import("node:stream").Duplex, head: Buffer) => {
    if (isProxyPath(req.url)) proxyUpgrade(rt, req, socket, head);
    else void upgrade(req, socket, head);
  };
  const plain = http.createServer(onRequest);
  const secure = https.createServer({ cert: rt.tls.cert, key: rt.tls.key }, onRequest);
  for (const s of [plain, secure]) {
    // Slow clients may not hold a socket forever while sending headers or a
    // body; responses (watches, logs -f) are not limited.
    s.headersTimeout = 15_000;
    s.requestTimeout = 120_000;
    s.keepAliveTimeout = 65_000;
    s.on("upgrade", onUpgrade);
  }
  secure.on("tlsClientError", () => undefined);

  // No Nagle: a response's last small write would otherwise wait for the
  // client's delayed ACK (~40 ms per proxied request). http.createServer sets
  // this itself, but connections reach it through this listener.
  const server = net.createServer({ noDelay: true }, (socket) => {
    // A client that never sends a byte is dropped.
    socket.setTimeout(15_000, () => socket.destroy());
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
