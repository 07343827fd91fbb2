// The least a proxy can do: accept HTTP, forward the path to the apiserver
// over a keep-alive TLS pool with the given client certificate, send the
// answer back. No auth, no checks. The proxy benchmark runs it beside the
// console to show what one extra hop costs on this machine by itself.
//   node bench/tools/bare-hop.mjs <port> <server> <ca-file> <cert-file> <key-file> [http|undici]
// "http" forwards with Node's own https.request (what most Node proxies do);
// "undici" with undici's dispatch, raw headers and chunks, as the console does:
// the floor for any proxy in Node here.
import http from "node:http";
import https from "node:https";
import { readFileSync } from "node:fs";
import { Pool } from "undici";

const [port, server, caFile, certFile, keyFile, client = "http"] = process.argv.slice(2);
const base = new URL(server);
const tls = { ca: readFileSync(caFile), cert: readFileSync(certFile), key: readFileSync(keyFile) };

function viaHttps() {
  const agent = new https.Agent({ keepAlive: true, ...tls });
  return (req, res) => {
    const up = https.request(
      { hostname: base.hostname, port: base.port, path: req.url, method: req.method, headers: req.headers.accept ? { accept: req.headers.accept } : {}, agent },
      (ures) => {
        res.writeHead(ures.statusCode ?? 502, ures.headers);
        ures.pipe(res);
      },
    );
    up.on("error", () => res.destroy());
    req.pipe(up);
  };
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding"]);

function viaUndici() {
  const pool = new Pool(base.origin, { connect: tls, keepAliveTimeout: 15_000, headersTimeout: 0, bodyTimeout: 0 });
  return (req, res) => {
    req.resume();
    pool.dispatch(
      { method: req.method, path: req.url, headers: req.headers.accept ? ["accept", req.headers.accept] : [], body: null },
      {
        onConnect() {},
        onHeaders(status, raw, resume) {
          res.on("drain", resume);
          const headers = [];
          for (let i = 0; i < raw.length; i += 2) {
            const name = raw[i].toString("latin1");
            if (!HOP_BY_HOP.has(name.toLowerCase())) headers.push(name, raw[i + 1].toString("latin1"));
          }
          res.writeHead(status, headers);
          return true;
        },
        onData(chunk) {
          return res.write(chunk);
        },
        onComplete() {
          res.end();
        },
        onError() {
          res.destroy();
        },
      },
    );
  };
}

if (client !== "http" && client !== "undici") throw new Error(`unknown client ${client}: http or undici`);
http.createServer(client === "undici" ? viaUndici() : viaHttps()).listen(Number(port), "127.0.0.1", () => process.stdout.write("ready\n"));
// Exit cleanly on SIGTERM so that --cpu-prof (BENCH_BARE_HOP_NODE_ARGS) writes its profile.
process.on("SIGTERM", () => process.exit(0));
