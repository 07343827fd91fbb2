import { describe, expect, it } from "vitest";
import { ApiClientError } from "@/lib/client/api";
import {
  auditPath,
  exportHref,
  filtersFromSearch,
  filtersToSearch,
  fromZonedInput,
  hasFilters,
  isTrailOff,
  placeOf,
  resultTone,
  sameFilters,
  toZonedInput,
} from "./audit-model";

describe("audit filters in the address", () => {
  it("reads the known filters, trimmed, and leaves out the rest", () => {
    const sp = new URLSearchParams("user=%20maya%20&tenant=acme&verb=&result=maybe&q=check&page=2&cursor=abc&since=2026-12-07T10:00:00Z");
    expect(filtersFromSearch(sp)).toEqual({ user: "maya", tenant: "acme", q: "check", since: "2026-12-07T10:00:00Z" });
    expect(filtersFromSearch(new URLSearchParams("result=refused"))).toEqual({ result: "refused" });
    expect(filtersFromSearch(new URLSearchParams(""))).toEqual({});
  });

  it("writes them in one order without empty ones, so equal filters give equal strings", () => {
    expect(filtersToSearch({ q: "api", result: "failed", user: "maya", tenant: "", cluster: "  " }).toString()).toBe("user=maya&result=failed&q=api");
    expect(sameFilters({ user: "maya", q: "" }, { user: "maya" })).toBe(true);
    expect(sameFilters({ user: "maya" }, { user: "omar" })).toBe(false);
    expect(hasFilters({ user: " " })).toBe(false);
    expect(hasFilters({ namespace: "acme-dev" })).toBe(true);
  });

  it("round-trips through the address", () => {
    const f = { user: "maya@example.com", namespace: "acme-dev", resource: "apps/deployments", since: "2026-12-07T10:00:00Z", q: "a b&c" };
    expect(filtersFromSearch(new URLSearchParams(filtersToSearch(f).toString()))).toEqual(f);
  });
});

describe("audit API paths", () => {
  it("asks for a page with the filters, the cursor and the page size", () => {
    expect(auditPath({})).toBe("/api/audit");
    expect(auditPath({ user: "maya", result: "refused" }, { limit: 100 })).toBe("/api/audit?user=maya&result=refused&limit=100");
    expect(auditPath({ cluster: "member-1" }, { cursor: "MjAyNi0xMi0wN3wx", limit: 100 })).toBe("/api/audit?cluster=member-1&cursor=MjAyNi0xMi0wN3wx&limit=100");
  });

  it("exports the same query, every row, as CSV or JSON lines", () => {
    expect(exportHref({}, "csv")).toBe("/api/audit?format=csv");
    expect(exportHref({ tenant: "acme", since: "2026-12-07T10:00:00Z", q: "web app" }, "jsonl")).toBe("/api/audit?tenant=acme&since=2026-12-07T10%3A00%3A00Z&q=web+app&format=jsonl");
    expect(exportHref({ user: "maya" }, "csv")).not.toContain("cursor");
  });
});

describe("audit rows", () => {
  it("colours results: allowed green, refused red, failed amber", () => {
    expect(resultTone("allowed")).toBe("green");
    expect(resultTone("refused")).toBe("red");
    expect(resultTone("failed")).toBe("amber");
  });

  it("says where as tenant · cluster/namespace with what the row has", () => {
    expect(placeOf({ tenant: "acme", cluster: "member-1", namespace: "acme-dev" })).toBe("acme · member-1/acme-dev");
    expect(placeOf({ tenant: null, cluster: "member-1", namespace: null })).toBe("member-1");
    expect(placeOf({ tenant: "acme", cluster: null, namespace: null })).toBe("acme");
    expect(placeOf({ tenant: null, cluster: null, namespace: null })).toBe("");
  });
});

describe("a trail that is off", () => {
  const off = new ApiClientError(503, "The audit trail is off: the console has no database. Set PILOTHOUSE_DATABASE_URL to a PostgreSQL URL and restart it.", {}, "unavailable");
  const hostDown = new ApiClientError(503, "The host cluster answered: connection refused", {}, "unavailable");

  it("is the 503 that names the database setting", () => {
    expect(isTrailOff(off)).toBe(true);
    expect(isTrailOff(hostDown)).toBe(false);
    expect(isTrailOff(new ApiClientError(500, "PILOTHOUSE_DATABASE_URL", {}, "internal"))).toBe(false);
    expect(isTrailOff(new Error("PILOTHOUSE_DATABASE_URL"))).toBe(false);
    expect(isTrailOff(undefined)).toBe(false);
  });

  it("or any such 503 while the probe, serving, reports no trail", () => {
    expect(isTrailOff(hostDown, { status: "ok" })).toBe(true);
    expect(isTrailOff(hostDown, { status: "ok", audit: { ready: true, failing: false } })).toBe(false);
    expect(isTrailOff(hostDown, { status: "starting", reasons: [] })).toBe(false);
  });
});

describe("since and until", () => {
  it("show an instant as the wall time of the console's time zone", () => {
    expect(toZonedInput("2026-12-07T10:00:00Z", "UTC")).toBe("2026-12-07T10:00");
    expect(toZonedInput("2026-12-07T10:00:00Z", "Asia/Shanghai")).toBe("2026-12-07T18:00");
    expect(toZonedInput("2026-12-07T23:30:15.000Z", "Asia/Shanghai")).toBe("2026-12-08T07:30:15");
    expect(toZonedInput("2026-07-01T04:00:00Z", "America/New_York")).toBe("2026-07-01T00:00");
    // A date alone is its midnight in UTC, as the API reads it.
    expect(toZonedInput("2026-12-07", "UTC")).toBe("2026-12-07T00:00");
    expect(toZonedInput("yesterday", "UTC")).toBe("");
    expect(toZonedInput(undefined, "UTC")).toBe("");
  });

  it("read a wall time back as the instant, summer and winter", () => {
    expect(fromZonedInput("2026-12-07T18:00", "Asia/Shanghai")).toBe("2026-12-07T10:00:00Z");
    expect(fromZonedInput("2026-01-15T09:00", "America/New_York")).toBe("2026-01-15T14:00:00Z");
    expect(fromZonedInput("2026-07-01T09:00:30", "America/New_York")).toBe("2026-07-01T13:00:30Z");
    expect(fromZonedInput("2026-12-07T10:00", "UTC")).toBe("2026-12-07T10:00:00Z");
    expect(fromZonedInput("", "UTC")).toBe("");
    expect(fromZonedInput("2026-12-07", "UTC")).toBe("");
  });

  it("round-trip, and an unknown time zone counts as UTC", () => {
    for (const tz of ["UTC", "Asia/Shanghai", "America/New_York", "Europe/Berlin", "Asia/Kolkata"]) {
      for (const iso of ["2026-03-29T00:30:00Z", "2026-10-25T12:45:00Z", "2026-12-31T23:59:00Z"]) {
        expect(fromZonedInput(toZonedInput(iso, tz), tz), `${tz} ${iso}`).toBe(iso);
      }
    }
    expect(toZonedInput("2026-12-07T10:00:00Z", "Not/AZone")).toBe("2026-12-07T10:00");
    expect(fromZonedInput("2026-12-07T10:00", "Not/AZone")).toBe("2026-12-07T10:00:00Z");
  });
});
