import { describe, expect, it } from "vitest";
import { Query, QueryError, queryBool } from "./query";

describe("Query.parse", () => {
  it("reads pairs like Go's url.ParseQuery", () => {
    const q = Query.parse("labelSelector=app%3Dweb%2Ctier+in+(a%2Cb)&limit=50&watch&dryRun=All&dryRun=All");
    expect(q.get("labelSelector")).toBe("app=web,tier in (a,b)");
    expect(q.get("limit")).toBe("50");
    expect(q.get("watch")).toBe("");
    expect(q.all("dryRun")).toEqual(["All", "All"]);
    expect(q.get("missing")).toBeNull();
  });

  it("skips empty pairs as Go does", () => {
    expect(Query.parse("&&limit=1&").pairs).toEqual([["limit", "1"]]);
  });

  it("keeps repeated unknown parameters (they belong to whoever reads them)", () => {
    expect(Query.parse("q=a&q=b").all("q")).toEqual(["a", "b"]);
  });

  it.each([
    ["a semicolon separator", "dryRun=All;"],
    ["a semicolon inside a pair", "dryRun=All;x=1"],
    ["a semicolon alone", "limit=1&;"],
    ["an invalid escape", "dryRun=All%zz"],
    ["a truncated escape", "dryRun=All%2"],
    ["a lone percent", "fieldSelector=%"],
    ["an escape that is not UTF-8", "labelSelector=%ff"],
    ["a lower-case known parameter", "dryrun=All"],
    ["an upper-case known parameter", "DRYRUN=All"],
    ["a mixed-case watch", "Watch=true"],
    ["a repeated single-valued parameter", "fieldSelector=metadata.name%3Da&fieldSelector=metadata.name%3Db"],
    ["a repeated watch", "watch=false&watch=true"],
    ["a repeated resourceVersion", "resourceVersion=1&resourceVersion=2"],
    ["a fragment", "limit=1#x"],
    ["a raw non-ASCII byte", "labelSelector=caf\u00e9"],
    ["a raw space", "labelSelector=a b"],
    ["a parameter without a name", "=All"],
  ])("refuses %s", (_what, raw) => {
    expect(() => Query.parse(raw)).toThrow(QueryError);
  });

  it("serializes what it read, so the cluster reads the same values", () => {
    const raw = "fieldSelector=metadata.name%3Dweb&labelSelector=a+b&pretty=true&x=%E4%BD%A0%21";
    const q = Query.parse(raw);
    const again = Query.parse(q.toString());
    expect(again.pairs).toEqual(q.pairs);
    expect(q.toString()).toBe("fieldSelector=metadata.name%3Dweb&labelSelector=a%20b&pretty=true&x=%E4%BD%A0!");
  });

  it("drops and adds parameters", () => {
    const q = Query.parse("dryRun=All&fieldManager=kubectl");
    expect(q.with(["dryRun"], [["dryRun", "All"]]).toString()).toBe("fieldManager=kubectl&dryRun=All");
    expect(q.with(["dryRun", "fieldManager"]).on("/api/v1/x")).toBe("/api/v1/x");
    expect(q.on("/api/v1/x")).toBe("/api/v1/x?dryRun=All&fieldManager=kubectl");
  });

  it("is linear in the length of the query", () => {
    // 200k pairs: a quadratic parser would take minutes here.
    const raw = Array.from({ length: 200_000 }, (_, i) => `k${i}=%41`).join("&");
    const t0 = performance.now();
    expect(Query.parse(raw).pairs.length).toBe(200_000);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});

describe("queryBool", () => {
  it.each([
    [null, false],
    ["0", false],
    ["false", false],
    ["FALSE", false],
    ["", true],
    ["1", true],
    ["true", true],
    ["yes", true],
  ])("%s → %s", (v, want) => {
    expect(queryBool(v)).toBe(want);
  });
});
