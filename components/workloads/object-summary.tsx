"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/status-badge";
import { formatAge } from "@/lib/format";
import { type Condition, controllerOf, selectorString } from "@/lib/k8s/kinds/common";
import { type ConfigMapObject, configMapKeys } from "@/lib/k8s/kinds/configmap";
import { type CronJobObject, cronJobActive, cronJobImages, cronJobLastSchedule, cronJobLastSuccess, cronJobScheduleText, cronJobSuspended } from "@/lib/k8s/kinds/cronjob";
import { type DaemonSetObject, daemonSetImages, daemonSetNodeSelector, daemonSetReadyText } from "@/lib/k8s/kinds/daemonset";
import { type DeploymentObject, deploymentImages, deploymentProblem, deploymentReadyText, deploymentRevision } from "@/lib/k8s/kinds/deployment";
import { type JobObject, jobCompletions, jobDuration, jobFailure, jobImages } from "@/lib/k8s/kinds/job";
import { type PodObject, podIP, podNode, podReadyText, podRestarts, podStatusReason } from "@/lib/k8s/kinds/pod";
import { type PvcObject, pvcAccessModes, pvcCapacity, pvcRequested, pvcStatus, pvcStorageClass, pvcVolume } from "@/lib/k8s/kinds/pvc";
import { type KindSlug, detailHref, kindByName } from "@/lib/k8s/kinds/registry";
import { type ReplicaSetObject, replicaSetImages, replicaSetReadyText, replicaSetRevision } from "@/lib/k8s/kinds/replicaset";
import { type SecretObject, secretKeys, secretType } from "@/lib/k8s/kinds/secret";
import { type ServiceObject, serviceClusterIP, serviceExternal, serviceSelector, serviceType } from "@/lib/k8s/kinds/service";
import { type StatefulSetObject, statefulSetImages, statefulSetReadyText } from "@/lib/k8s/kinds/statefulset";
import type { KubeObject } from "@/lib/k8s/types";
import { LabelChips } from "./columns";

type Row = [label: string, value: React.ReactNode];

function Props({ rows }: { rows: Row[] }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
      {rows.map(([label, value]) => (
        <div key={label} className="min-w-0">
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
          <dd className="mt-0.5 break-words text-sm">{value === "" || value === undefined || value === null ? "—" : value}</dd>
        </div>
      ))}
    </dl>
  );
}

const mono = (s: string | undefined) => (s ? <span className="font-mono text-xs">{s}</span> : "—");
const list = (items: string[]) =>
  items.length ? (
    <ul className="space-y-0.5 font-mono text-xs">
      {items.map((i) => (
        <li key={i}>{i}</li>
      ))}
    </ul>
  ) : (
    "—"
  );

export function ConditionsTable({ conditions }: { conditions: Condition[] | undefined }) {
  const t = useTranslations("workloads.detail");
  if (!conditions?.length) return null;
  return (
    <section aria-labelledby="conditions-title" className="space-y-2">
      <h3 id="conditions-title" className="text-sm font-semibold">
        {t("conditions")}
      </h3>
      <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase text-slate-600 dark:bg-slate-800/60 dark:text-slate-300">
            <tr>
              <th className="px-3 py-2">{t("conditionType")}</th>
              <th className="px-3 py-2">{t("conditionStatus")}</th>
              <th className="px-3 py-2">{t("conditionReason")}</th>
              <th className="px-3 py-2">{t("conditionMessage")}</th>
              <th className="px-3 py-2">{t("conditionSince")}</th>
            </tr>
          </thead>
          <tbody>
            {conditions.map((c) => (
              <tr key={c.type} className="border-t border-slate-100 dark:border-slate-800">
                <td className="px-3 py-2 font-medium">{c.type}</td>
                <td className="px-3 py-2">
                  <Badge tone={c.status === "True" ? "green" : c.status === "False" ? "amber" : "slate"}>{c.status}</Badge>
                </td>
                <td className="px-3 py-2">{c.reason ?? "—"}</td>
                <td className="px-3 py-2 text-slate-600 dark:text-slate-400">{c.message ?? "—"}</td>
                <td className="px-3 py-2 whitespace-nowrap">{formatAge(c.lastTransitionTime ?? c.lastUpdateTime)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A problem the object reports about itself (failed rollout, quota refusal…), as Kubernetes said it. */
function Problem({ message }: { message: string | undefined }) {
  const t = useTranslations("workloads.detail");
  if (!message) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm dark:border-red-900 dark:bg-red-950/40">
      <p className="font-medium text-red-800 dark:text-red-300">{t("problem")}</p>
      <p className="mt-1 text-red-700 dark:text-red-400">{message}</p>
    </div>
  );
}

/** Who controls this object, linked when it is a kind we show. */
function OwnerLink({ cluster, obj }: { cluster: string; obj: KubeObject }) {
  const o = controllerOf(obj);
  if (!o) return <>—</>;
  const k = kindByName(o.kind);
  return k ? (
    <Link href={detailHref(cluster, obj.metadata.namespace ?? "", k.slug, o.name)} className="text-sky-800 hover:underline dark:text-sky-300">
      {o.kind}/{o.name}
    </Link>
  ) : (
    <>
      {o.kind}/{o.name}
    </>
  );
}

/** The properties of an object of any of our kinds: common metadata, then what matters for its kind. */
export function ObjectSummary({ cluster, kind, obj }: { cluster: string; kind: KindSlug; obj: KubeObject }) {
  const t = useTranslations("workloads.detail");
  const ts = useTranslations("workloads.status");
  const format = useFormatter();
  const created = obj.metadata.creationTimestamp;
  const common: Row[] = [
    [t("namespace"), obj.metadata.namespace],
    [t("created"), created ? <span title={format.dateTime(new Date(created), { dateStyle: "medium", timeStyle: "medium" })}>{t("ago", { age: formatAge(created) })}</span> : "—"],
    [t("owner"), <OwnerLink key="owner" cluster={cluster} obj={obj} />],
  ];
  let rows: Row[] = [];
  let conditions: Condition[] | undefined;
  let problem: string | undefined;
  switch (kind) {
    case "deployments": {
      const d = obj as DeploymentObject;
      rows = [
        [t("ready"), <span key="r" data-testid="ready-replicas">{deploymentReadyText(d)}</span>],
        [t("upToDate"), d.status?.updatedReplicas ?? 0],
        [t("available"), d.status?.availableReplicas ?? 0],
        [t("strategy"), d.spec?.strategy?.type ?? "RollingUpdate"],
        [t("revision"), deploymentRevision(d) || "—"],
        [t("selector"), mono(selectorString(d.spec?.selector))],
        [t("images"), list(deploymentImages(d))],
      ];
      conditions = d.status?.conditions;
      problem = deploymentProblem(d);
      break;
    }
    case "statefulsets": {
      const s = obj as StatefulSetObject;
      rows = [
        [t("ready"), <span key="r" data-testid="ready-replicas">{statefulSetReadyText(s)}</span>],
        [t("serviceName"), s.spec?.serviceName],
        [t("updateStrategy"), s.spec?.updateStrategy?.type ?? "RollingUpdate"],
        [t("podManagement"), s.spec?.podManagementPolicy ?? "OrderedReady"],
        [t("selector"), mono(selectorString(s.spec?.selector))],
        [t("images"), list(statefulSetImages(s))],
      ];
      conditions = s.status?.conditions;
      break;
    }
    case "daemonsets": {
      const d = obj as DaemonSetObject;
      rows = [
        [t("ready"), <span key="r" data-testid="ready-replicas">{daemonSetReadyText(d)}</span>],
        [t("upToDate"), d.status?.updatedNumberScheduled ?? 0],
        [t("available"), d.status?.numberAvailable ?? 0],
        [t("misscheduled"), d.status?.numberMisscheduled ?? 0],
        [t("nodeSelector"), mono(daemonSetNodeSelector(d))],
        [t("images"), list(daemonSetImages(d))],
      ];
      conditions = d.status?.conditions;
      break;
    }
    case "replicasets": {
      const r = obj as ReplicaSetObject;
      rows = [
        [t("ready"), <span key="r" data-testid="ready-replicas">{replicaSetReadyText(r)}</span>],
        [t("revision"), replicaSetRevision(r) || "—"],
        [t("selector"), mono(selectorString(r.spec?.selector))],
        [t("images"), list(replicaSetImages(r))],
      ];
      conditions = r.status?.conditions;
      break;
    }
    case "jobs": {
      const j = obj as JobObject;
      rows = [
        [t("completions"), <span key="c" data-testid="job-completions">{jobCompletions(j)}</span>],
        [t("parallelism"), j.spec?.parallelism ?? 1],
        [t("activePods"), j.status?.active ?? 0],
        [t("failedPods"), j.status?.failed ?? 0],
        [t("duration"), jobDuration(j)],
        [t("backoffLimit"), j.spec?.backoffLimit ?? 6],
        [t("images"), list(jobImages(j))],
      ];
      conditions = j.status?.conditions;
      problem = jobFailure(j);
      break;
    }
    case "cronjobs": {
      const c = obj as CronJobObject;
      rows = [
        [t("schedule"), mono(cronJobScheduleText(c))],
        [t("suspend"), cronJobSuspended(c) ? <Badge key="s" tone="amber">{ts("Suspended")}</Badge> : <Badge key="s" tone="green">{ts("Scheduled")}</Badge>],
        [t("concurrency"), c.spec?.concurrencyPolicy ?? "Allow"],
        [t("activeJobs"), cronJobActive(c)],
        [t("lastSchedule"), cronJobLastSchedule(c) ? t("ago", { age: formatAge(cronJobLastSchedule(c)) }) : t("never")],
        [t("lastSuccess"), cronJobLastSuccess(c) ? t("ago", { age: formatAge(cronJobLastSuccess(c)) }) : t("never")],
        [t("images"), list(cronJobImages(c))],
      ];
      break;
    }
    case "pods": {
      const p = obj as PodObject;
      rows = [
        [t("status"), <span key="s" data-testid="pod-status">{podStatusReason(p)}</span>],
        [t("ready"), podReadyText(p)],
        [t("restarts"), podRestarts(p)],
        [t("node"), podNode(p)],
        [t("podIP"), mono(podIP(p))],
        [t("hostIP"), mono(p.status?.hostIP)],
        [t("qos"), p.status?.qosClass],
        [t("serviceAccount"), p.spec?.serviceAccountName],
      ];
      conditions = p.status?.conditions;
      problem = p.status?.message;
      break;
    }
    case "services": {
      const s = obj as ServiceObject;
      rows = [
        [t("type"), serviceType(s)],
        [t("clusterIP"), mono(serviceClusterIP(s))],
        [t("external"), list(serviceExternal(s))],
        [t("selector"), mono(serviceSelector(s))],
        [t("sessionAffinity"), s.spec?.sessionAffinity ?? "None"],
        [
          t("ports"),
          list((s.spec?.ports ?? []).map((p) => `${p.name ? `${p.name}: ` : ""}${p.port}${p.nodePort ? `:${p.nodePort}` : ""} → ${p.targetPort ?? p.port}/${p.protocol ?? "TCP"}`)),
        ],
      ];
      break;
    }
    case "configmaps": {
      const c = obj as ConfigMapObject;
      rows = [
        [t("keys"), configMapKeys(c).length],
        [t("immutable"), c.immutable ? t("yes") : t("no")],
      ];
      break;
    }
    case "secrets": {
      const s = obj as SecretObject;
      rows = [
        [t("type"), mono(secretType(s))],
        [t("keys"), secretKeys(s).length],
        [t("immutable"), s.immutable ? t("yes") : t("no")],
      ];
      break;
    }
    case "persistentvolumeclaims": {
      const p = obj as PvcObject;
      rows = [
        [t("status"), pvcStatus(p)],
        [t("capacity"), pvcCapacity(p)],
        [t("requested"), pvcRequested(p)],
        [t("accessModes"), pvcAccessModes(p)],
        [t("storageClass"), pvcStorageClass(p)],
        [t("volume"), mono(pvcVolume(p))],
        [t("volumeMode"), p.spec?.volumeMode ?? "Filesystem"],
      ];
      conditions = p.status?.conditions;
      break;
    }
  }
  return (
    <div className="space-y-5">
      <Problem message={problem} />
      <Props rows={[...rows, ...common]} />
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="space-y-1">
          <h3 className="text-sm font-semibold">{t("labels")}</h3>
          <LabelChips labels={obj.metadata.labels} />
        </div>
        <div className="space-y-1">
          <h3 className="text-sm font-semibold">{t("annotations")}</h3>
          <LabelChips labels={Object.fromEntries(Object.entries(obj.metadata.annotations ?? {}).filter(([k]) => k !== "kubectl.kubernetes.io/last-applied-configuration"))} />
        </div>
      </div>
      <ConditionsTable conditions={conditions} />
    </div>
  );
}
