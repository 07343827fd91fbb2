"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { kubeGet } from "@/lib/client/kube";

// While helm waits: the release's pods as they come up (charts label them
// app.kubernetes.io/instance=<release>, Helm's convention), read as the user every second.

interface PodList {
  items: { metadata: { name: string }; status?: { phase?: string; conditions?: { type: string; status: string }[] } }[];
}

export function podsReady(list: PodList): { ready: number; total: number } {
  const ready = list.items.filter((p) => p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")).length;
  return { ready, total: list.items.length };
}

export function ReleasePodsProgress({ cluster, namespace, release }: { cluster: string; namespace: string; release: string }) {
  const t = useTranslations("apps.install");
  const selector = encodeURIComponent(`app.kubernetes.io/instance=${release}`);
  const q = useQuery({
    queryKey: ["apps", "progress", cluster, namespace, release],
    queryFn: ({ signal }) => kubeGet<PodList>(cluster, `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods?labelSelector=${selector}`, signal),
    refetchInterval: 1000,
    retry: false,
  });
  if (!q.data) return null;
  const { ready, total } = podsReady(q.data);
  return (
    <span data-testid="helm-pods" className="text-xs text-slate-500 dark:text-slate-400">
      {total ? t("podsReady", { ready, total }) : t("podsNone")}
    </span>
  );
}
