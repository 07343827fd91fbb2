import { IngressActions } from "@/components/routes/route-actions";
import { IngressRelated } from "@/components/routes/route-views";
import { TryItTab } from "@/components/routes/try-it-tab";
import { routeTone } from "@/lib/k8s/kinds/httproute";
import { type IngressObject, ingressAddresses, ingressBackends, ingressClass, ingressHosts, ingressProblem, ingressStatus, ingressTLS } from "@/lib/k8s/kinds/ingress";
import { lines, mono, monoColumn, namesColumn, statusColumn, valueColumn } from "./columns";
import { defineKind } from "./kind";

const tone = (s: string) => (s === "Published" ? "green" : routeTone(s));

export const ingresses = defineKind<IngressObject>({
  slug: "ingresses",
  kind: "Ingress",
  group: "networking.k8s.io",
  version: "v1",
  rowId: "ingress",
  columns: [
    valueColumn("class", "class", "7rem", ingressClass),
    namesColumn("hosts", "hosts", ingressHosts),
    namesColumn("backends", "backends", ingressBackends),
    monoColumn("addresses", "addresses", "minmax(7rem,1fr)", (i) => ingressAddresses(i).join(", ")),
    statusColumn(ingressStatus, { tone, title: ingressProblem }),
  ],
  status: ingressStatus,
  tone,
  problem: ingressProblem,
  summary: [
    { label: "ingressClass", value: (i) => mono(ingressClass(i)) },
    { label: "hostnames", value: (i) => lines(ingressHosts(i)) },
    { label: "backends", value: (i) => lines(ingressBackends(i)) },
    { label: "tls", value: (i) => lines(ingressTLS(i).map((x) => `${x.hosts.join(", ") || "*"} → ${x.secretName || "—"}`)) },
    { label: "addresses", value: (i) => lines(ingressAddresses(i)) },
  ],
  brief: (i) => ingressHosts(i).join(", "),
  related: IngressRelated,
  tabs: [{ key: "try", render: TryItTab }],
  actions: IngressActions,
  createForm: { button: "ingress", title: "ingressTitle" },
  starter: (ns) => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: "example", namespace: ns },
    spec: {
      ingressClassName: "traefik",
      rules: [{ host: "example.local", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "example", port: { number: 80 } } } }] } }],
    },
  }),
});
