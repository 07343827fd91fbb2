"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorState } from "@/components/ui/states";
import { ApiClientError, apiFetch } from "@/lib/client/api";
import { clustersKey } from "@/lib/clusters/queries";
import type { ClusterView } from "@/lib/validations/cluster";
import { ConfirmNameInput } from "@/components/ui/confirm-name-input";

export function RemoveClusterDialog({ cluster, onClose }: { cluster: ClusterView | undefined; onClose: () => void }) {
  const t = useTranslations("clusters.remove");
  return (
    <Dialog open={!!cluster} onClose={onClose} title={t("title", { name: cluster?.name ?? "" })}>
      {cluster && <RemoveClusterForm key={cluster.name} cluster={cluster} onDone={onClose} />}
    </Dialog>
  );
}

function RemoveClusterForm({ cluster, onDone }: { cluster: ClusterView; onDone: () => void }) {
  const t = useTranslations("clusters.remove");
  const tc = useTranslations("common");
  const qc = useQueryClient();
  const [typed, setTyped] = useState("");
  const remove = useMutation({
    mutationFn: () => apiFetch<void>(`/api/clusters/${encodeURIComponent(cluster.name)}`, { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: clustersKey }),
  });
  const confirmed = typed.trim() === cluster.name;
  const pending = remove.isPending;

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!confirmed || pending) return;
    remove.mutate(undefined, {
      onSuccess: () => onDone(),
      onError: (err) => {
        // Already gone (removed elsewhere): what the user wanted.
        if (err instanceof ApiClientError && err.status === 404) onDone();
      },
    });
  };

  const showError = remove.isError && !(remove.error instanceof ApiClientError && remove.error.status === 404);
  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-busy={pending}>
      {showError && <ErrorState title={t("failed")} message={remove.error.message} />}
      <p className="text-sm">{t("body", { name: cluster.name, displayName: cluster.displayName })}</p>
      {cluster.health.status !== "Ready" && <p className="text-sm text-slate-500 dark:text-slate-400">{t("unreachableNote")}</p>}
      <ConfirmNameInput label={t("confirmLabel", { name: cluster.name })} value={typed} onChange={setTyped} disabled={pending} />
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
        <Button onClick={onDone}>{tc("cancel")}</Button>
        <Button type="submit" variant="danger" disabled={!confirmed || pending}>
          {pending ? t("removing") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
