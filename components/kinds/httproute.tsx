import { HttpRouteActions } from "@/components/routes/route-actions";
import { HttpRouteRelated } from "@/components/routes/route-views";
import { TryItTab } from "@/components/routes/try-it-tab";
import {
  type HTTPRouteObject,
  GATEWAY_GROUP,
  httpRouteBackendNames,
  httpRouteHosts,
  httpRouteProblem,
  httpRouteRules,
  httpRouteStatus,
  routeParents,
  routeTone,
} from "@/lib/k8s/kinds/httproute";
import { lines, namesColumn, sharesColumn, statusColumn } from "./columns";
import { defineKind } from "./kind";

const hosts = (r: HTTPRouteObject) => {
  const h = httpRouteHosts(r);
  return h.length ? h : ["*"];
};
const parents = (r: HTTPRouteObject) => routeParents(r).map((p) => p.label);

export const httproutes = defineKind<HTTPRouteObject>({
  slug: "httproutes",
  kind: "HTTPRoute",
  group: GATEWAY_GROUP,
  version: "v1",
  rowId: "httproute",
  columns: [
    namesColumn("hosts", "hosts", hosts),
    sharesColumn("backends", "backends", (r) => httpRouteRules(r).map((x) => x.backends.map((b) => ({ label: b.name, weight: b.weight })))),
    namesColumn("parents", "parents", parents),
    statusColumn(httpRouteStatus, { width: "minmax(8rem,1fr)", tone: routeTone, title: httpRouteProblem }),
  ],
  status: httpRouteStatus,
  tone: routeTone,
  problem: httpRouteProblem,
  summary: [
    { label: "hostnames", value: (r) => lines(hosts(r)) },
    { label: "parents", value: (r) => lines(parents(r)) },
    { label: "backends", value: (r) => lines(httpRouteBackendNames(r)) },
  ],
  brief: (r) => hosts(r).join(", "),
  related: HttpRouteRelated,
  tabs: [{ key: "try", render: TryItTab }],
  actions: HttpRouteActions,
  createForm: { button: "httproute", title: "httprouteTitle" },
  starter: (ns) => ({
    apiVersion: `${GATEWAY_GROUP}/v1`,
    kind: "HTTPRoute",
    metadata: { name: "example", namespace: ns },
    spec: {
      parentRefs: [{ name: "public", namespace: "pilothouse-gateway" }],
      hostnames: ["example.local"],
      rules: [{ matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ name: "example", port: 80, weight: 100 }] }],
    },
  }),
});
