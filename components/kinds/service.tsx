import { ServiceRelated } from "@/components/workloads/related";
import { type ServiceObject, serviceClusterIP, serviceExternal, servicePorts, serviceSelector, serviceType } from "@/lib/k8s/kinds/service";
import { lines, mono, monoColumn, valueColumn } from "./columns";
import { defineKind } from "./kind";

export const services = defineKind<ServiceObject>({
  slug: "services",
  kind: "Service",
  group: "",
  version: "v1",
  rowId: "service",
  columns: [
    valueColumn("type", "type", "8rem", serviceType),
    monoColumn("clusterIP", "clusterIP", "9rem", serviceClusterIP),
    valueColumn("external", "external", "minmax(8rem,1fr)", (s) => serviceExternal(s).join(", ")),
    monoColumn("ports", "ports", "minmax(8rem,1fr)", servicePorts),
    { id: "selector", label: "selector", width: "minmax(8rem,1fr)", cell: (s) => <span className="font-mono text-xs">{serviceSelector(s) || "—"}</span>, filterValue: serviceSelector },
  ],
  summary: [
    { label: "type", value: serviceType },
    { label: "clusterIP", value: (s) => mono(serviceClusterIP(s)) },
    { label: "external", value: (s) => lines(serviceExternal(s)) },
    { label: "selector", value: (s) => mono(serviceSelector(s)) },
    { label: "sessionAffinity", value: (s) => s.spec?.sessionAffinity ?? "None" },
    {
      label: "ports",
      value: (s) => lines((s.spec?.ports ?? []).map((p) => `${p.name ? `${p.name}: ` : ""}${p.port}${p.nodePort ? `:${p.nodePort}` : ""} → ${p.targetPort ?? p.port}/${p.protocol ?? "TCP"}`)),
    },
  ],
  brief: (s) => s.spec?.type ?? "",
  related: ServiceRelated,
  starter: (ns) => ({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "example", namespace: ns },
    spec: { type: "ClusterIP", selector: { app: "example" }, ports: [{ port: 80, targetPort: 80, protocol: "TCP" }] },
  }),
});
