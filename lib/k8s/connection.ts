import "server-only";
import http from "node:http";
import https from "node:https";
import type { Socket } from "node:net";
import tls from "node:tls";
import { type Dispatcher, Pool } from "undici";

/**
 * How the console reaches one cluster: a base URL, a keep-alive socket pool
 * with the cluster's TLS material, and the auth header to add. Credentials live
 * only here (built from a Secret); they never leave the server.
 */
export interface ClusterCredentials {
  server: string;
  caData?: string; // PEM
  certData?: string; // PEM client certificate
  keyData?: string; // PEM client key
  token?: string;
  insecureSkipTLSVerify?: boolean;
  tlsServerName?: string;
}

export class Connection {
  readonly base: URL;
  readonly agent: http.Agent;
  readonly authHeader?: string;
  readonly secure: boolean;
  /** TLS options for raw sockets (protocol upgrades). */
  private tlsOptions?: Pick<tls.ConnectionOptions, "secureContext" | "ca" | "cert" | "key" | "rejectUnauthorized" | "servername">;

  constructor(
    readonly name: string,
    private readonly creds: ClusterCredentials,
    opts: { maxSockets?: number } = {},
  ) {
    this.base = new URL(creds.server);
    this.secure = this.base.protocol === "https:";
    const agentOpts: https.AgentOptions = {
      keepAlive: true,
      keepAliveMsecs: 15_000,
      // Unbounded by default: every watch and log stream holds a socket for
      // its lifetime, and queueing here would stall them; the apiserver's own
      // flow control decides what it can take.
      maxSockets: opts.maxSockets ?? Infinity,
      // Sockets a burst opened are kept for the next one: a new TLS connection costs far more than an idle one.
      maxFreeSockets: 256,
      scheduling: "lifo",
      rejectUnauthorized: !creds.insecureSkipTLSVerify,
      servername: this.servername(),
    };
    this.agent = this.secure ? new https.Agent(agentOpts) : new http.Agent(agentOpts);
    withConnectTimeout(this.agent, name, this.secure ? () => this.tls : undefined);
    if (creds.token) this.authHeader = `Bearer ${creds.token}`;
  }

  private servername() {
    return this.creds.tlsServerName || (isIP(this.base.hostname) ? undefined : this.base.hostname);
  }

  /**
   * TLS options for every socket (the agent's, raw upgrades, the proxy's
   * pool): one parsed copy of the TLS material — the agent would otherwise
   * parse the PEMs for each new connection and hash them into each request's
   * pool name. Parsed on first use: a console starting with 1,000 clusters
   * spent a second parsing them all before it could answer anything.
   */
  get tls(): Pick<tls.ConnectionOptions, "secureContext" | "ca" | "cert" | "key" | "rejectUnauthorized" | "servername"> {
    this.tlsOptions ??= {
      ...(this.secure ? secureContextOf(this.creds) : {}),
      rejectUnauthorized: !this.creds.insecureSkipTLSVerify,
      servername: this.servername(),
    };
    return this.tlsOptions;
  }

  /** Absolute URL path on the server for an API path (keeps a server path prefix). */
  path(apiPath: string): string {
    const prefix = this.base.pathname.replace(/\/+$/, "");
    return prefix + apiPath;
  }

  private forwardPool?: Pool;

  /**
   * The proxy's own pool (undici): its dispatch costs a fraction of
   * http.request's per call, and the proxy hands the raw answer on without the
   * IncomingMessage it would never read. No timeouts on answers: watches and
   * logs -f stay open as long as the client keeps them.
   */
  get pool(): Pool {
    this.forwardPool ??= new Pool(this.base.origin, {
      connect: { ...this.tls, timeout: DEFAULT_CONNECT_MS },
      keepAliveTimeout: 15_000,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    return this.forwardPool;
  }

  /**
   * Fails every request in flight on this cluster (a black-holed cluster would
   * otherwise keep them hanging on open sockets); new requests open new sockets.
   */
  abortInFlight(reason: string) {
    for (const group of [this.agent.sockets, this.agent.freeSockets]) {
      for (const list of Object.values(group)) for (const s of list ?? []) s.destroy(new Error(reason));
    }
    this.dropPool(reason);
  }

  close() {
    this.agent.destroy();
    this.dropPool("the cluster's connection was closed");
  }

  private dropPool(reason: string) {
    const p = this.forwardPool;
    this.forwardPool = undefined;
    p?.destroy(new Error(reason)).catch(() => undefined);
  }
}

/** The parsed TLS material; material that does not parse is left to fail at connect time, where callers report it. */
function secureContextOf(creds: ClusterCredentials): Pick<tls.ConnectionOptions, "secureContext" | "ca" | "cert" | "key"> {
  try {
    return { secureContext: tls.createSecureContext({ ca: creds.caData, cert: creds.certData, key: creds.keyData }) };
  } catch {
    return { ca: creds.caData, cert: creds.certData, key: creds.keyData };
  }
}

function isIP(host: string) {
  return /^[\d.]+$/.test(host) || host.includes(":");
}

export class ConnectTimeoutError extends Error {
  constructor(
    readonly cluster: string,
    readonly ms: number,
  ) {
    super(`connecting to cluster ${cluster} timed out after ${ms} ms`);
  }
}

const DEFAULT_CONNECT_MS = 3_000;
/** How often a connect's deadline is checked; a check that comes late was held up by the event loop, not the network. */
const CONNECT_CHECK_MS = 250;

/**
 * New sockets of the pool must connect within the request's connectTimeoutMs,
 * so a dead cluster fails fast instead of hanging. Set where sockets are made,
 * not on every request: most requests reuse a socket that is long connected.
 * Only time the process could have spent on the handshake counts: while the
 * event loop is busy (a start with 1,000 clusters) a connect that is done
 * cannot say so, and a plain timer failed the host's.
 */
function withConnectTimeout(agent: http.Agent, cluster: string, tlsOptions?: () => tls.ConnectionOptions) {
  type Create = (options: { connectTimeoutMs?: number }, cb?: unknown) => Socket;
  const a = agent as unknown as { createConnection: Create };
  const create = a.createConnection.bind(agent);
  a.createConnection = (options, cb) => {
    const socket = create(tlsOptions ? { ...options, ...tlsOptions() } : options, cb);
    const ms = options.connectTimeoutMs ?? DEFAULT_CONNECT_MS;
    let left = ms;
    let last = performance.now();
    let delay = Math.min(CONNECT_CHECK_MS, left);
    const check = () => {
      const now = performance.now();
      // Late by more than the delay: the loop was busy, and that time is not the handshake's.
      left -= Math.min(now - last, delay);
      last = now;
      if (left <= 0) return socket.destroy(new ConnectTimeoutError(cluster, ms));
      delay = Math.min(CONNECT_CHECK_MS, left);
      t = setTimeout(check, delay);
    };
    let t = setTimeout(check, delay);
    socket.once(tlsOptions ? "secureConnect" : "connect", () => clearTimeout(t));
    socket.once("close", () => clearTimeout(t));
    return socket;
  };
}

export interface RawRequest {
  method?: string;
  path: string; // API path incl. query string, e.g. /api/v1/pods?limit=1
  headers?: http.OutgoingHttpHeaders;
  connectTimeoutMs?: number;
  /** Total time allowed for the response headers (not the body). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Starts a request on the connection's pool. The connect timeout only applies
 * to new sockets, so a dead cluster fails within it instead of hanging.
 */
export function startRequest(conn: Connection, r: RawRequest): http.ClientRequest {
  const headers: http.OutgoingHttpHeaders = { ...r.headers };
  if (conn.authHeader) headers.authorization = conn.authHeader;
  const mod = conn.secure ? https : http;
  const req = mod.request({
    protocol: conn.base.protocol,
    hostname: conn.base.hostname,
    port: conn.base.port || (conn.secure ? 443 : 80),
    method: r.method ?? "GET",
    path: conn.path(r.path),
    headers,
    agent: conn.agent,
    signal: r.signal,
    // Read by the agent when this request needs a new socket (withConnectTimeout).
    connectTimeoutMs: r.connectTimeoutMs ?? DEFAULT_CONNECT_MS,
  } as https.RequestOptions);
  if (r.timeoutMs) {
    const t = setTimeout(
      () => req.destroy(new Error(`cluster ${conn.name} did not answer within ${r.timeoutMs} ms`)),
      r.timeoutMs,
    );
    req.once("response", () => clearTimeout(t));
    req.once("close", () => clearTimeout(t));
  }
  return req;
}

/** What forward() reports; `abort` stops the request (and its answer) at any point. */
export interface ForwardHandler {
  onHeaders(status: number, rawHeaders: Buffer[], resume: () => void): boolean;
  onData(chunk: Buffer): boolean;
  onComplete(): void;
  onError(err: Error): void;
}

/**
 * Sends a request on the proxy's pool (`headers` a flat [name, value, …]
 * list without hop-by-hop names); the answer comes to `h` as raw headers and
 * chunks. A new socket must connect within the usual timeout. Returns the
 * abort function.
 */
export function forward(
  conn: Connection,
  r: { method: string; path: string; headers: string[]; body: NodeJS.ReadableStream | null },
  h: ForwardHandler,
): (reason: Error) => void {
  const headers = conn.authHeader ? [...r.headers, "authorization", conn.authHeader] : r.headers;
  let abort: ((err: Error) => void) | undefined;
  let aborted: Error | undefined;
  const handler: Dispatcher.DispatchHandler = {
    onConnect: (a) => {
      abort = a;
      if (aborted) a(aborted);
    },
    onHeaders: (status, raw, resume) => (status < 200 ? true : h.onHeaders(status, raw as Buffer[], resume)),
    onData: (chunk) => h.onData(chunk),
    onComplete: () => h.onComplete(),
    onError: (err) => h.onError((err as { code?: string }).code === "UND_ERR_CONNECT_TIMEOUT" ? new ConnectTimeoutError(conn.name, DEFAULT_CONNECT_MS) : err),
  };
  conn.pool.dispatch({ method: r.method as Dispatcher.HttpMethod, path: conn.path(r.path), headers, body: r.body as Dispatcher.DispatchOptions["body"] }, handler);
  return (reason) => {
    aborted = reason;
    abort?.(reason);
  };
}

export interface BufferedResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A small request whose whole response is wanted (control-plane calls, probes). */
export function request(
  conn: Connection,
  r: RawRequest & { body?: string | Buffer; maxBytes?: number },
): Promise<BufferedResponse> {
  return new Promise((resolve, reject) => {
    const headers = { ...r.headers };
    // Node frames no body of a DELETE (nor GET/HEAD) unless told its length: the
    // bytes would follow the headers raw and poison the pooled connection.
    if (r.body !== undefined && headers["content-length"] === undefined && headers["transfer-encoding"] === undefined) {
      headers["content-length"] = Buffer.byteLength(r.body);
    }
    const req = startRequest(conn, { timeoutMs: 15_000, ...r, headers });
    req.on("error", reject);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const max = r.maxBytes ?? 64 << 20;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > max) {
          res.destroy(new Error(`response from ${conn.name} exceeds ${max} bytes`));
          return;
        }
        chunks.push(c);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.end(r.body);
  });
}
