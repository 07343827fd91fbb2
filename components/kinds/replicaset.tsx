import { OwnerLink } from "@/components/workloads/columns";
import { OwnedPods } from "@/components/workloads/related";
import { controllerOf, selectorString } from "@/lib/k8s/kinds/common";
import { type ReplicaSetObject, replicaSetDesired, replicaSetImages, replicaSetReady, replicaSetReadyText, replicaSetRevision } from "@/lib/k8s/kinds/replicaset";
import { imagesColumn, lines, mono, readyColumn, valueColumn } from "./columns";
import { defineKind } from "./kind";

export const replicasets = defineKind<ReplicaSetObject>({
  slug: "replicasets",
  kind: "ReplicaSet",
  group: "apps",
  version: "v1",
  scalable: true,
  rowId: "replicaset",
  inNav: false,
  initialSort: { id: "revision", desc: true },
  columns: [
    valueColumn("revision", "revision", "6rem", replicaSetRevision),
    valueColumn("desired", "desired", "6rem", replicaSetDesired),
    readyColumn(replicaSetReadyText, replicaSetReady, "replicaset-ready"),
    { id: "owner", label: "owner", width: "minmax(8rem,1fr)", cell: (r, at) => <OwnerLink cluster={at.cluster} obj={r} short />, sortValue: (r) => controllerOf(r)?.name ?? "" },
    imagesColumn(replicaSetImages),
  ],
  conditions: (r) => r.status?.conditions,
  summary: [
    { label: "ready", value: (r) => <span data-testid="ready-replicas">{replicaSetReadyText(r)}</span> },
    { label: "revision", value: (r) => replicaSetRevision(r) || "—" },
    { label: "selector", value: (r) => mono(selectorString(r.spec?.selector)) },
    { label: "images", value: (r) => lines(replicaSetImages(r)) },
  ],
  brief: (r) => `${r.status?.readyReplicas ?? 0}/${r.spec?.replicas ?? 0}`,
  related: OwnedPods,
  starter: (ns) => ({
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "example", namespace: ns },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "example" } },
      template: { metadata: { labels: { app: "example" } }, spec: { containers: [{ name: "example", image: "nginx:1.27" }] } },
    },
  }),
});
