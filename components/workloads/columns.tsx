"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { Badge, type Tone } from "@/components/ui/status-badge";
import { useAge } from "@/lib/client/use-now";
import { controllerOf } from "@/lib/k8s/kinds/common";
import { detailHref } from "@/lib/k8s/kinds/kind";
import type { KubeObject } from "@/lib/k8s/types";
import { definedKindByName } from "@/components/kinds/kind";

/**
 * Puts a data-testid on the table row around it (DataTable renders the row
 * element itself), so tests can address "deployment-row-web" and what is in it.
 */
export function RowTestId({ id }: { id: string }) {
  return (
    <span
      hidden
      data-row-testid={id}
      ref={(el) => {
        el?.closest('[role="row"]')?.setAttribute("data-testid", id);
      }}
    />
  );
}

/** A status label: translated when the word is known, else as Kubernetes said it (e.g. CrashLoopBackOff). */
export function useStatusLabel() {
  const t = useTranslations("workloads.status");
  return useCallback((s: string) => (t.has(s) ? t(s) : s), [t]);
}

export function StatusBadge({ status, tone, title }: { status: string; tone: Tone; title?: string }) {
  const label = useStatusLabel();
  return (
    <Badge tone={tone} title={title}>
      {label(status)}
    </Badge>
  );
}

/** Labels as small chips. */
export function LabelChips({ labels }: { labels: Record<string, string> | undefined }) {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {entries.map(([k, v]) => (
        <li key={k} className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
          {k}={v}
        </li>
      ))}
    </ul>
  );
}

/** "3 h ago", or "never" when there is no time. */
export function Ago({ time }: { time: string | undefined }) {
  const t = useTranslations("workloads.detail");
  const age = useAge();
  return <>{time ? t("ago", { age: age(time) }) : t("never")}</>;
}

export function YesNo({ value }: { value: boolean | undefined }) {
  const t = useTranslations("workloads.detail");
  return <>{value ? t("yes") : t("no")}</>;
}

/** Who controls this object, linked when it is a kind we show; `short`: just the name (in a table of one owner kind). */
export function OwnerLink({ cluster, obj, short }: { cluster: string; obj: KubeObject; short?: boolean }) {
  const o = controllerOf(obj);
  if (!o) return <>—</>;
  const k = definedKindByName(o.kind);
  return k ? (
    <Link href={detailHref(cluster, obj.metadata.namespace ?? "", k.slug, o.name)} prefetch={short ? false : undefined} className="text-sky-800 hover:underline dark:text-sky-300">
      {short ? o.name : `${o.kind}/${o.name}`}
    </Link>
  ) : (
    <>
      {o.kind}/{o.name}
    </>
  );
}
