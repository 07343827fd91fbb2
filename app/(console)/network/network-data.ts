import "server-only";
import { gateways } from "@/components/kinds/gateway";
import { httproutes } from "@/components/kinds/httproute";
import { ingresses } from "@/components/kinds/ingress";
import type { NetworkPlan } from "@/components/routes/network-view";
import type { Principal } from "@/lib/auth/principal";
import type { Runtime } from "@/lib/runtime";
import { planFleetLists } from "@/lib/tenancy/fleet-lists";

// What the Network page lists: every HTTPRoute and Ingress list the caller may
// read on the clusters they may use — cluster-wide where they may list a kind
// there, else per project namespace — and the Gateways where they may list
// those cluster-wide (cluster and platform admins).

export async function planNetwork(rt: Runtime, p: Principal): Promise<NetworkPlan> {
  const plan = await planFleetLists(rt, p, [{ kind: httproutes }, { kind: ingresses }, { kind: gateways, clusterOnly: true }]);
  return { ...plan, gateways: plan.lists.some((l) => l.slug === gateways.slug) };
}
