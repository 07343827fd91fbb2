"use client";

import { Section as UiSection } from "@/components/ui/section";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/status-badge";
import { EmptyState } from "@/components/ui/states";
import { useLiveList } from "@/lib/client/use-live-list";
import { useAge } from "@/lib/client/use-now";
import { type LabelSelector, ownedBy, selectorString, withQuery } from "@/lib/k8s/kinds/common";
import { type CronJobObject, cronJobJobs } from "@/lib/k8s/kinds/cronjob";
import type { DeploymentObject } from "@/lib/k8s/kinds/deployment";
import type { JobObject } from "@/lib/k8s/kinds/job";
import { type PodObject, podClaims, podContainers } from "@/lib/k8s/kinds/pod";
import type { ReplicaSetObject } from "@/lib/k8s/kinds/replicaset";
import { type EndpointSliceObject, type ServiceObject, endpointsOf, serviceEndpointSlicesPath, serviceSelector } from "@/lib/k8s/kinds/service";
import type { KubeObject } from "@/lib/k8s/types";
import { definedKind } from "@/components/kinds/kind";
import { KindTableView } from "./kind-table";
import { LiveSection } from "./live-section";

// What belongs to or serves an object, under its summary: each kind module
// names its own (a deployment's ReplicaSets and pods, a service's endpoints…).

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <UiSection id={id} title={title}>
      <LiveSection>{children}</LiveSection>
    </UiSection>
  );
}

/** Pods matching a label selector; none when the selector is empty (it would match everything). */
function PodsBySelector({ cluster, ns, selector, filter }: { cluster: string; ns: string; selector: string; filter?: (p: PodObject) => boolean }) {
  const t = useTranslations("workloads.detail");
  if (!selector) return <EmptyState title={t("noSelector")} />;
  return <SelectedPods cluster={cluster} ns={ns} selector={selector} filter={filter} />;
}

function SelectedPods({ cluster, ns, selector, filter }: { cluster: string; ns: string; selector: string; filter?: (p: PodObject) => boolean }) {
  const pods = definedKind("pods");
  const { items } = useLiveList<PodObject>(cluster, withQuery(pods.listPath(ns), { labelSelector: selector }));
  return <KindTableView kind={pods} cluster={cluster} ns={ns} items={filter ? items.filter(filter) : items} compact />;
}

function DeploymentReplicaSets({ cluster, deployment }: { cluster: string; deployment: DeploymentObject }) {
  const ns = deployment.metadata.namespace ?? "";
  const replicasets = definedKind("replicasets");
  const { items } = useLiveList<ReplicaSetObject>(cluster, withQuery(replicasets.listPath(ns), { labelSelector: selectorString(deployment.spec?.selector) }));
  return <KindTableView kind={replicasets} cluster={cluster} ns={ns} items={ownedBy(items, deployment)} compact />;
}

function CronJobJobs({ cluster, cronJob }: { cluster: string; cronJob: CronJobObject }) {
  const ns = cronJob.metadata.namespace ?? "";
  const jobs = definedKind("jobs");
  const { items } = useLiveList<JobObject>(cluster, jobs.listPath(ns));
  return <KindTableView kind={jobs} cluster={cluster} ns={ns} items={cronJobJobs(cronJob, items)} compact />;
}

function PvcPods({ cluster, pvc }: { cluster: string; pvc: KubeObject }) {
  const ns = pvc.metadata.namespace ?? "";
  const pods = definedKind("pods");
  const { items } = useLiveList<PodObject>(cluster, pods.listPath(ns));
  return <KindTableView kind={pods} cluster={cluster} ns={ns} items={items.filter((p) => podClaims(p).includes(pvc.metadata.name ?? ""))} compact />;
}

function ServiceEndpoints({ cluster, service }: { cluster: string; service: ServiceObject }) {
  const t = useTranslations("workloads.detail");
  const ts = useTranslations("workloads.status");
  const { items } = useLiveList<EndpointSliceObject>(cluster, serviceEndpointSlicesPath(service.metadata.namespace ?? "", service.metadata.name ?? ""));
  const eps = endpointsOf(items);
  if (eps.length === 0) return <EmptyState title={t("noEndpoints")} />;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700">
      <table className="w-full text-left text-sm" aria-label={t("endpoints")}>
        <thead className="bg-slate-50 text-xs uppercase text-slate-600 dark:bg-slate-800/60 dark:text-slate-300">
          <tr>
            <th className="px-3 py-2">{t("address")}</th>
            <th className="px-3 py-2">{t("ports")}</th>
            <th className="px-3 py-2">{t("status")}</th>
            <th className="px-3 py-2">{t("target")}</th>
            <th className="px-3 py-2">{t("node")}</th>
          </tr>
        </thead>
        <tbody>
          {eps.map((e) => (
            <tr key={`${e.address}-${e.ports}`} className="border-t border-slate-100 dark:border-slate-800" data-testid={`endpoint-${e.address}`}>
              <td className="px-3 py-2 font-mono text-xs">{e.address}</td>
              <td className="px-3 py-2 font-mono text-xs">{e.ports || "—"}</td>
              <td className="px-3 py-2">
                <Badge tone={e.ready ? "green" : "amber"}>{e.ready ? ts("Ready") : ts("NotReady")}</Badge>
              </td>
              <td className="px-3 py-2">{e.target ?? "—"}</td>
              <td className="px-3 py-2">{e.node ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A pod's containers (init containers first) with their state, restarts and last termination. */
export function PodContainers({ pod }: { pod: PodObject }) {
  const t = useTranslations("workloads.detail");
  const age = useAge();
  const cs = podContainers(pod);
  return (
    <ul className="space-y-2" aria-label={t("containers")}>
      {cs.map((c) => {
        const tone = c.state === "running" ? (c.ready ? "green" : "amber") : c.state === "waiting" ? (c.reason && /BackOff|Err|Invalid/.test(c.reason) ? "red" : "amber") : c.state === "terminated" ? (c.exitCode === 0 ? "slate" : "red") : "slate";
        return (
          <li key={`${c.init}-${c.name}`} className="rounded-lg border border-slate-200 p-3 dark:border-slate-700" data-testid={`container-${c.name}`}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{c.name}</span>
              {c.init && <Badge tone="slate">{t("init")}</Badge>}
              <Badge tone={tone}>{c.reason ?? t(`state.${c.state}`)}</Badge>
              {c.state === "running" && <span className="text-xs text-slate-500">{c.ready ? t("containerReady") : t("containerNotReady")}</span>}
              <span className="text-xs text-slate-500">{t("restartCount", { count: c.restarts })}</span>
              {c.startedAt && <span className="text-xs text-slate-500">{t("startedAgo", { age: age(c.startedAt) })}</span>}
            </div>
            <p className="mt-1 truncate font-mono text-xs text-slate-600 dark:text-slate-400">{c.image}</p>
            {c.message && <p className="mt-1 text-sm text-red-700 dark:text-red-400">{c.message}</p>}
            {c.state === "terminated" && c.exitCode !== undefined && <p className="mt-1 text-xs text-slate-500">{t("exitCode", { code: c.exitCode })}</p>}
            {c.lastTerminated && (
              <p className="mt-1 text-xs text-slate-500">
                {t("lastTerminated", { reason: c.lastTerminated.reason ?? "—", code: c.lastTerminated.exitCode, age: age(c.lastTerminated.finishedAt) })}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function DeploymentRelated({ cluster, obj }: { cluster: string; obj: DeploymentObject }) {
  const tk = useTranslations("workloads.kinds");
  return (
    <>
      <Section id="related-replicasets" title={tk("replicasets")}>
        <DeploymentReplicaSets cluster={cluster} deployment={obj} />
      </Section>
      <Section id="related-pods" title={tk("pods")}>
        <PodsBySelector cluster={cluster} ns={obj.metadata.namespace ?? ""} selector={selectorString(obj.spec?.selector)} />
      </Section>
    </>
  );
}

/** The pods a statefulset, daemonset, replicaset or job controls. */
export function OwnedPods({ cluster, obj }: { cluster: string; obj: KubeObject & { spec?: { selector?: LabelSelector } } }) {
  const tk = useTranslations("workloads.kinds");
  return (
    <Section id="related-pods" title={tk("pods")}>
      <PodsBySelector cluster={cluster} ns={obj.metadata.namespace ?? ""} selector={selectorString(obj.spec?.selector)} filter={(p) => ownedBy([p], obj).length > 0} />
    </Section>
  );
}

export function CronJobRelated({ cluster, obj }: { cluster: string; obj: CronJobObject }) {
  const tk = useTranslations("workloads.kinds");
  return (
    <Section id="related-jobs" title={tk("jobs")}>
      <CronJobJobs cluster={cluster} cronJob={obj} />
    </Section>
  );
}

export function ServiceRelated({ cluster, obj }: { cluster: string; obj: ServiceObject }) {
  const t = useTranslations("workloads.detail");
  const tk = useTranslations("workloads.kinds");
  return (
    <>
      <Section id="related-endpoints" title={t("endpoints")}>
        <ServiceEndpoints cluster={cluster} service={obj} />
      </Section>
      <Section id="related-pods" title={tk("pods")}>
        <PodsBySelector cluster={cluster} ns={obj.metadata.namespace ?? ""} selector={serviceSelector(obj)} />
      </Section>
    </>
  );
}

export function PodRelated({ obj }: { obj: PodObject }) {
  const t = useTranslations("workloads.detail");
  return (
    <section aria-labelledby="related-containers" className="space-y-2">
      <h2 id="related-containers" className="text-base font-semibold">
        {t("containers")}
      </h2>
      <PodContainers pod={obj} />
    </section>
  );
}

export function PvcRelated({ cluster, obj }: { cluster: string; obj: KubeObject }) {
  const t = useTranslations("workloads.detail");
  return (
    <Section id="related-pods" title={t("mountedBy")}>
      <PvcPods cluster={cluster} pvc={obj} />
    </Section>
  );
}
