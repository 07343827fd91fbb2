"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { KindModule } from "@/components/kinds/kind";
import { Badge } from "@/components/ui/status-badge";
import { Age } from "@/components/ui/age";
import { useAge } from "@/lib/client/use-now";
import type { Condition } from "@/lib/k8s/kinds/common";
import type { KubeObject } from "@/lib/k8s/types";
import { LabelChips, OwnerLink } from "./columns";

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
                <td className="px-3 py-2 whitespace-nowrap"><Age ts={c.lastTransitionTime ?? c.lastUpdateTime} /></td>
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

/** The properties of an object: what matters for its kind (its module's summary fields), then common metadata. */
export function ObjectSummary({ cluster, kind, obj }: { cluster: string; kind: KindModule; obj: KubeObject }) {
  const t = useTranslations("workloads.detail");
  const format = useFormatter();
  const age = useAge();
  const created = obj.metadata.creationTimestamp;
  const common: Row[] = [
    [t("namespace"), obj.metadata.namespace],
    [t("created"), created ? <span title={format.dateTime(new Date(created), { dateStyle: "medium", timeStyle: "medium" })}>{t("ago", { age: age(created) })}</span> : "—"],
    [t("owner"), <OwnerLink key="owner" cluster={cluster} obj={obj} />],
  ];
  const rows: Row[] = kind.summary.map((f) => [t(f.label), f.value(obj, { cluster })]);
  return (
    <div className="space-y-5" data-testid="object-summary">
      <Problem message={kind.problem?.(obj)} />
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
      <ConditionsTable conditions={kind.conditions?.(obj)} />
    </div>
  );
}
