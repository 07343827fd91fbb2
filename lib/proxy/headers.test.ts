import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { SECURITY_HEADERS, downstreamRawResponseHeaders, downstreamResponseHeaders, upstreamRawHeaders, upstreamRequestHeaders } from "./headers";

/** Builds (rawHeaders, headers) the way Node's parser does: raw keeps case and order, parsed is lower-cased. */
function request(...pairs: [string, string][]): [string[], IncomingHttpHeaders] {
  const raw = pairs.flat();
  const parsed: IncomingHttpHeaders = {};
  for (const [name, value] of pairs) {
    const k = name.toLowerCase();
    const prev = parsed[k];
    if (prev === undefined) parsed[k] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else parsed[k] = k === "set-cookie" ? [prev, value] : `${prev}, ${value}`;
  }
  return [raw, parsed];
}

const upstream = (...pairs: [string, string][]) => upstreamRequestHeaders(...request(...pairs));

describe("upstreamRequestHeaders", () => {
  it.each([
    "Authorization",
    "Cookie",
    "Host",
    "Impersonate-User",
    "Impersonate-Group",
    "Impersonate-Uid",
    "Impersonate-Extra-Scopes",
    "Impersonate-Extra-acme.com%2Fproject",
    "X-Forwarded-For",
    "X-Forwarded-Host",
    "X-Forwarded-Proto",
    "X-Forwarded-Client-Cert",
    "Forwarded",
    "X-Real-IP",
    "X-Remote-User",
    "X-Remote-Group",
    "X-Remote-Extra-Scopes",
    "X-CSRF-Token",
    "Connection",
    "Keep-Alive",
    "Proxy-Connection",
    "Proxy-Authorization",
    "Proxy-Authenticate",
    "TE",
    "Trailer",
    "Transfer-Encoding",
    "Upgrade",
    "HTTP2-Settings",
  ])("drops %s", (name) => {
    const out = upstream(["Accept", "application/json"], [name, "secret-value"]);
    expect(Object.keys(out)).toEqual(["accept"]);
    expect(JSON.stringify(out)).not.toContain("secret-value");
  });

  it.each(["authorization", "AUTHORIZATION", "aUtHoRiZaTiOn", "impersonate-user", "IMPERSONATE-GROUP", "x-FORWARDED-for", "COOKIE"])(
    "drops %s whatever its case",
    (name) => {
      expect(upstream([name, "x"], ["Accept", "*/*"])).toEqual({ accept: "*/*" });
    },
  );

  it.each(["Impersonate_User", "impersonate_group", "Impersonate_Extra_scopes", "X_Remote_User", "X_Forwarded_For"])(
    "drops %s, which a CGI-style proxy in front of a cluster would read with dashes",
    (name) => {
      expect(upstream([name, "x"], ["Accept", "*/*"])).toEqual({ accept: "*/*" });
    },
  );

  it("drops every identity header even when repeated", () => {
    const out = upstream(
      ["Impersonate-User", "admin"],
      ["Impersonate-Group", "system:masters"],
      ["Impersonate-Group", "system:authenticated"],
      ["Authorization", "Bearer a"],
      ["Authorization", "Bearer b"],
      ["Accept", "application/json"],
    );
    expect(out).toEqual({ accept: "application/json" });
  });

  it("drops headers named in Connection", () => {
    const out = upstream(
      ["Connection", "keep-alive, X-Secret-Thing , Foo"],
      ["X-Secret-Thing", "1"],
      ["foo", "2"],
      ["Accept", "application/json"],
    );
    expect(out).toEqual({ accept: "application/json" });
  });

  it("reads every Connection header", () => {
    const [raw] = request(["Connection", "x-a"], ["Connection", "x-b"], ["X-A", "1"], ["X-B", "2"], ["X-C", "3"]);
    // Node may give repeated Connection headers as an array.
    const out = upstreamRequestHeaders(raw, { connection: ["x-a", "x-b"] as unknown as string });
    expect(out).toEqual({ "x-c": "3" });
  });

  it("Connection tokens are case-insensitive", () => {
    expect(upstream(["Connection", "X-DROP-ME"], ["x-drop-me", "1"], ["X-Keep", "2"])).toEqual({ "x-keep": "2" });
  });

  it("an empty Connection header drops nothing else", () => {
    expect(upstream(["Connection", " , "], ["Accept", "*/*"])).toEqual({ accept: "*/*" });
  });

  it("keeps ordinary request headers, names lower-cased, values untouched", () => {
    const out = upstream(
      ["Accept", "application/json;as=Table;v=v1;g=meta.k8s.io, application/json"],
      ["Content-Type", "application/strategic-merge-patch+json"],
      ["Content-Length", "42"],
      ["User-Agent", "kubectl/v1.31.0 (linux/amd64) kubernetes/abc"],
      ["Accept-Encoding", "gzip"],
      ["Kubectl-Command", "kubectl get"],
      ["X-Stream-Protocol-Version", "v5.channel.k8s.io"],
      ["Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="],
      ["Sec-WebSocket-Version", "13"],
      ["Sec-WebSocket-Protocol", "v5.channel.k8s.io"],
      ["Origin", "https://console.example"],
      ["If-None-Match", '"abc"'],
    );
    expect(out).toEqual({
      accept: "application/json;as=Table;v=v1;g=meta.k8s.io, application/json",
      "content-type": "application/strategic-merge-patch+json",
      "content-length": "42",
      "user-agent": "kubectl/v1.31.0 (linux/amd64) kubernetes/abc",
      "accept-encoding": "gzip",
      "kubectl-command": "kubectl get",
      "x-stream-protocol-version": "v5.channel.k8s.io",
      "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
      "sec-websocket-version": "13",
      "sec-websocket-protocol": "v5.channel.k8s.io",
      origin: "https://console.example",
      "if-none-match": '"abc"',
    });
  });

  it("keeps look-alikes that are not identity headers", () => {
    const out = upstream(["X-Forwarded", "keep"], ["Impersonated", "keep"], ["X-Remote", "keep"], ["Authorization-Info", "keep"]);
    expect(out).toEqual({ "x-forwarded": "keep", impersonated: "keep", "x-remote": "keep", "authorization-info": "keep" });
  });

  it("repeated headers keep their order, whatever the case of their names", () => {
    const out = upstream(
      ["X-Stream-Protocol-Version", "v5.channel.k8s.io"],
      ["Accept", "a"],
      ["x-stream-protocol-version", "v4.channel.k8s.io"],
      ["X-STREAM-PROTOCOL-VERSION", "channel.k8s.io"],
    );
    expect(out).toEqual({
      "x-stream-protocol-version": ["v5.channel.k8s.io", "v4.channel.k8s.io", "channel.k8s.io"],
      accept: "a",
    });
  });

  it("drops values containing CR or LF", () => {
    const out = upstreamRequestHeaders(["X-A", "ok", "X-B", "bad\r\nInjected: 1", "X-C", "bad\n"], {});
    expect(out).toEqual({ "x-a": "ok" });
  });

  it("ignores a dangling name without a value", () => {
    expect(upstreamRequestHeaders(["Accept", "*/*", "X-Dangling"], {})).toEqual({ accept: "*/*" });
  });

  it("returns an empty object for no headers", () => {
    expect(upstreamRequestHeaders([], {})).toEqual({});
  });
});

describe("downstreamResponseHeaders", () => {
  it("drops hop-by-hop headers and Set-Cookie, keeps the rest", () => {
    const out = downstreamResponseHeaders({
      "content-type": "application/json",
      "content-length": "123",
      "content-encoding": "gzip",
      "cache-control": "no-cache, private",
      "audit-id": "5f0e",
      "x-kubernetes-pf-flowschema-uid": "abc",
      date: "Mon, 01 Jan 2024 00:00:00 GMT",
      warning: '299 - "deprecated"',
      "set-cookie": ["session=evil; Path=/", "other=1"],
      connection: "keep-alive",
      "keep-alive": "timeout=5",
      "proxy-connection": "keep-alive",
      "proxy-authenticate": "Basic",
      "proxy-authorization": "Basic x",
      te: "trailers",
      trailer: "Expires",
      "transfer-encoding": "chunked",
      upgrade: "websocket",
      "http2-settings": "AAA",
    });
    expect(out).toEqual({
      "content-type": "application/json",
      "content-length": "123",
      "content-encoding": "gzip",
      "cache-control": "no-cache, private",
      "audit-id": "5f0e",
      "x-kubernetes-pf-flowschema-uid": "abc",
      date: "Mon, 01 Jan 2024 00:00:00 GMT",
      warning: '299 - "deprecated"',
      ...SECURITY_HEADERS,
    });
  });

  it("drops headers named in Connection", () => {
    const out = downstreamResponseHeaders({ connection: "close, X-Internal", "x-internal": "1", "x-public": "2" });
    expect(out).toEqual({ "x-public": "2", ...SECURITY_HEADERS });
  });

  it("keeps array values as they are and skips undefined ones", () => {
    const out = downstreamResponseHeaders({ "x-multi": ['299 - "a"', '299 - "b"'], "x-undefined": undefined });
    expect(out).toEqual({ "x-multi": ['299 - "a"', '299 - "b"'], ...SECURITY_HEADERS });
    expect("x-undefined" in out).toBe(false);
  });

  it("returns only the console's own headers for no headers", () => {
    expect(downstreamResponseHeaders({})).toEqual(SECURITY_HEADERS);
  });

  it("replaces the upstream's content policy with the sandbox and adds nosniff", () => {
    const out = downstreamResponseHeaders({ "content-type": "text/html", "content-security-policy": "script-src *", "x-content-type-options": "x" });
    expect(out["content-security-policy"]).toMatch(/^sandbox(;|$)/);
    expect(out["x-content-type-options"]).toBe("nosniff");
  });
});

describe("upstreamRawHeaders", () => {
  it("is upstreamRequestHeaders as a flat list in the client's order, Expect left to the console's own server", () => {
    const [raw, parsed] = request(["Accept", "application/json"], ["Warning", "a"], ["Expect", "100-continue"], ["Authorization", "Bearer x"], ["warning", "b"]);
    expect(upstreamRawHeaders(raw, parsed)).toEqual(["accept", "application/json", "warning", "a", "warning", "b"]);
    expect(upstreamRequestHeaders(raw, parsed)).toEqual({ accept: "application/json", warning: ["a", "b"] });
  });
});

describe("downstreamRawResponseHeaders", () => {
  const raw = (...pairs: [string, string][]) => pairs.flat().map((x) => Buffer.from(x, "latin1"));

  it("reads raw pairs as downstreamResponseHeaders reads parsed ones", () => {
    const out = downstreamRawResponseHeaders(
      raw(
        ["Content-Type", "application/json"],
        ["Connection", "keep-alive, X-Internal"],
        ["X-Internal", "1"],
        ["Transfer-Encoding", "chunked"],
        ["Set-Cookie", "a=1"],
        ["Warning", '299 - "a"'],
        ["Warning", '299 - "b"'],
        ["Content-Security-Policy", "script-src *"],
      ),
    );
    expect(out).toEqual({ "content-type": "application/json", warning: ['299 - "a"', '299 - "b"'], ...SECURITY_HEADERS });
  });

  it("keeps latin-1 values byte for byte", () => {
    expect(downstreamRawResponseHeaders(raw(["X-Name", "caf\xe9"]))["x-name"]).toBe("caf\xe9");
  });
});
