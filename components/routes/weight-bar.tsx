import { roundedPercents } from "@/lib/k8s/kinds/httproute";

// A stacked bar of how traffic splits between backends, with each share as a
// label. No hooks: kind columns (read by server pages too) draw it.

const COLOURS = ["bg-sky-600", "bg-emerald-500", "bg-amber-500", "bg-violet-500", "bg-rose-500", "bg-slate-400"];

export interface Segment {
  label: string;
  weight: number;
}

/**
 * `compact`: one thin bar with short labels, for table cells. The percents are
 * whole and add up to 100 (0 for every segment when all weights are 0).
 */
export function WeightBar({ segments, compact, label, testId }: { segments: Segment[]; compact?: boolean; label?: string; testId?: string }) {
  const pct = roundedPercents(segments.map((s) => s.weight));
  const text = segments.map((s, i) => `${s.label} ${pct[i]} %`).join(", ");
  return (
    <div className={compact ? "min-w-0 space-y-0.5" : "space-y-1.5"} data-testid={testId}>
      <div
        role="img"
        aria-label={label ? `${label}: ${text}` : text}
        title={text}
        className={`flex w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700 ${compact ? "h-1.5" : "h-3"}`}
      >
        {segments.map((s, i) =>
          pct[i] > 0 ? <span key={`${s.label}-${i}`} className={`${COLOURS[i % COLOURS.length]} h-full`} style={{ width: `${pct[i]}%` }} /> : null,
        )}
      </div>
      <ul className={`flex flex-wrap gap-x-3 gap-y-0.5 ${compact ? "text-[11px] leading-4" : "text-xs"} text-slate-600 dark:text-slate-300`} aria-hidden>
        {segments.map((s, i) => (
          <li key={`${s.label}-${i}`} className="flex min-w-0 items-center gap-1" data-share={pct[i]}>
            <span className={`inline-block h-2 w-2 shrink-0 rounded-full ${COLOURS[i % COLOURS.length]}`} />
            <span className="truncate font-mono">{s.label}</span>
            <span className="tabular-nums font-medium">{pct[i]} %</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
