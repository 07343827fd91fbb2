"use client";

import { useQueries } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { useErrorTitle } from "@/components/ui/query-view";
import { EventsTableView } from "@/components/cluster/events-table";
import { LiveIndicator } from "@/components/cluster/live-indicator";
import { kubeGet } from "@/lib/client/kube";
import { useLiveList } from "@/lib/client/use-live-list";
import { ageOrder } from "@/lib/format";
import { namespaceEventsPath, withQuery } from "@/lib/k8s/kinds/common";
import { type EventObject, eventTime } from "@/lib/k8s/kinds/event";
import { deployments } from "@/components/kinds/deployment";
import { pods } from "@/components/kinds/pod";
import { listHref } from "@/lib/k8s/kinds/kind";
import type { KubeList } from "@/lib/k8s/types";
import { KindTable } from "./kind-table";
import { LiveSection } from "./live-section";
import { useReadableKinds } from "./use-readable-kinds";
const RECENT_EVENTS = 20;

/** How many objects a list holds, from one item and the server's count of the rest ("12+" when it did not say). */
function countOf(l: KubeList): string {
  const n = l.items.length + (l.metadata.remainingItemCount ?? 0);
  return l.metadata.continue && l.metadata.remainingItemCount === undefined ? `${n}+` : String(n);
}

function Counts({ cluster, ns }: { cluster: string; ns: string }) {
  const t = useTranslations("workloads.overview");
  const tk = useTranslations("workloads.kinds");
  const errorTitle = useErrorTitle();
  const { kinds } = useReadableKinds(cluster, ns);
  const qs = useQueries({
    queries: kinds.map((k) => {
      const path = withQuery(k.listPath(ns), { limit: 1 });
      return { queryKey: ["k8s", cluster, "count", path], queryFn: ({ signal }: { signal: AbortSignal }) => kubeGet<KubeList>(cluster, path, signal), staleTime: 15_000, retry: false };
    }),
  });
  return (
    <section aria-labelledby="counts-title" className="space-y-2">
      <h2 id="counts-title" className="text-base font-semibold">
        {t("counts")}
      </h2>
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">
        {kinds.map(({ slug: s }, i) => {
          const q = qs[i];
          const value = q.isPending ? "…" : q.isError ? "—" : countOf(q.data);
          return (
            <li key={s}>
              <Link
                href={listHref(cluster, ns, s)}
                className="block rounded-lg border border-slate-200 p-3 hover:border-sky-400 hover:bg-sky-50/50 dark:border-slate-700 dark:hover:bg-slate-800/50"
                title={q.isError ? `${errorTitle(q.error)} ${q.error.message}` : undefined}
              >
                <span className="block text-xs text-slate-500 dark:text-slate-400">{tk(s)}</span>
                <span className="text-2xl font-semibold" data-testid={`count-${s}`} aria-busy={q.isPending}>
                  {value}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function RecentEvents({ cluster, ns }: { cluster: string; ns: string }) {
  const { items, state } = useLiveList<EventObject>(cluster, namespaceEventsPath(ns));
  const recent = useMemo(() => [...items].sort((a, b) => ageOrder(eventTime(a)) - ageOrder(eventTime(b))).slice(0, RECENT_EVENTS), [items]);
  return <EventsTableView cluster={cluster} events={recent} toolbar={<LiveIndicator state={state} />} />;
}

/** A namespace's workloads at a glance: counts per kind, its deployments and pods, what happened lately. */
export function WorkloadsOverview({ cluster, ns }: { cluster: string; ns: string }) {
  const t = useTranslations("workloads.overview");
  const tk = useTranslations("workloads.kinds");
  return (
    <div className="space-y-6">
      <Counts cluster={cluster} ns={ns} />
      <section aria-labelledby="ov-deployments" className="space-y-2">
        <h2 id="ov-deployments" className="text-base font-semibold">
          <Link href={listHref(cluster, ns, deployments.slug)} className="hover:underline">
            {tk(deployments.slug)}
          </Link>
        </h2>
        <LiveSection>
          <KindTable kind={deployments} cluster={cluster} ns={ns} compact />
        </LiveSection>
      </section>
      <section aria-labelledby="ov-pods" className="space-y-2">
        <h2 id="ov-pods" className="text-base font-semibold">
          <Link href={listHref(cluster, ns, pods.slug)} className="hover:underline">
            {tk(pods.slug)}
          </Link>
        </h2>
        <LiveSection>
          <KindTable kind={pods} cluster={cluster} ns={ns} compact />
        </LiveSection>
      </section>
      <section aria-labelledby="ov-events" className="space-y-2">
        <h2 id="ov-events" className="text-base font-semibold">
          {t("recentEvents")}
        </h2>
        <LiveSection>
          <RecentEvents cluster={cluster} ns={ns} />
        </LiveSection>
      </section>
    </div>
  );
}
