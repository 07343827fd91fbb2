import { describe, expect, it } from "vitest";
import { addedExternalIPs, protectedChanges } from "./write-rules";

const ns = (labels: Record<string, string> = {}, annotations: Record<string, string> = {}) => ({ metadata: { name: "shop", labels, annotations } });

describe("protectedChanges", () => {
  const base = ns({ "pilothouse.dev/tenant": "acme", "pod-security.kubernetes.io/enforce": "baseline", team: "a" }, { "pilothouse.dev/display-name": "Shop" });

  it("allows changes to other keys", () => {
    expect(protectedChanges(base, ns({ ...base.metadata.labels, team: "b", extra: "x" }, { ...base.metadata.annotations, note: "hi" }))).toEqual([]);
  });

  it.each([
    ["a changed PSA level", ns({ ...base.metadata.labels, "pod-security.kubernetes.io/enforce": "privileged" }, base.metadata.annotations), ["label pod-security.kubernetes.io/enforce"]],
    ["a removed PSA level", ns({ "pilothouse.dev/tenant": "acme", team: "a" }, base.metadata.annotations), ["label pod-security.kubernetes.io/enforce"]],
    ["an added PSA exemption-like label", ns({ ...base.metadata.labels, "pod-security.kubernetes.io/enforce-version": "v1.0" }, base.metadata.annotations), ["label pod-security.kubernetes.io/enforce-version"]],
    ["a moved tenant", ns({ ...base.metadata.labels, "pilothouse.dev/tenant": "globex" }, base.metadata.annotations), ["label pilothouse.dev/tenant"]],
    ["a changed console annotation", ns(base.metadata.labels, { "pilothouse.dev/display-name": "x" }), ["annotation pilothouse.dev/display-name"]],
    ["a PSA annotation", ns(base.metadata.labels, { ...base.metadata.annotations, "pod-security.kubernetes.io/exempt": "true" }), ["annotation pod-security.kubernetes.io/exempt"]],
  ])("finds %s", (_what, after, want) => {
    expect(protectedChanges(base, after)).toEqual(want);
  });

  it("treats a new object as having none", () => {
    expect(protectedChanges(undefined, ns({ "pilothouse.dev/tenant": "acme" }))).toEqual(["label pilothouse.dev/tenant"]);
  });

  it("does not confuse look-alike prefixes", () => {
    expect(protectedChanges(base, ns({ ...base.metadata.labels, "fleet.pilothouse.dev/serve": "http", "x.pod-security.kubernetes.io/a": "b" }, base.metadata.annotations))).toEqual([]);
  });
});

describe("addedExternalIPs", () => {
  const svc = (ips?: string[]) => ({ metadata: { name: "web" }, spec: { externalIPs: ips } });
  it("finds IPs a write adds", () => {
    expect(addedExternalIPs(undefined, svc(["1.2.3.4"]))).toEqual(["1.2.3.4"]);
    expect(addedExternalIPs(svc(["1.2.3.4"]), svc(["1.2.3.4", "5.6.7.8"]))).toEqual(["5.6.7.8"]);
  });
  it("allows keeping or removing existing ones", () => {
    expect(addedExternalIPs(svc(["1.2.3.4"]), svc(["1.2.3.4"]))).toEqual([]);
    expect(addedExternalIPs(svc(["1.2.3.4"]), svc([]))).toEqual([]);
    expect(addedExternalIPs(undefined, svc())).toEqual([]);
  });
});
