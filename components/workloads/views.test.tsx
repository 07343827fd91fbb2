import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { canQueryKey } from "@/lib/access/use-can";
import common from "@/messages/en/common.json";
import errors from "@/messages/en/errors.json";
import cluster from "@/messages/en/cluster.json";
import workloads from "@/messages/en/workloads.json";
import zhCluster from "@/messages/zh-CN/cluster.json";
import zhCommon from "@/messages/zh-CN/common.json";
import zhErrors from "@/messages/zh-CN/errors.json";
import zhWorkloads from "@/messages/zh-CN/workloads.json";
import type { CronJobObject } from "@/lib/k8s/kinds/cronjob";
import type { DeploymentObject } from "@/lib/k8s/kinds/deployment";
import type { PodObject } from "@/lib/k8s/kinds/pod";
import { type SecretObject, withoutSecretValues } from "@/lib/k8s/kinds/secret";
import type { ServiceObject } from "@/lib/k8s/kinds/service";
import { cronjobs } from "@/components/kinds/cronjob";
import { deployments } from "@/components/kinds/deployment";
import { pods } from "@/components/kinds/pod";
import { KINDS } from "@/components/kinds/registry";
import { services } from "@/components/kinds/service";
import { DeploymentForm } from "./deployment-form";
import { KindTableView } from "./kind-table";
import { ObjectSummary } from "./object-summary";
import { PodContainers } from "./related";
import { SecretData } from "./secret-data";
import { WorkloadsNav } from "./workloads-nav";
import { renderView } from "../../test/support/render";

vi.mock("next/navigation", () => ({
  usePathname: () => "/c/member-1/ns/shop/deployments",
  useRouter: () => ({ push: () => undefined, replace: () => undefined }),
}));

// Server-renders the pure views with fixtures and the real messages: every
// text must resolve (a missing key throws) and the test hooks must be there.

function render(node: React.ReactNode, messages: Record<string, unknown> = { common, errors, cluster, workloads }, locale = "en", seed?: (qc: QueryClient) => void) {
  return renderView(node, { messages, locale, seed });
}

const deployment: DeploymentObject = {
  metadata: { name: "web", namespace: "shop", uid: "d1", generation: 1, creationTimestamp: "2025-01-01T00:00:00Z", labels: { app: "web" } },
  spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, template: { spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } },
  status: {
    observedGeneration: 1,
    replicas: 3,
    readyReplicas: 2,
    updatedReplicas: 3,
    availableReplicas: 2,
    conditions: [{ type: "ReplicaFailure", status: "True", reason: "FailedCreate", message: 'pods "web-x" is forbidden: exceeded quota: compute' }],
  },
};

const pod: PodObject = {
  metadata: { name: "web-abc", namespace: "shop", uid: "p1", creationTimestamp: "2025-01-01T00:00:00Z" },
  spec: { nodeName: "node-a", containers: [{ name: "web", image: "nginx:1.27" }] },
  status: {
    phase: "Running",
    podIP: "10.0.0.7",
    containerStatuses: [{ name: "web", ready: false, restartCount: 7, state: { waiting: { reason: "CrashLoopBackOff", message: "back-off 5m0s" } } }],
  },
};

describe("table views", () => {
  it("render deployments with row and replica hooks", () => {
    const html = render(<KindTableView kind={deployments} cluster="member-1" ns="shop" items={[deployment]} />);
    expect(html).toContain('data-row-testid="deployment-row-web"');
    expect(html).toContain('data-testid="ready-replicas"');
    expect(html).toContain(">2/3<");
    expect(html).toContain('href="/c/member-1/ns/shop/deployments/web"');
    expect(html).toContain("Failed");
  });
  it("render pods with their status reason", () => {
    const logs = [{ verb: "get", resource: "core/pods/log", cluster: "member-1", namespace: "shop" }];
    const mayReadLogs = (allowed: boolean) => (qc: QueryClient) => qc.setQueryData(canQueryKey(logs), [allowed]);
    const html = render(<KindTableView kind={pods} cluster="member-1" ns="shop" items={[pod]} />, undefined, undefined, mayReadLogs(true));
    expect(html).toContain('data-row-testid="pod-row-web-abc"');
    expect(html).toContain("CrashLoopBackOff");
    expect(html).toContain('href="/c/member-1/ns/shop/pods/web-abc?tab=logs"');
    // Logs are offered only to those who may read them.
    expect(render(<KindTableView kind={pods} cluster="member-1" ns="shop" items={[pod]} />, undefined, undefined, mayReadLogs(false))).not.toContain("?tab=logs");
  });
  it("render services and cronjobs", () => {
    const svc: ServiceObject = { metadata: { name: "web", uid: "s1" }, spec: { type: "NodePort", clusterIP: "10.96.0.1", ports: [{ port: 80, nodePort: 30080 }], selector: { app: "web" } } };
    expect(render(<KindTableView kind={services} cluster="c" ns="shop" items={[svc]} />)).toContain("80:30080/TCP");
    const cj: CronJobObject = { metadata: { name: "nightly", uid: "c1" }, spec: { schedule: "0 3 * * *", suspend: true } };
    expect(render(<KindTableView kind={cronjobs} cluster="c" ns="shop" items={[cj]} />)).toContain("Suspended");
  });
  it("render every registered kind in both languages", () => {
    const obj = { metadata: { name: "x", namespace: "shop", uid: "x1" } };
    const zh = { common: zhCommon, errors: zhErrors, cluster: zhCluster, workloads: zhWorkloads };
    for (const kind of KINDS) {
      expect(render(<KindTableView kind={kind} cluster="c" ns="shop" items={[obj]} />)).toContain(`data-row-testid="${kind.rowId}-row-x"`);
      expect(render(<KindTableView kind={kind} cluster="c" ns="shop" items={[obj]} />, zh, "zh-CN")).toContain(zhWorkloads.kinds[kind.slug as keyof typeof zhWorkloads.kinds]);
      expect(render(<ObjectSummary cluster="c" kind={kind} obj={obj} />, zh, "zh-CN")).toContain(zhWorkloads.detail.namespace);
    }
  });
  it("render an empty list", () => {
    expect(render(<KindTableView kind={deployments} cluster="c" ns="shop" items={[]} />)).toContain("No deployments in this namespace.");
  });
});

describe("detail views", () => {
  it("summarise every kind", () => {
    for (const kind of KINDS) {
      const html = render(<ObjectSummary cluster="c" kind={kind} obj={kind === pods ? pod : kind === deployments ? deployment : { metadata: { name: "x", namespace: "shop" } }} />);
      expect(html).toContain("Namespace");
    }
    const html = render(<ObjectSummary cluster="c" kind={deployments} obj={deployment} />);
    expect(html).toContain("exceeded quota: compute");
    expect(html).toContain('role="alert"');
  });
  it("show a pod's containers", () => {
    const html = render(<PodContainers pod={pod} />);
    expect(html).toContain("CrashLoopBackOff");
    expect(html).toContain("7 restarts");
  });
  it("mask secrets", () => {
    const s: SecretObject = { metadata: { name: "db", namespace: "shop" }, data: { password: Buffer.from("hunter2").toString("base64") } };
    const html = render(<SecretData cluster="c" secret={s} />);
    expect(html).toContain("••••••••");
    expect(html).not.toContain("hunter2");
    expect(html).toContain("Reveal the value of password");
    // As pages hold it: the key and its size, no value to reveal without asking the cluster.
    const kept = render(<SecretData cluster="c" secret={withoutSecretValues(s)} />);
    expect(kept).toContain("Reveal the value of password");
    expect(kept).toContain("7 B");
    expect(kept).not.toContain(s.data!.password);
  });
  it("render the deployment form in both languages", () => {
    expect(render(<DeploymentForm cluster="c" ns="shop" onCreated={() => undefined} onCancel={() => undefined} onEditYaml={() => undefined} />)).toContain("Liveness probe");
    const zh = render(<DeploymentForm cluster="c" ns="shop" onCreated={() => undefined} onCancel={() => undefined} />, { common, errors, cluster, workloads: zhWorkloads }, "zh-CN");
    expect(zh).toContain("存活探针");
  });
  it("render the kind tabs", () => {
    const html = render(<WorkloadsNav cluster="member-1" ns="shop" kinds={["deployments", "statefulsets"]} />);
    expect(html).toContain('aria-current="page"');
    expect(html).toContain("StatefulSets");
    // Only the kinds the caller may list are offered.
    expect(html).not.toContain("Secrets");
  });
});
