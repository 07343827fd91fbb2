"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { Column } from "@/components/table/data-table";
import { Badge, type Tone } from "@/components/ui/status-badge";
import type { KubeObject } from "@/lib/k8s/types";

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

/**
 * The name column, linking to the object's page; marks the row with `testId`.
 * Row links do not prefetch: a long table would ask the server for every
 * object's page it scrolls past.
 */
export function linkNameColumn<T extends KubeObject>(header: string, href: (o: T) => string, testId: (o: T) => string): Column<T> {
  return {
    id: "name",
    header,
    width: "minmax(12rem,2fr)",
    cell: (o) => (
      <>
        <RowTestId id={testId(o)} />
        <Link href={href(o)} prefetch={false} className="font-medium text-sky-800 hover:underline dark:text-sky-300">
          {o.metadata.name}
        </Link>
      </>
    ),
    sortValue: (o) => o.metadata.name ?? "",
  };
}

export function imagesColumn<T>(header: string, images: (o: T) => string[]): Column<T> {
  return {
    id: "images",
    header,
    width: "minmax(12rem,2fr)",
    cell: (o) => {
      const list = images(o);
      return (
        <span className="font-mono text-xs" title={list.join("\n")}>
          {list.join(", ") || "—"}
        </span>
      );
    },
    sortValue: (o) => images(o).join(","),
  };
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

const TONES: Record<string, Tone> = {
  Available: "green",
  Ready: "green",
  Running: "green",
  Complete: "green",
  Bound: "green",
  Active: "green",
  Progressing: "sky",
  Updating: "sky",
  Pending: "amber",
  Paused: "amber",
  Suspended: "amber",
  NotReady: "amber",
  ScaledDown: "slate",
  Terminating: "slate",
  Failed: "red",
  Lost: "red",
};

export const toneOf = (status: string): Tone => TONES[status] ?? "slate";

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
