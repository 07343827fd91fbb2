import { GatewayRelated } from "@/components/routes/route-views";
import { GATEWAY_GROUP, routeTone } from "@/lib/k8s/kinds/httproute";
import {
  type GatewayObject,
  gatewayAddresses,
  gatewayAttachedRoutes,
  gatewayConditions,
  gatewayListeners,
  gatewayProblem,
  gatewayStatus,
  listenerText,
} from "@/lib/k8s/kinds/gateway";
import { lines, mono, monoColumn, namesColumn, statusColumn, valueColumn } from "./columns";
import { defineKind } from "./kind";

export const gateways = defineKind<GatewayObject>({
  slug: "gateways",
  kind: "Gateway",
  group: GATEWAY_GROUP,
  version: "v1",
  rowId: "gateway",
  columns: [
    valueColumn("class", "class", "7rem", (g) => g.spec?.gatewayClassName ?? ""),
    namesColumn("listeners", "listeners", (g) => gatewayListeners(g).map(listenerText)),
    monoColumn("addresses", "addresses", "minmax(7rem,1fr)", (g) => gatewayAddresses(g).join(", ")),
    valueColumn("attachedRoutes", "attachedRoutes", "6rem", gatewayAttachedRoutes),
    statusColumn(gatewayStatus, { width: "minmax(8rem,1fr)", tone: routeTone, title: gatewayProblem }),
  ],
  status: gatewayStatus,
  tone: routeTone,
  problem: gatewayProblem,
  conditions: gatewayConditions,
  summary: [
    { label: "gatewayClass", value: (g) => mono(g.spec?.gatewayClassName) },
    { label: "listeners", value: (g) => lines(gatewayListeners(g).map(listenerText)) },
    { label: "addresses", value: (g) => lines(gatewayAddresses(g)) },
    { label: "attachedRoutes", value: gatewayAttachedRoutes },
  ],
  brief: (g) => gatewayStatus(g),
  related: GatewayRelated,
  starter: (ns) => ({
    apiVersion: `${GATEWAY_GROUP}/v1`,
    kind: "Gateway",
    metadata: { name: "example", namespace: ns },
    spec: { gatewayClassName: "traefik", listeners: [{ name: "web", port: 80, protocol: "HTTP", allowedRoutes: { namespaces: { from: "Same" } } }] },
  }),
});
