"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Tabs } from "@/components/ui/tabs";
import { EventsTableView } from "@/components/cluster/events-table";
import { LiveIndicator } from "@/components/cluster/live-indicator";
import type { WorkloadKind } from "@/components/monitoring/workload-monitoring";
import { Button } from "@/components/ui/button";
import { Loading } from "@/components/ui/loading";
import type { Tone } from "@/components/ui/status-badge";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { useLiveList } from "@/lib/client/use-live-list";
import { objectEventsPath, singleObjectListPath } from "@/lib/k8s/kinds/common";
import type { ConfigMapObject } from "@/lib/k8s/kinds/configmap";
import { type CronJobObject, cronJobSuspended } from "@/lib/k8s/kinds/cronjob";
import { type DaemonSetObject, daemonSetStatus } from "@/lib/k8s/kinds/daemonset";
import { type DeploymentObject, deploymentStatus } from "@/lib/k8s/kinds/deployment";
import type { EventObject } from "@/lib/k8s/kinds/event";
import { type JobObject, jobStatus } from "@/lib/k8s/kinds/job";
import { type PodObject, podStatusReason, podStatusTone } from "@/lib/k8s/kinds/pod";
import { type PvcObject, pvcStatus } from "@/lib/k8s/kinds/pvc";
import { KINDS, type KindSlug, listHref } from "@/lib/k8s/kinds/registry";
import type { SecretObject } from "@/lib/k8s/kinds/secret";
import { type StatefulSetObject, statefulSetStatus } from "@/lib/k8s/kinds/statefulset";
import type { KubeObject } from "@/lib/k8s/types";
import { ObjectActions } from "./actions";
import { StatusBadge, toneOf } from "./columns";
import { ConfigMapData } from "./configmap-data";
import { LiveSection } from "./live-section";
import { ObjectSummary } from "./object-summary";
import { Related } from "./related";
import { SecretData, useSecretWithValues } from "./secret-data";
import { useKindCan } from "./use-kind-can";

// Tabs other than the overview load their code when first shown (logs, charts, the YAML editor and its library).
const PodLogs = dynamic(() => import("./pod-logs").then((m) => m.PodLogs), { loading: Loading });
const WorkloadMonitoring = dynamic(() => import("@/components/monitoring/workload-monitoring").then((m) => m.WorkloadMonitoring), { loading: Loading });
const YamlEditor = dynamic(() => import("./yaml-editor").then((m) => m.YamlEditor), { loading: Loading });

export type DetailTab = "overview" | "logs" | "data" | "monitoring" | "events" | "yaml";

const MONITORED: Partial<Record<KindSlug, WorkloadKind>> = { deployments: "deployment", statefulsets: "statefulset", daemonsets: "daemonset" };

function tabsFor(kind: KindSlug): DetailTab[] {
  if (kind === "pods") return ["overview", "logs", "events", "yaml"];
  if (MONITORED[kind]) return ["overview", "monitoring", "events", "yaml"];
  if (kind === "configmaps" || kind === "secrets") return ["overview", "data", "events", "yaml"];
  return ["overview", "events", "yaml"];
}

/** The one-word status of an object and its colour, where its kind has one. */
function statusOf(kind: KindSlug, o: KubeObject): { status: string; tone: Tone } | undefined {
  const s = (status: string) => ({ status, tone: toneOf(status) });
  switch (kind) {
    case "deployments":
      return s(deploymentStatus(o as DeploymentObject));
    case "statefulsets":
      return s(statefulSetStatus(o as StatefulSetObject));
    case "daemonsets":
      return s(daemonSetStatus(o as DaemonSetObject));
    case "jobs":
      return s(jobStatus(o as JobObject));
    case "cronjobs":
      return s(cronJobSuspended(o as CronJobObject) ? "Suspended" : "Active");
    case "pods": {
      const r = podStatusReason(o as PodObject);
      return { status: r, tone: podStatusTone(r) };
    }
    case "persistentvolumeclaims":
      return s(pvcStatus(o as PvcObject));
    default:
      return undefined;
  }
}

function ObjectEvents({ cluster, ns, kind, name }: { cluster: string; ns: string; kind: string; name: string }) {
  const { items, state } = useLiveList<EventObject>(cluster, objectEventsPath(ns, kind, name));
  return <EventsTableView cluster={cluster} events={items} toolbar={<LiveIndicator state={state} />} />;
}

function YamlTab({ cluster, kind, obj }: { cluster: string; kind: KindSlug; obj: KubeObject }) {
  const info = KINDS[kind];
  const ns = obj.metadata.namespace ?? "";
  const can = useKindCan(cluster, ns, info);
  if (kind === "secrets") return <SecretYaml cluster={cluster} obj={obj} allowed={can.update} pending={can.pending} />;
  // Objects of a list carry no apiVersion and kind (the list does): the editor's object must.
  const object = { apiVersion: info.apiGroup ? `${info.apiGroup}/${info.version}` : info.version, kind: info.kind, ...obj };
  return <YamlEditor cluster={cluster} target={{ mode: "edit", path: info.objectPath(ns, obj.metadata.name ?? ""), object }} allowed={can.update} pending={can.pending} />;
}

/**
 * A secret's YAML holds its values, and the page has none (see
 * withoutSecretValues): as in OpenShift's and KubeSphere's editors, the YAML
 * is the whole object, fetched with the caller's rights when they ask for it —
 * editing a copy without values would save it without them.
 */
function SecretYaml({ cluster, obj, allowed, pending }: { cluster: string; obj: KubeObject; allowed: boolean; pending: boolean }) {
  const t = useTranslations("workloads.yaml");
  const tc = useTranslations("common");
  const ns = obj.metadata.namespace ?? "";
  const name = obj.metadata.name ?? "";
  const [shown, setShown] = useState(false);
  const secret = useSecretWithValues(cluster, ns, name, shown);
  if (!shown) {
    return (
      <div className="space-y-2">
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("secretHidden")}</p>
        <Button onClick={() => setShown(true)}>{t("showSecretYaml")}</Button>
      </div>
    );
  }
  if (secret.error) return <ErrorState title={t("secretFailed")} message={secret.error.message} />;
  if (!secret.data) return <LoadingState label={tc("loading")} />;
  return <YamlEditor cluster={cluster} target={{ mode: "edit", path: KINDS.secrets.objectPath(ns, name), object: secret.data }} allowed={allowed} pending={pending} />;
}

/**
 * An object's page: what it is and how it is doing, what belongs to it, its
 * events and its YAML, and the actions on it. The object stays live (a watch
 * of it alone); when it is deleted the page says so.
 */
export function ObjectDetail({ cluster, ns, kind, name, initialTab }: { cluster: string; ns: string; kind: KindSlug; name: string; initialTab?: string }) {
  const t = useTranslations("workloads.detail");
  const tk = useTranslations("workloads.kind");
  const tks = useTranslations("workloads.kinds");
  const router = useRouter();
  const info = KINDS[kind];
  const { items, state } = useLiveList<KubeObject>(cluster, singleObjectListPath(info.listPath(ns), name));
  const obj = items.find((o) => o.metadata.name === name);
  const can = useKindCan(cluster, ns, info);
  const jobCan = useKindCan(cluster, ns, KINDS.jobs);
  const tabs = tabsFor(kind);
  const [tab, setTab] = useState<DetailTab>(() => (tabs.includes(initialTab as DetailTab) ? (initialTab as DetailTab) : "overview"));
  const select = (k: DetailTab) => {
    setTab(k);
    // Keep the tab in the address so it survives a reload and can be shared.
    const url = new URL(window.location.href);
    if (k === "overview") url.searchParams.delete("tab");
    else url.searchParams.set("tab", k);
    window.history.replaceState(null, "", url);
  };

  if (!obj) {
    return (
      <div data-testid="object-gone">
        <EmptyState title={t("gone", { kind: tk(info.kind), name })}>
          <Link href={listHref(cluster, ns, kind)} className="text-sky-700 hover:underline dark:text-sky-300">
            {t("backToList", { kinds: tks(kind) })}
          </Link>
        </EmptyState>
      </div>
    );
  }
  const status = statusOf(kind, obj);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-semibold">
          <span className="text-slate-500 dark:text-slate-400">{tk(info.kind)}</span> <span className="font-mono">{name}</span>
        </h2>
        {status && (
          <span data-testid="object-status" data-status={status.status}>
            <StatusBadge status={status.status} tone={status.tone} />
          </span>
        )}
        <LiveIndicator state={state} />
        <div className="ml-auto">
          <ObjectActions cluster={cluster} info={info} obj={obj} can={can} jobCan={jobCan} onDeleted={() => router.push(listHref(cluster, ns, kind))} />
        </div>
      </div>
      <Tabs label={t("tabsLabel")} tabs={tabs.map((k) => ({ key: k, label: t(`tab.${k}`) }))} selected={tab} onSelect={select}>
        {tab === "overview" && (
          <div className="space-y-6">
            <ObjectSummary cluster={cluster} kind={kind} obj={obj} />
            <Related cluster={cluster} kind={kind} obj={obj} />
          </div>
        )}
        {tab === "logs" && <PodLogs cluster={cluster} pod={obj as PodObject} />}
        {tab === "data" && (kind === "secrets" ? <SecretData cluster={cluster} secret={obj as SecretObject} /> : <ConfigMapData configMap={obj as ConfigMapObject} />)}
        {tab === "monitoring" && MONITORED[kind] && <WorkloadMonitoring cluster={cluster} namespace={ns} kind={MONITORED[kind]} name={name} />}
        {tab === "events" && (
          <LiveSection>
            <ObjectEvents cluster={cluster} ns={ns} kind={info.kind} name={name} />
          </LiveSection>
        )}
        {tab === "yaml" && <YamlTab cluster={cluster} kind={kind} obj={obj} />}
      </Tabs>
    </div>
  );
}
