import type { ReactNode } from "react";
import { type Segment, WeightBar } from "@/components/routes/weight-bar";
import { StatusBadge } from "@/components/workloads/columns";
import { type Tone, toneOf } from "@/lib/k8s/kinds/common";
import type { KindColumn } from "./kind";

// Column and value helpers the kind modules share. No hooks: the modules are
// read by server pages too; what needs the locale is a client component.

/** A monospaced value, or a dash. */
export const mono = (s: string | undefined) => (s ? <span className="font-mono text-xs">{s}</span> : "—");

/** One value a line, monospaced, or a dash. */
export const lines = (items: string[]) =>
  items.length ? (
    <ul className="space-y-0.5 font-mono text-xs">
      {items.map((i) => (
        <li key={i}>{i}</li>
      ))}
    </ul>
  ) : (
    "—"
  );

/** A plain column of a number or a word, sorted by it. */
export function valueColumn<T>(id: string, label: string, width: string, value: (o: T) => string | number): KindColumn<T> {
  return { id, label, width, cell: (o) => (value(o) === "" ? "—" : value(o)), sortValue: value };
}

/** A monospaced text column (IPs, selectors, keys). */
export function monoColumn<T>(id: string, label: string, width: string, value: (o: T) => string): KindColumn<T> {
  return { id, label, width, cell: (o) => <span className="font-mono text-xs">{value(o) || "—"}</span>, sortValue: value };
}

/** Names as one comma-separated line with all of them in the tooltip, filtered by each; sorted by how many. */
export function namesColumn<T>(id: string, label: string, names: (o: T) => string[]): KindColumn<T> {
  return {
    id,
    label,
    width: "minmax(10rem,2fr)",
    cell: (o) => (
      <span className="font-mono text-xs" title={names(o).join("\n")}>
        {names(o).join(", ") || "—"}
      </span>
    ),
    sortValue: (o) => names(o).length,
    filterValue: (o) => names(o).join(" "),
  };
}

export function imagesColumn<T>(images: (o: T) => string[]): KindColumn<T> {
  return {
    id: "images",
    label: "images",
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

/** The kind's one-word status as a coloured, translated badge. */
export function statusColumn<T>(status: (o: T) => string, opts: { width?: string; tone?: (s: string) => Tone; title?: (o: T) => string | undefined; wrap?: (o: T, badge: ReactNode) => ReactNode } = {}): KindColumn<T> {
  const tone = opts.tone ?? toneOf;
  return {
    id: "status",
    label: "status",
    width: opts.width ?? "8rem",
    cell: (o) => {
      const s = status(o);
      const badge = <StatusBadge status={s} tone={tone(s)} title={opts.title?.(o)} />;
      return opts.wrap ? opts.wrap(o, badge) : badge;
    },
    sortValue: status,
  };
}

/** A ready count ("2/3") with the test hook the browser tests read. */
export function readyColumn<T>(text: (o: T) => string, ready: (o: T) => number, testId = "ready-replicas", width = "6rem"): KindColumn<T> {
  return { id: "ready", label: "ready", width, cell: (o) => <span data-testid={testId}>{text(o)}</span>, sortValue: ready };
}

/**
 * How traffic splits between backends: a small stacked bar with the shares of
 * the first rule with backends (rows are one line high), "+n" for the other
 * rules; filtered by the backends' names.
 */
export function sharesColumn<T>(id: string, label: string, rules: (o: T) => Segment[][]): KindColumn<T> {
  return {
    id,
    label,
    width: "minmax(12rem,2fr)",
    cell: (o) => {
      const all = rules(o).filter((r) => r.length > 0);
      if (!all.length) return "—";
      return (
        <div className="flex w-full min-w-0 items-center gap-2">
          <div className="min-w-0 flex-1">
            <WeightBar segments={all[0]} compact />
          </div>
          {all.length > 1 && <span className="shrink-0 text-xs text-slate-500">+{all.length - 1}</span>}
        </div>
      );
    },
    filterValue: (o) => rules(o).flatMap((r) => r.map((s) => s.label)).join(" "),
  };
}
