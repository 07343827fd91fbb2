"use client";

import { useTranslations } from "next-intl";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { apiFetch } from "@/lib/client/api";
import { clustersKey } from "@/lib/clusters/queries";
import type { ClusterView } from "@/lib/validations/cluster";

/** Removing a registration: the name typed to confirm; already gone counts as done. */
export function RemoveClusterDialog({ cluster, onClose }: { cluster: ClusterView | undefined; onClose: () => void }) {
  const t = useTranslations("clusters.remove");
  const spec = cluster && {
    id: cluster.name,
    title: t("title", { name: cluster.name }),
    body: (
      <>
        <p>{t("body", { name: cluster.name, displayName: cluster.displayName })}</p>
        {cluster.health.status !== "Ready" && <p className="mt-4 text-slate-500 dark:text-slate-400">{t("unreachableNote")}</p>}
      </>
    ),
    submit: t("submit"),
    submitting: t("removing"),
    failed: t("failed"),
    typeToConfirm: { value: cluster.name, label: t("confirmLabel", { name: cluster.name }) },
    action: () => apiFetch<void>(`/api/clusters/${encodeURIComponent(cluster.name)}`, { method: "DELETE" }),
  };
  return <ConfirmDialog spec={spec} onClose={onClose} invalidate={[clustersKey]} />;
}
