// The least a proxy can do: accept HTTP, forward the path to the apiserver
// over a keep-alive TLS pool with the given client certificate, send the
// answer back. No auth, no checks. The proxy benchmark runs it beside the
// console to show what one extra hop costs on this machine by itself.
//   node bench/tools/bare-hop.mjs <port> <server> <ca-file> <cert-file> <key-file>
import http from "node:http";
import https from "node:https";
import { readFileSync } from "node:fs";

const [port, server, caFile, certFile, keyFile] = process.argv.slice(2);
const base = new URL(server);
const agent = new https.Agent({ keepAlive: true, ca: readFileSync(caFile), cert: readFileSync(certFile), key: readFileSync(keyFile) });
http
  .createServer((req, res) => {
    const up = https.request(
      { hostname: base.hostname, port: base.port, path: req.url, method: req.method, headers: req.headers.accept ? { accept: req.headers.accept } : {}, agent },
      (ures) => {
        res.writeHead(ures.statusCode ?? 502, ures.headers);
        ures.pipe(res);
      },
    );
    up.on("error", () => res.destroy());
    req.pipe(up);
  })
  .listen(Number(port), "127.0.0.1", () => process.stdout.write("ready\n"));
// Exit cleanly on SIGTERM so that --cpu-prof (BENCH_BARE_HOP_NODE_ARGS) writes its profile.
process.on("SIGTERM", () => process.exit(0));
