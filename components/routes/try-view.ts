import type { TryRouteAnswer } from "@/lib/validations/route";

// The "try it" answer as the tab shows it: the split by version (pods of one
// version together), in the order of most requests first. Pure.

export interface MeasuredShare {
  /** The version, or the pod's name when its answers named no version. */
  label: string;
  count: number;
  pods: number;
}

export function measuredSplit(backends: TryRouteAnswer["backends"]): MeasuredShare[] {
  const by = new Map<string, MeasuredShare>();
  for (const b of backends) {
    const label = b.version ?? b.pod;
    const cur = by.get(label) ?? { label, count: 0, pods: 0 };
    cur.count += b.count;
    cur.pods += 1;
    by.set(label, cur);
  }
  return [...by.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** The versions that answered, sorted: what a test (or a glance) compares. */
export const answeredVersions = (backends: TryRouteAnswer["backends"]): string[] =>
  measuredSplit(backends)
    .filter((s) => s.count > 0)
    .map((s) => s.label)
    .sort();
