import net from "node:net";
import tls from "node:tls";

// HTTP/1.1 over a raw socket: the request bytes go out exactly as written
// (Node's http client and fetch normalise paths, refuse CR/LF and odd
// methods, add Host), and the answer is parsed by hand.

export interface RawResponse {
  /** 0 when the server closed the connection without answering. */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The server closed the connection (rather than the client giving up). */
  closed: boolean;
  ms: number;
}

export interface RawOptions {
  tls?: boolean;
  /** Give up (and report what came) after this long. */
  timeoutMs?: number;
  /** Bytes written after the first ones, each after `gapMs` (slow clients). */
  dribble?: { chunks: (string | Buffer)[]; gapMs: number };
}

function parse(buf: Buffer): { status: number; headers: Record<string, string>; body: string; complete: boolean } | undefined {
  const end = buf.indexOf("\r\n\r\n");
  if (end < 0) return undefined;
  const lines = buf.subarray(0, end).toString("latin1").split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0])?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const l of lines.slice(1)) {
    const i = l.indexOf(":");
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  const rest = buf.subarray(end + 4);
  if (status >= 100 && status < 200 && status !== 101) return parse(rest);
  if (headers["content-length"] !== undefined) {
    const n = Number(headers["content-length"]);
    return { status, headers, body: rest.subarray(0, n).toString("utf8"), complete: rest.length >= n };
  }
  if (/chunked/i.test(headers["transfer-encoding"] ?? "")) {
    let body = "";
    let at = 0;
    for (;;) {
      const eol = rest.indexOf("\r\n", at);
      if (eol < 0) return { status, headers, body, complete: false };
      const size = parseInt(rest.subarray(at, eol).toString("latin1"), 16);
      if (size === 0) return { status, headers, body, complete: true };
      if (rest.length < eol + 2 + size + 2) return { status, headers, body, complete: false };
      body += rest.subarray(eol + 2, eol + 2 + size).toString("utf8");
      at = eol + 2 + size + 2;
    }
  }
  // No framing: the body runs until the server closes (or there is none).
  return { status, headers, body: rest.toString("utf8"), complete: status === 101 || status === 204 || status === 304 };
}

/** Sends `request` on a new connection to 127.0.0.1:port and resolves with the first complete answer. */
export function rawHTTP(port: number, request: string | Buffer, opts: RawOptions = {}): Promise<RawResponse> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const socket = opts.tls ? tls.connect({ host: "127.0.0.1", port, rejectUnauthorized: false, ALPNProtocols: ["http/1.1"] }) : net.connect({ host: "127.0.0.1", port });
    let buf = Buffer.alloc(0);
    let done = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      const p = parse(buf);
      socket.destroy();
      resolve({ status: p?.status ?? 0, headers: p?.headers ?? {}, body: p?.body ?? "", closed, ms: performance.now() - t0 });
    };
    socket.on("data", (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (parse(buf)?.complete) finish(false);
    });
    socket.on("close", () => finish(true));
    socket.on("error", () => finish(true));
    timers.push(setTimeout(() => finish(false), opts.timeoutMs ?? 10_000));
    socket.once(opts.tls ? "secureConnect" : "connect", () => {
      socket.write(request);
      opts.dribble?.chunks.forEach((c, i) => {
        timers.push(setTimeout(() => !socket.destroyed && socket.write(c), opts.dribble!.gapMs * (i + 1)));
      });
    });
  });
}

/** A request in wire format: request line, headers (Host first unless given), blank line, body. */
export function wire(method: string, target: string, headers: Record<string, string> | [string, string][] = {}, body = ""): string {
  const list = Array.isArray(headers) ? headers : Object.entries(headers);
  const hasHost = list.some(([k]) => k.toLowerCase() === "host");
  const lines = [`${method} ${target} HTTP/1.1`, ...(hasHost ? [] : ["Host: 127.0.0.1"]), ...list.map(([k, v]) => `${k}: ${v}`)];
  if (body && !list.some(([k]) => /^(content-length|transfer-encoding)$/i.test(k))) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join("\r\n")}\r\n\r\n${body}`;
}
