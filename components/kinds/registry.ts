import type { KindInfo } from "@/lib/k8s/kinds/kind";
import { configmaps } from "./configmap";
import { cronjobs } from "./cronjob";
import { daemonsets } from "./daemonset";
import { deployments } from "./deployment";
import { gateways } from "./gateway";
import { httproutes } from "./httproute";
import { ingresses } from "./ingress";
import { jobs } from "./job";
import type { KindModule } from "./kind";
import { pods } from "./pod";
import { pipelines } from "./pipeline";
import { pipelineruns } from "./pipelinerun";
import { persistentvolumeclaims } from "./pvc";
import { replicasets } from "./replicaset";
import { secrets } from "./secret";
import { services } from "./service";
import { serviceaccounts } from "./serviceaccount";
import { statefulsets } from "./statefulset";
import { taskruns } from "./taskrun";

/*
 * Every kind the namespace pages show, in the order of their tabs. List pages,
 * object pages, the summary, the tabs, the overview's counts, the picker and the
 * cluster-wide list all read this; none of them names a kind.
 *
 * To add a kind:
 * 1. components/kinds/<kind>.tsx: `export const <plural> = defineKind<Obj>({ … })`
 *    — API coordinates, columns, summary fields, status, related objects, extra
 *    tabs and actions (see KindDefinition in ./kind.ts). Pure accessors worth a
 *    test go to lib/k8s/kinds/<kind>.ts.
 * 2. Add it to KINDS below.
 * 3. Messages (en and zh-CN, messages/<locale>/workloads.json): kinds.<slug>,
 *    kind.<Kind>, tables.empty.<slug>, and any new column (columns.*) or field
 *    (detail.*) label. registry.test.ts checks that they all exist.
 */
export const KINDS: readonly KindModule[] = [
  deployments,
  statefulsets,
  daemonsets,
  jobs,
  cronjobs,
  pods,
  services,
  httproutes,
  ingresses,
  gateways,
  pipelines,
  pipelineruns,
  configmaps,
  secrets,
  persistentvolumeclaims,
  serviceaccounts,
  replicasets,
  taskruns,
];

const BY_SLUG = new Map(KINDS.map((k) => [k.slug, k]));

/** The kinds with a tab in a namespace (ReplicaSets are reached from their deployments). */
export const NAV_KINDS = KINDS.filter((k) => k.inNav);

export function kindBySlug(slug: string): KindModule | undefined {
  return BY_SLUG.get(slug);
}

/** The known kind of an object's apiVersion and kind, e.g. ("apps/v1", "Deployment"). */
export function kindOf(apiVersion: string | undefined, kind: string | undefined): KindInfo | undefined {
  if (!apiVersion || !kind) return undefined;
  return KINDS.find((k) => k.kind === kind && k.apiVersion === apiVersion);
}

/** The known kind of an owner reference's kind (for links from a pod to its ReplicaSet or Job). */
export function kindByName(kind: string): KindModule | undefined {
  return KINDS.find((k) => k.kind === kind);
}
