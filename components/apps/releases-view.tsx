"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useId, useMemo } from "react";
import { type Column, DataTable } from "@/components/table/data-table";
import { Age } from "@/components/ui/age";
import { inputClass } from "@/components/ui/field";
import { QueryView } from "@/components/ui/query-view";
import { EmptyState } from "@/components/ui/states";
import { type ProjectNamespace, projectsQuery } from "@/lib/access/queries";
import { useCan } from "@/lib/access/use-can";
import { type ReleaseView, releaseHref, releasesQuery } from "@/lib/query/apps";
import { helmTime, parsePlace, placeKey } from "./apps-model";
import { ReleaseStatus } from "./release-status";

// The releases of one project on one cluster (chosen among the projects the
// caller sees; the address keeps the choice), as helm lists them for the caller.

const MESSAGES = "apps.releases";

export function Releases() {
  const t = useTranslations(MESSAGES);
  const projects = useQuery(projectsQuery());
  return (
    <QueryView query={projects}>
      {(data) => (data.items.length === 0 ? <EmptyState title={t("noProjects")} /> : <ReadableReleases projects={data.items} />)}
    </QueryView>
  );
}

/**
 * Helm keeps releases in Secrets of the project: only projects where the
 * caller may list Secrets are offered (a viewer would meet helm's 403).
 */
function ReadableReleases({ projects }: { projects: ProjectNamespace[] }) {
  const t = useTranslations(MESSAGES);
  const sp = useSearchParams();
  const can = useCan(projects.map((p) => ({ verb: "list", resource: "core/secrets", cluster: p.cluster, namespace: p.namespace })));
  const items = useMemo(() => projects.filter((_, i) => can.allowed[i]), [projects, can.allowed]);
  const wanted = sp.get("cluster") && sp.get("namespace") ? { cluster: sp.get("cluster")!, namespace: sp.get("namespace")! } : undefined;
  // Until one is chosen: the first project.
  const place = wanted ?? (items[0] ? { cluster: items[0].cluster, namespace: items[0].namespace } : undefined);
  const choose = useCallback((key: string) => {
    const p = parsePlace(key);
    const url = new URL(window.location.href);
    if (p) {
      url.searchParams.set("cluster", p.cluster);
      url.searchParams.set("namespace", p.namespace);
    }
    window.history.replaceState(null, "", url);
  }, []);
  if (can.pending) return null;
  if (!items.length && !wanted) return <EmptyState title={t("noReadableProjects")} />;
  return (
    <div className="space-y-4">
      <ProjectPicker projects={items} value={place ? placeKey(place) : ""} onChange={choose} />
      {place && <ReleasesOf cluster={place.cluster} namespace={place.namespace} />}
    </div>
  );
}

function ProjectPicker({ projects, value, onChange }: { projects: ProjectNamespace[]; value: string; onChange: (key: string) => void }) {
  const t = useTranslations(MESSAGES);
  const id = useId();
  const options = useMemo(() => {
    const out = projects.map((p) => ({ value: placeKey(p), label: `${p.namespace} · ${p.cluster}`, display: p.displayName }));
    // A project named in the address that the list does not hold (yet) stays choosable.
    if (value && !out.some((o) => o.value === value)) out.unshift({ value, label: value.split("/").reverse().join(" · "), display: "" });
    return out.sort((a, b) => a.label.localeCompare(b.label));
  }, [projects, value]);
  return (
    <div className="max-w-xl space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {t("project")}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={inputClass}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.display && o.display !== o.label.split(" · ")[0] ? `${o.label} (${o.display})` : o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function ReleasesOf({ cluster, namespace }: { cluster: string; namespace: string }) {
  const q = useQuery(releasesQuery(cluster, namespace));
  return <QueryView query={q}>{(answer) => <ReleasesTable rows={answer.items} />}</QueryView>;
}

/** Pure: a project's releases. */
export function ReleasesTable({ rows }: { rows: ReleaseView[] }) {
  const t = useTranslations(MESSAGES);
  const columns = useMemo<Column<ReleaseView>[]>(
    () => [
      {
        id: "name",
        header: t("columns.name"),
        width: "minmax(10rem,2fr)",
        cell: (r) => (
          <Link href={releaseHref(r.cluster, r.namespace, r.name)} data-testid={`release-row-${r.name}`} className="font-medium text-sky-800 hover:underline dark:text-sky-300">
            {r.name}
          </Link>
        ),
        sortValue: (r) => r.name,
      },
      { id: "status", header: t("columns.status"), width: "9rem", cell: (r) => <ReleaseStatus status={r.status} />, sortValue: (r) => r.status },
      {
        id: "chart",
        header: t("columns.chart"),
        width: "minmax(9rem,1.5fr)",
        cell: (r) => (
          <span className="font-mono text-xs">
            {r.chart} {r.chartVersion}
          </span>
        ),
        sortValue: (r) => `${r.chart} ${r.chartVersion}`,
      },
      { id: "appVersion", header: t("columns.appVersion"), width: "8rem", cell: (r) => <span className="font-mono text-xs">{r.appVersion || "—"}</span>, sortValue: (r) => r.appVersion, hideBelow: 40 },
      { id: "revision", header: t("columns.revision"), width: "7rem", cell: (r) => r.revision, sortValue: (r) => r.revision },
      { id: "updated", header: t("columns.updated"), width: "7rem", cell: (r) => <Age ts={helmTime(r.updated)} />, sortValue: (r) => helmTime(r.updated) ?? "" },
    ],
    [t],
  );
  return <DataTable rows={rows} columns={columns} rowKey={(r) => r.name} label={t("title")} initialSort={{ id: "name", desc: false }} empty={t("empty")} />;
}
