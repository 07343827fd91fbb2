// Series colours readable on white and on slate-950, in an order where
// neighbours differ in hue (Tailwind 500/400 shades).

const LIGHT = ["#0284c7", "#d97706", "#059669", "#7c3aed", "#db2777", "#0891b2", "#65a30d", "#ea580c", "#4f46e5", "#0d9488"];
const DARK = ["#38bdf8", "#fbbf24", "#34d399", "#a78bfa", "#f472b6", "#22d3ee", "#a3e635", "#fb923c", "#818cf8", "#2dd4bf"];

export type LineRole = "series" | "limit" | "request";

export function seriesColor(i: number, dark: boolean): string {
  const p = dark ? DARK : LIGHT;
  return p[i % p.length];
}

/** Capacity and quota lines: red, dashed; requests: slate. */
export function roleColor(role: Exclude<LineRole, "series">, dark: boolean): string {
  if (role === "limit") return dark ? "#f87171" : "#dc2626";
  return dark ? "#94a3b8" : "#475569";
}

export function axisColors(dark: boolean) {
  return dark ? { text: "#94a3b8", grid: "rgba(148,163,184,0.15)", cursor: "#64748b" } : { text: "#475569", grid: "rgba(100,116,139,0.15)", cursor: "#94a3b8" };
}
