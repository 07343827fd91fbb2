import { describe, expect, it } from "vitest";
import {
  type DeploymentObject,
  deploymentImages,
  deploymentPath,
  deploymentProblem,
  deploymentReadyText,
  deploymentReplicaSets,
  deploymentStatus,
  deploymentsPath,
  rollbackPatch,
  sameTemplate,
} from "./deployment";
import { type ReplicaSetObject, replicaSetReadyText, replicaSetRevision, templateWithoutHash } from "./replicaset";

const template = (image: string, hash?: string) => ({
  metadata: { labels: { app: "web", ...(hash ? { "pod-template-hash": hash } : {}) }, annotations: { note: image } },
  spec: { containers: [{ name: "web", image }] },
});

const deployment = (over: Partial<DeploymentObject> = {}): DeploymentObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "shop", uid: "d1", generation: 2, annotations: { "deployment.kubernetes.io/revision": "3", "kubectl.kubernetes.io/last-applied-configuration": "{}" } },
  spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, template: template("nginx:1.27") },
  status: { observedGeneration: 2, replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3, conditions: [{ type: "Available", status: "True" }] },
  ...over,
});

const rs = (name: string, revision: string, image: string, owner = "d1"): ReplicaSetObject => ({
  metadata: {
    name,
    namespace: "shop",
    annotations: { "deployment.kubernetes.io/revision": revision, "deployment.kubernetes.io/desired-replicas": "3", "team/owner": "ops" },
    ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: owner, controller: true }],
  },
  spec: { replicas: 0, selector: { matchLabels: { app: "web" } }, template: template(image, name.slice(-5)) },
  status: { readyReplicas: 0 },
});

describe("deployment", () => {
  it("has collection, object and scale paths", () => {
    expect(deploymentsPath("shop")).toBe("/apis/apps/v1/namespaces/shop/deployments");
    expect(deploymentsPath()).toBe("/apis/apps/v1/deployments");
    expect(deploymentPath("shop", "web")).toBe("/apis/apps/v1/namespaces/shop/deployments/web");
  });

  it("derives ready/desired and images", () => {
    expect(deploymentReadyText(deployment())).toBe("3/3");
    expect(deploymentReadyText(deployment({ spec: { replicas: 5 }, status: { readyReplicas: 2 } }))).toBe("2/5");
    expect(deploymentReadyText({ metadata: {} })).toBe("0/1");
    expect(deploymentImages(deployment())).toEqual(["nginx:1.27"]);
  });

  it("derives its status", () => {
    expect(deploymentStatus(deployment())).toBe("Available");
    expect(deploymentStatus(deployment({ status: { ...deployment().status, readyReplicas: 1 } }))).toBe("Progressing");
    expect(deploymentStatus(deployment({ status: { ...deployment().status, observedGeneration: 1 } }))).toBe("Progressing");
    expect(deploymentStatus(deployment({ spec: { ...deployment().spec, paused: true } }))).toBe("Paused");
    expect(deploymentStatus(deployment({ spec: { ...deployment().spec, replicas: 0 }, status: { observedGeneration: 2 } }))).toBe("ScaledDown");
    const failed = deployment({
      status: { readyReplicas: 0, conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: "ReplicaSet web-1 has timed out progressing." }] },
    });
    expect(deploymentStatus(failed)).toBe("Failed");
    expect(deploymentProblem(failed)).toBe("ReplicaSet web-1 has timed out progressing.");
    const quota = deployment({
      status: { readyReplicas: 0, conditions: [{ type: "ReplicaFailure", status: "True", reason: "FailedCreate", message: 'pods "web-1" is forbidden: exceeded quota: compute' }] },
    });
    expect(deploymentStatus(quota)).toBe("Failed");
    expect(deploymentProblem(quota)).toContain("exceeded quota");
    expect(deploymentProblem(deployment())).toBeUndefined();
  });

  it("lists its ReplicaSets by revision, newest first", () => {
    const list = [rs("web-aaaaa", "1", "nginx:1.25"), rs("web-ccccc", "3", "nginx:1.27"), rs("other-x", "9", "x", "d2"), rs("web-bbbbb", "2", "nginx:1.26")];
    expect(deploymentReplicaSets(deployment(), list).map((r) => r.metadata.name)).toEqual(["web-ccccc", "web-bbbbb", "web-aaaaa"]);
    expect(replicaSetRevision(list[0])).toBe(1);
    expect(replicaSetRevision({ metadata: {} })).toBe(0);
    expect(replicaSetReadyText(list[0])).toBe("0/0");
  });

  it("tells the current template apart, ignoring pod-template-hash", () => {
    expect(sameTemplate(deployment().spec?.template, rs("web-ccccc", "3", "nginx:1.27").spec?.template)).toBe(true);
    expect(sameTemplate(deployment().spec?.template, rs("web-bbbbb", "2", "nginx:1.26").spec?.template)).toBe(false);
  });

  it("rolls back like kubectl rollout undo", () => {
    const target = rs("web-bbbbb", "2", "nginx:1.26");
    const p = rollbackPatch(deployment(), target);
    expect(p.contentType).toBe("application/json-patch+json");
    expect(p.body[0]).toEqual({ op: "replace", path: "/spec/template", value: templateWithoutHash(target) });
    expect((p.body[0].value as ReturnType<typeof templateWithoutHash>).metadata?.labels).toEqual({ app: "web" });
    // The deployment keeps its own revision and last-applied annotations; the ReplicaSet's others come along.
    expect(p.body[1]).toEqual({
      op: "add",
      path: "/metadata/annotations",
      value: { "deployment.kubernetes.io/revision": "3", "kubectl.kubernetes.io/last-applied-configuration": "{}", "team/owner": "ops" },
    });
    // The ReplicaSet itself is not changed.
    expect(target.spec?.template?.metadata?.labels?.["pod-template-hash"]).toBe("bbbbb");
  });
});
