import { describe, expect, it } from "vitest";
import { diffLines, diffManifests, splitManifest } from "./manifest-diff";

const v1 = `---
# Source: echo/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
---
# Source: echo/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
`;

describe("manifest diff", () => {
  it("splits helm's stream into objects without the Source comments", () => {
    const objs = splitManifest(v1);
    expect(objs.map((o) => `${o.kind}/${o.name}`)).toEqual(["Service/web", "Deployment/web"]);
    expect(objs[0].text).not.toContain("# Source");
  });

  it("names what changes, what is added and what goes", () => {
    const v2 = v1.replace("replicas: 1", "replicas: 3").replace(/---\n# Source: echo\/templates\/service.yaml[\s\S]*?(?=---)/, "") +
      "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\n";
    const d = diffManifests(v1, v2);
    expect(d.map((x) => [x.kind, x.change])).toEqual([
      ["Deployment", "changed"],
      ["HTTPRoute", "added"],
      ["Service", "removed"],
    ]);
    expect(d[0].lines).toContain("-  replicas: 1");
    expect(d[0].lines).toContain("+  replicas: 3");
  });

  it("says unchanged when only the Source comment differs", () => {
    expect(diffManifests(v1, v1.replaceAll("echo/templates", "other")).every((x) => x.change === "unchanged")).toBe(true);
  });

  it("keeps context around changes and marks skipped runs", () => {
    const a = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const b = [...a];
    b[10] = "changed";
    const d = diffLines(a, b, 2);
    expect(d).toEqual(["@@", " l8", " l9", "-l10", "+changed", " l11", " l12", "@@"]);
  });
});
