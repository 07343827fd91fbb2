/** Kubernetes-style age: "45s", "12m", "3h20m", "5d3h", "400d". */
export function formatAge(ts: string | undefined, now = Date.now()): string {
  if (!ts) return "—";
  const s = Math.max(0, Math.floor((now - Date.parse(ts)) / 1000));
  if (!Number.isFinite(s)) return "—";
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 30) return h % 24 ? `${d}d${h % 24}h` : `${d}d`;
  return `${d}d`;
}

export function ageSeconds(ts: string | undefined, now = Date.now()): number {
  return ts ? Math.floor((now - Date.parse(ts)) / 1000) : -1;
}
