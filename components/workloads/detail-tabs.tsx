"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { WorkloadKind } from "@/components/monitoring/workload-monitoring";
import { Button } from "@/components/ui/button";
import { Loading } from "@/components/ui/loading";
import { useCan } from "@/lib/access/use-can";
import { ErrorState, LoadingState } from "@/components/ui/states";
import type { ConfigMapObject } from "@/lib/k8s/kinds/configmap";
import type { KindInfo } from "@/lib/k8s/kinds/kind";
import type { PodObject } from "@/lib/k8s/kinds/pod";
import { type SecretObject, secretPath } from "@/lib/k8s/kinds/secret";
import type { KubeObject } from "@/lib/k8s/types";
import { ConfigMapData } from "./configmap-data";
import { SecretData, useSecretWithValues } from "./secret-data";

// The tabs kinds add to their pages, and what they put in rows. Tabs other than
// the overview load their code when first shown (logs, charts, the YAML editor).

const PodLogs = dynamic(() => import("./pod-logs").then((m) => m.PodLogs), { loading: Loading });
const WorkloadMonitoring = dynamic(() => import("@/components/monitoring/workload-monitoring").then((m) => m.WorkloadMonitoring), { loading: Loading });
export const YamlEditor = dynamic(() => import("./yaml-editor").then((m) => m.YamlEditor), { loading: Loading });

export function PodLogsTab({ cluster, obj }: { cluster: string; obj: PodObject }) {
  return <PodLogs cluster={cluster} pod={obj} />;
}

/** A workload's CPU, memory and replicas (deployments, statefulsets, daemonsets). */
export function MonitoringTab({ cluster, obj, kind }: { cluster: string; obj: KubeObject; kind: KindInfo }) {
  return <WorkloadMonitoring cluster={cluster} namespace={obj.metadata.namespace ?? ""} kind={kind.kind.toLowerCase() as WorkloadKind} name={obj.metadata.name ?? ""} />;
}

export function SecretDataTab({ cluster, obj }: { cluster: string; obj: SecretObject }) {
  return <SecretData cluster={cluster} secret={obj} />;
}

export function ConfigMapDataTab({ obj }: { obj: ConfigMapObject }) {
  return <ConfigMapData configMap={obj} />;
}

/** A link to a pod's logs tab, for its row: offered to those who may read the logs. */
export function LogsLink({ href, name, cluster, ns }: { href: string; name: string; cluster: string; ns: string }) {
  const t = useTranslations("workloads.actions");
  const can = useCan([{ verb: "get", resource: "core/pods/log", cluster, namespace: ns }]);
  if (!can.allowed[0]) return null;
  return (
    <Link
      href={href}
      prefetch={false}
      className="rounded-md px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
      aria-label={`${t("logs")}: ${name}`}
    >
      {t("logs")}
    </Link>
  );
}

/**
 * A secret's YAML holds its values, and the page has none (see
 * withoutSecretValues): as in OpenShift's and KubeSphere's editors, the YAML
 * is the whole object, fetched with the caller's rights when they ask for it —
 * editing a copy without values would save it without them.
 */
export function SecretYaml({ cluster, obj, allowed, pending }: { cluster: string; obj: KubeObject; allowed: boolean; pending: boolean }) {
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
  return <YamlEditor cluster={cluster} target={{ mode: "edit", path: secretPath(ns, name), object: secret.data }} allowed={allowed} pending={pending} />;
}
