import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { compareVersions, parseIndex } from "./catalog";
import { HelmError, helmApiError, helmMessage } from "./helm";
import { goTimeToISO, parseValues, splitChartRef } from "./releases";

describe("helm's errors", () => {
  it("keep Helm's own message without its prefix and warnings", () => {
    expect(helmMessage('level=WARN msg="x"\nError: INSTALLATION FAILED: clusterroles.rbac.authorization.k8s.io is forbidden: User "carol" cannot create\n')).toBe(
      'INSTALLATION FAILED: clusterroles.rbac.authorization.k8s.io is forbidden: User "carol" cannot create',
    );
  });

  it("map to the API's codes: the console's refusal stays a 403", () => {
    const code = (m: string) => (helmApiError(new HelmError(m, m), "install") as ApiError).code;
    expect(code('secrets is forbidden: User "x" cannot list')).toBe("forbidden");
    expect(code("release: not found")).toBe("not_found");
    expect(code("cannot re-use a name that is still in use")).toBe("conflict");
    expect(code("INSTALLATION FAILED: cannot reuse a name that is still in use")).toBe("conflict");
    expect(code("Kubernetes cluster unreachable: connection refused")).toBe("unavailable");
    expect(code("values don't meet the specifications of the schema(s): replicaCount: Invalid type")).toBe("validation_failed");
    const other = new Error("x");
    expect(helmApiError(other, "install")).toBe(other);
  });
});

describe("release helpers", () => {
  it("split helm's chart column into name and version", () => {
    expect(splitChartRef("echo-0.1.0")).toEqual(["echo", "0.1.0"]);
    expect(splitChartRef("nightly-report-1.2.3-rc.1")).toEqual(["nightly-report", "1.2.3-rc.1"]);
  });

  it("turn helm list's Go times into ISO 8601", () => {
    expect(goTimeToISO("2026-12-07 18:16:19.412345678 +0000 UTC")).toBe("2026-12-07T18:16:19.412Z");
    expect(goTimeToISO("2026-12-07 20:16:19 +0200 EET")).toBe("2026-12-07T18:16:19.000Z");
    expect(goTimeToISO("not a time")).toBe("not a time");
  });

  it("take values that are a mapping, refuse the rest on the field", () => {
    expect(parseValues("")).toEqual({});
    expect(parseValues("a: 1\n")).toEqual({ a: 1 });
    expect(() => parseValues("- a\n")).toThrow(ApiError);
    expect(() => parseValues("a: [1")).toThrow(/not valid YAML/);
  });
});

describe("repository indexes", () => {
  it("order versions newest first, prereleases after their release", () => {
    expect(["0.9.0", "1.0.0-rc.1", "1.0.0", "0.10.0"].sort(compareVersions)).toEqual(["1.0.0", "1.0.0-rc.1", "0.10.0", "0.9.0"]);
  });

  it("parse an index.yaml and refuse what is not one", () => {
    const idx = parseIndex("apiVersion: v1\nentries:\n  echo:\n  - version: 0.1.0\n    urls: [echo-0.1.0.tgz]\n  - version: 0.2.0\n    urls: [echo-0.2.0.tgz]\n");
    expect(idx.get("echo")!.map((e) => e.version)).toEqual(["0.2.0", "0.1.0"]);
    expect(() => parseIndex("<html>not found</html>")).toThrow(/not a Helm repository index/);
  });
});
