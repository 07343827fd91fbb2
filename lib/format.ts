/**
 * How long ago `ts` was, in the locale's words. English keeps kubectl's compact
 * age ("45s", "12m", "3h20m", "5d3h", "400d"); other locales say it the way
 * Intl.RelativeTimeFormat does in their language ("18分钟前"), in the largest
 * whole unit. Pass `now` from useNow() when rendering on both server and client
 * so both sides print the same text.
 */
export function formatAge(ts: string | undefined, now = Date.now(), locale = "en"): string {
  if (!ts) return "—";
  const s = Math.max(0, Math.floor((now - Date.parse(ts)) / 1000));
  if (!Number.isFinite(s)) return "—";
  if (!locale.startsWith("en")) return relative(locale, s);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 30) return h % 24 ? `${d}d${h % 24}h` : `${d}d`;
  return `${d}d`;
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function relative(locale: string, s: number): string {
  let f = relativeFormats.get(locale);
  if (!f) relativeFormats.set(locale, (f = new Intl.RelativeTimeFormat(locale, { numeric: "always" })));
  if (s < 60) return f.format(-s, "second");
  if (s < 3600) return f.format(-Math.floor(s / 60), "minute");
  if (s < 86400) return f.format(-Math.floor(s / 3600), "hour");
  return f.format(-Math.floor(s / 86400), "day");
}

/**
 * Orders times as their ages do (youngest first; none before all) without
 * reading the clock: a server render and the browser's hydration, moments
 * apart, must sort rows alike (ages floored to seconds tie differently).
 */
export function ageOrder(ts: string | undefined): number {
  const t = ts ? Date.parse(ts) : Number.NaN;
  return Number.isFinite(t) ? -t : Number.NEGATIVE_INFINITY;
}

export function ageSeconds(ts: string | undefined, now = Date.now()): number {
  return ts ? Math.floor((now - Date.parse(ts)) / 1000) : -1;
}
