"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";
import { Badge, type Tone } from "@/components/ui/status-badge";
import { clustersQuery } from "@/lib/clusters/queries";
import type { ClusterResult } from "./project-api";

const PHASE_TONE: Record<string, Tone> = { Active: "green", Provisioning: "sky", Terminating: "amber", Missing: "red" };

/** "Active", "Provisioning", "Terminating" or "Missing", translated; anything else as it is. */
export function usePhaseLabel() {
  const t = useTranslations("projects.phase");
  return useCallback((phase: string) => (t.has(phase) ? t(phase) : phase), [t]);
}

export function PhaseBadge({ phase, title }: { phase: string; title?: string }) {
  const label = usePhaseLabel();
  return (
    <Badge tone={PHASE_TONE[phase] ?? "slate"} title={title}>
      {label(phase)}
    </Badge>
  );
}

const PHASE_DOT: Record<string, string> = { Active: "bg-emerald-500", Provisioning: "bg-sky-500", Terminating: "bg-amber-500", Missing: "bg-red-500" };

/** A cluster of a project with its phase: a coloured dot, and the phase in words unless it is Active. */
export function ClusterPhaseChip({ cluster, label, phase }: { cluster: string; label: string; phase: string }) {
  const t = useTranslations("projects");
  const phaseLabel = usePhaseLabel();
  return (
    <span
      data-phase={phase}
      data-cluster={cluster}
      title={t("list.clusterPhase", { cluster: label, phase: phaseLabel(phase) })}
      className="inline-flex shrink-0 items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-500/20 dark:bg-slate-800 dark:text-slate-300"
    >
      <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${PHASE_DOT[phase] ?? "bg-slate-400"}`} />
      {label}
      {phase === "Active" ? <span className="sr-only">{t("list.phaseSuffix", { phase: phaseLabel(phase) })}</span> : <span>{t("list.phaseSuffix", { phase: phaseLabel(phase) })}</span>}
    </span>
  );
}

/** Display names of the clusters the caller may use (prefetched by the console layout). */
export function useClusterLabel() {
  const q = useQuery(clustersQuery());
  const names = useMemo(() => new Map((q.data?.items ?? []).map((c) => [c.name, c.displayName || c.name] as const)), [q.data]);
  return useCallback((name: string) => names.get(name) ?? name, [names]);
}

/** What a write did on each cluster: a project spans several, and each may fail on its own. */
export function ClusterResults({ results, heading }: { results: ClusterResult[]; heading: string }) {
  const t = useTranslations("projects.results");
  const clusterLabel = useClusterLabel();
  if (!results.length) return null;
  const failed = results.filter((r) => !r.ok).length;
  return (
    <section
      aria-label={heading}
      role={failed ? "alert" : "status"}
      className={`rounded-md border p-3 text-sm ${failed ? "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950/30" : "border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950/30"}`}
    >
      <p className="font-medium">{heading}</p>
      <ul className="mt-2 space-y-1">
        {results.map((r) => (
          <li key={r.cluster} data-testid={`cluster-result-${r.cluster}`} data-ok={r.ok} className="flex flex-wrap items-baseline gap-2">
            <Badge tone={r.ok ? "green" : "red"}>{r.ok ? t("ok") : t("failed")}</Badge>
            <span className="font-medium">{clusterLabel(r.cluster)}</span>
            {r.error && <span className="text-red-700 dark:text-red-400">{r.error}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
