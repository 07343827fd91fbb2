import { afterEach, describe, expect, it } from "vitest";
import { ApiClientError, setCsrfToken } from "./api";
import { bodyLines, clusterURL, watchEvents, watchURL, writeRequest } from "./kube";

/** A streamed body that arrives in these chunks. */
function chunked(chunks: string[]): Response {
  const enc = new TextEncoder();
  return new Response(
    new ReadableStream<Uint8Array>({
      start(c) {
        for (const x of chunks) c.enqueue(enc.encode(x));
        c.close();
      },
    }),
  );
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("writeRequest", () => {
  afterEach(() => setCsrfToken(undefined));

  it("addresses the cluster's proxy", () => {
    expect(clusterURL("member 1", "/api/v1/pods")).toBe("/clusters/member%201/api/v1/pods");
  });

  it.each([
    ["merge", "application/merge-patch+json"],
    ["json", "application/json-patch+json"],
    ["strategic", "application/strategic-merge-patch+json"],
  ] as const)("sends a %s patch with its content type", (patch, type) => {
    const [url, o] = writeRequest("c", "/apis/apps/v1/namespaces/n/deployments/d", { method: "PATCH", patch, body: { spec: { replicas: 2 } } });
    expect(url).toBe("/clusters/c/apis/apps/v1/namespaces/n/deployments/d");
    expect(o).toMatchObject({ method: "PATCH", contentType: type, body: { spec: { replicas: 2 } } });
  });

  it("gives server-side apply a field manager, and force when asked", () => {
    const [url, o] = writeRequest("c", "/api/v1/namespaces/n/configmaps/x", { method: "PATCH", patch: "apply", body: "kind: ConfigMap\n", force: true });
    expect(url).toBe("/clusters/c/api/v1/namespaces/n/configmaps/x?fieldManager=pilothouse&force=true");
    expect(o.contentType).toBe("application/apply-patch+yaml");
    const [own] = writeRequest("c", "/p", { method: "PATCH", patch: "apply", body: {}, fieldManager: "me" });
    expect(own).toBe("/clusters/c/p?fieldManager=me");
  });

  it("asks for a dry run, after the path's own query", () => {
    expect(writeRequest("c", "/api/v1/namespaces/n/pods", { method: "POST", body: {}, dryRun: true })[0]).toBe("/clusters/c/api/v1/namespaces/n/pods?dryRun=All");
    expect(writeRequest("c", "/api/v1/namespaces/n/pods/p?propagationPolicy=Background", { method: "DELETE", dryRun: true })[0]).toBe(
      "/clusters/c/api/v1/namespaces/n/pods/p?propagationPolicy=Background&dryRun=All",
    );
    expect(writeRequest("c", "/p", { method: "PUT", body: {} })).toEqual(["/clusters/c/p", { method: "PUT", body: {}, contentType: undefined, signal: undefined }]);
  });
});

describe("watchURL", () => {
  it("resumes from a resourceVersion, with bookmarks, after the collection's query", () => {
    expect(watchURL("c", "/api/v1/pods?labelSelector=app%3Dweb", "42")).toBe("/clusters/c/api/v1/pods?labelSelector=app%3Dweb&watch=1&allowWatchBookmarks=true&resourceVersion=42");
    expect(watchURL("c", "/api/v1/pods")).toBe("/clusters/c/api/v1/pods?watch=1&allowWatchBookmarks=true");
  });
});

describe("bodyLines", () => {
  it("splits lines across chunks, multi-byte characters included, and keeps an unterminated last line", async () => {
    const bytes = new TextEncoder().encode("支付\n");
    const res = new Response(
      new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode("one\ntw"));
          c.enqueue(new TextEncoder().encode("o\n"));
          // A character split between two chunks.
          c.enqueue(bytes.slice(0, 2));
          c.enqueue(bytes.slice(2));
          c.enqueue(new TextEncoder().encode("\nlast"));
          c.close();
        },
      }),
    );
    expect(await collect(bodyLines(res))).toEqual(["one", "two", "支付", "", "last"]);
  });
});

describe("watchEvents", () => {
  const pod = (rv: string) => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "n", resourceVersion: rv } });

  it("yields the events in order, skipping blank lines", async () => {
    const lines = bodyLines(chunked([`${JSON.stringify({ type: "ADDED", object: pod("1") })}\n\n`, `${JSON.stringify({ type: "BOOKMARK", object: pod("2") })}\n`]));
    expect((await collect(watchEvents(lines))).map((e) => [e.type, e.object.metadata?.resourceVersion])).toEqual([
      ["ADDED", "1"],
      ["BOOKMARK", "2"],
    ]);
  });

  it("throws an ERROR event's Status as ApiClientError (410: start over)", async () => {
    const gone = { type: "ERROR", object: { kind: "Status", apiVersion: "v1", status: "Failure", message: "too old resource version: 5 (9)", reason: "Expired", code: 410 } };
    const seen: string[] = [];
    const run = (async () => {
      for await (const e of watchEvents(bodyLines(chunked([`${JSON.stringify({ type: "MODIFIED", object: pod("5") })}\n${JSON.stringify(gone)}\n`])))) seen.push(e.type);
    })();
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiClientError);
    expect([(err as ApiClientError).status, (err as ApiClientError).message]).toEqual([410, "too old resource version: 5 (9)"]);
    expect(seen).toEqual(["MODIFIED"]);
  });
});
