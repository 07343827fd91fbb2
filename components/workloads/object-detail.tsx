"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Tabs } from "@/components/ui/tabs";
import { EventsTableView } from "@/components/cluster/events-table";
import { LiveIndicator } from "@/components/cluster/live-indicator";
import type { KindModule } from "@/components/kinds/kind";
import { kindBySlug } from "@/components/kinds/registry";
import { Loading } from "@/components/ui/loading";
import { EmptyState } from "@/components/ui/states";
import { useCan } from "@/lib/access/use-can";
import { useLiveList } from "@/lib/client/use-live-list";
import { objectEventsPath, singleObjectListPath, toneOf } from "@/lib/k8s/kinds/common";
import type { EventObject } from "@/lib/k8s/kinds/event";
import { listHref } from "@/lib/k8s/kinds/kind";
import type { KubeObject } from "@/lib/k8s/types";
import { ObjectActions } from "./actions";
import { StatusBadge } from "./columns";
import { YamlEditor } from "./detail-tabs";
import { LiveSection } from "./live-section";
import { ObjectSummary } from "./object-summary";
import { useKindCan } from "./use-kind-can";

function ObjectEvents({ cluster, ns, kind, name }: { cluster: string; ns: string; kind: string; name: string }) {
  const { items, state } = useLiveList<EventObject>(cluster, objectEventsPath(ns, kind, name));
  return <EventsTableView cluster={cluster} events={items} toolbar={<LiveIndicator state={state} />} />;
}

function YamlTab({ cluster, kind, obj }: { cluster: string; kind: KindModule; obj: KubeObject }) {
  const ns = obj.metadata.namespace ?? "";
  const can = useKindCan(cluster, ns, kind);
  if (kind.yamlTab) return <kind.yamlTab cluster={cluster} obj={obj} allowed={can.update} pending={can.pending} />;
  // Objects of a list carry no apiVersion and kind (the list does): the editor's object must.
  const object = { apiVersion: kind.apiVersion, kind: kind.kind, ...obj };
  return <YamlEditor cluster={cluster} target={{ mode: "edit", path: kind.objectPath(ns, obj.metadata.name ?? ""), object }} allowed={can.update} pending={can.pending} />;
}

/**
 * The tabs of an object's page the caller may open: a tab whose reads would be
 * refused (a pod's logs, a workload's monitoring, the events) is not offered.
 * Until the answer is in, only the tabs that need nothing more are.
 */
function useOfferedTabs(cluster: string, ns: string, kind: KindModule) {
  const gated = [...(kind.tabs ?? []).flatMap((x) => (x.requires ? [{ key: x.key, ...x.requires }] : [])), { key: "events", verb: "list", resource: "core/events" }];
  const { allowed, pending } = useCan(gated.map(({ verb, resource }) => ({ verb, resource, cluster, namespace: ns })));
  const refused = new Set(gated.filter((_, i) => !allowed[i]).map((g) => g.key));
  return { has: (k: string) => !refused.has(k), pending };
}

/**
 * An object's page: what it is and how it is doing, what belongs to it, the
 * tabs its kind adds, its events and its YAML, and the actions on it. The
 * object stays live (a watch of it alone); when it is deleted the page says so.
 */
export function ObjectDetail({ cluster, ns, slug, name, initialTab }: { cluster: string; ns: string; slug: string; name: string; initialTab?: string }) {
  const kind = kindBySlug(slug);
  return kind ? <KindObjectDetail cluster={cluster} ns={ns} kind={kind} name={name} initialTab={initialTab} /> : null;
}

function KindObjectDetail({ cluster, ns, kind, name, initialTab }: { cluster: string; ns: string; kind: KindModule; name: string; initialTab?: string }) {
  const t = useTranslations("workloads.detail");
  const tk = useTranslations("workloads.kind");
  const tks = useTranslations("workloads.kinds");
  const router = useRouter();
  const { items, state } = useLiveList<KubeObject>(cluster, singleObjectListPath(kind.listPath(ns), name));
  const obj = items.find((o) => o.metadata.name === name);
  const can = useKindCan(cluster, ns, kind);
  const all = ["overview", ...(kind.tabs ?? []).map((x) => x.key), "events", "yaml"];
  const offered = useOfferedTabs(cluster, ns, kind);
  const tabs = all.filter((k) => offered.has(k));
  const [chosen, setTab] = useState(() => (initialTab && all.includes(initialTab) ? initialTab : "overview"));
  // A tab asked for in the address waits for the permission answer; one refused falls back to the overview.
  const tab = offered.has(chosen) ? chosen : offered.pending ? chosen : "overview";
  const select = (k: string) => {
    setTab(k);
    // Keep the tab in the address so it survives a reload and can be shared.
    const url = new URL(window.location.href);
    if (k === "overview") url.searchParams.delete("tab");
    else url.searchParams.set("tab", k);
    window.history.replaceState(null, "", url);
  };

  if (!obj) {
    const Gone = kind.gone;
    return (
      <div data-testid="object-gone" className="space-y-6">
        <EmptyState title={t("gone", { kind: tk(kind.kind), name })}>
          <Link href={listHref(cluster, ns, kind.slug)} className="text-sky-700 hover:underline dark:text-sky-300">
            {t("backToList", { kinds: tks(kind.slug) })}
          </Link>
        </EmptyState>
        {Gone && <Gone cluster={cluster} ns={ns} name={name} />}
      </div>
    );
  }
  const status = kind.status?.(obj);
  const Related = kind.related;
  const Extra = kind.tabs?.find((x) => x.key === tab)?.render;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-semibold">
          <span className="text-slate-500 dark:text-slate-400">{tk(kind.kind)}</span> <span className="font-mono">{name}</span>
        </h2>
        {status && (
          <span data-testid="object-status" data-status={status}>
            <StatusBadge status={status} tone={(kind.tone ?? toneOf)(status)} />
          </span>
        )}
        <LiveIndicator state={state} />
        <div className="ml-auto">
          <ObjectActions cluster={cluster} info={kind} obj={obj} can={can} onDeleted={() => router.push(listHref(cluster, ns, kind.slug))} />
        </div>
      </div>
      <Tabs label={t("tabsLabel")} tabs={tabs.map((k) => ({ key: k, label: t(`tab.${k}`) }))} selected={tab} onSelect={select}>
        {!offered.has(tab) && <Loading />}
        {tab === "overview" && (
          <div className="space-y-6">
            <ObjectSummary cluster={cluster} kind={kind} obj={obj} />
            {Related && <Related cluster={cluster} obj={obj} />}
          </div>
        )}
        {Extra && offered.has(tab) && <Extra cluster={cluster} obj={obj} kind={kind} />}
        {tab === "events" && offered.has(tab) && (
          <LiveSection>
            <ObjectEvents cluster={cluster} ns={ns} kind={kind.kind} name={name} />
          </LiveSection>
        )}
        {tab === "yaml" && <YamlTab cluster={cluster} kind={kind} obj={obj} />}
      </Tabs>
    </div>
  );
}
