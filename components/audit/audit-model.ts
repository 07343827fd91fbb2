import type { Tone } from "@/components/ui/status-badge";
import { ApiClientError } from "@/lib/client/api";
import type { AuditEvent } from "@/lib/validations/audit";

// The audit page's logic without React: its filters as the address keeps
// them and as GET /api/audit takes them, export links, and how rows read.
// Types only from lib/validations/audit.ts: its values would bring zod along.

export type AuditResult = AuditEvent["result"];
export const RESULTS = ["allowed", "refused", "failed"] as const satisfies readonly AuditResult[];

/** The filters, in the order the address and the API query list them. */
export const FILTER_KEYS = ["user", "tenant", "cluster", "namespace", "verb", "resource", "result", "since", "until", "q"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type AuditFilters = Partial<Record<FilterKey, string>>;

/** Rows per request; the API allows up to 500, a screen shows far fewer. */
export const PAGE_SIZE = 100;
/** Rows the page holds before it asks for narrower filters or an export instead of another page. */
export const MAX_ROWS = 2_000;

const isResult = (v: string): v is AuditResult => (RESULTS as readonly string[]).includes(v);

/** The filters a search string (the address's) sets; unknown keys, empty values and unknown results are left out. */
export function filtersFromSearch(sp: Pick<URLSearchParams, "get">): AuditFilters {
  const out: AuditFilters = {};
  for (const k of FILTER_KEYS) {
    const v = sp.get(k)?.trim();
    if (!v) continue;
    if (k === "result" && !isResult(v)) continue;
    out[k] = v;
  }
  return out;
}

/** The filters as search parameters, empty ones left out, always in the same order (equal filters, equal strings). */
export function filtersToSearch(f: AuditFilters): URLSearchParams {
  const sp = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = f[k]?.trim();
    if (v) sp.set(k, v);
  }
  return sp;
}

export function hasFilters(f: AuditFilters): boolean {
  return filtersToSearch(f).size > 0;
}

export function sameFilters(a: AuditFilters, b: AuditFilters): boolean {
  return filtersToSearch(a).toString() === filtersToSearch(b).toString();
}

/** GET /api/audit with the filters and, for a page, where the previous one ended. */
export function auditPath(f: AuditFilters, extra: { cursor?: string; limit?: number; format?: "csv" | "jsonl" } = {}): string {
  const sp = filtersToSearch(f);
  if (extra.cursor) sp.set("cursor", extra.cursor);
  if (extra.limit) sp.set("limit", String(extra.limit));
  if (extra.format) sp.set("format", extra.format);
  return `/api/audit${sp.size ? `?${sp}` : ""}`;
}

/** The same query as a file: the browser downloads it with the session cookie, every matching row the caller may see. */
export function exportHref(f: AuditFilters, format: "csv" | "jsonl"): string {
  return auditPath(f, { format });
}

export function resultTone(r: AuditResult): Tone {
  return r === "allowed" ? "green" : r === "refused" ? "red" : "amber";
}

/** "tenant · cluster/namespace" with what the row has; "" when it names no place (a console-wide call). */
export function placeOf(e: Pick<AuditEvent, "tenant" | "cluster" | "namespace">): string {
  const where = [e.cluster, e.namespace].filter(Boolean).join("/");
  return [e.tenant, where].filter(Boolean).join(" · ");
}

/** What GET /api/healthz answers; `audit` only when the trail is on. */
export interface HealthAnswer {
  status: string;
  reasons?: string[];
  audit?: { ready: boolean; failing: boolean; queued?: number; dropped?: number; lastError?: string };
}

/**
 * Whether a failed read of the trail means the console has no database. Its
 * answer names the setting; other 503s (a host cluster that does not answer)
 * are ordinary errors, unless the probe, up and serving, has no trail to report.
 */
export function isTrailOff(err: unknown, health?: HealthAnswer): boolean {
  if (!(err instanceof ApiClientError) || err.status !== 503 || err.code !== "unavailable") return false;
  return err.message.includes("PILOTHOUSE_DATABASE_URL") || (health?.status === "ok" && !health.audit);
}

// ---- since/until: instants in the address, wall times in the inputs ----

interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();

function wallFormat(tz: string): Intl.DateTimeFormat {
  let f = wallFormats.get(tz);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions = { hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" };
    try {
      f = new Intl.DateTimeFormat("en-US", { ...opts, timeZone: tz });
    } catch {
      f = new Intl.DateTimeFormat("en-US", { ...opts, timeZone: "UTC" });
    }
    wallFormats.set(tz, f);
  }
  return f;
}

function wallOf(ms: number, tz: string): Wall {
  const p = Object.fromEntries(wallFormat(tz).formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return { y: p.year, mo: p.month, d: p.day, h: p.hour % 24, mi: p.minute, s: p.second };
}

const utcOf = (w: Wall) => Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** How far `tz` is ahead of UTC at the instant `ms`. */
function offsetAt(ms: number, tz: string): number {
  return utcOf(wallOf(ms, tz)) - Math.floor(ms / 1000) * 1000;
}

/**
 * An instant (or a date) from the address as a datetime-local value in `tz`
 * ("2026-12-07T11:00"), "" when it is not one. The console's time zone, not
 * the machine's, so the server's render and the browser's agree.
 */
export function toZonedInput(iso: string | undefined, tz: string): string {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  if (!Number.isFinite(ms)) return "";
  const w = wallOf(ms, tz);
  return `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}${w.s ? `:${pad(w.s)}` : ""}`;
}

/** A datetime-local value, a wall time in `tz`, as the instant for the address and the API ("2026-12-07T10:00:00Z"); "" when empty or not one. */
export function fromZonedInput(value: string, tz: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value.trim());
  if (!m) return "";
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  if (!Number.isFinite(wall)) return "";
  // The offset at the wall time read as UTC is a guess; the offset at the guess is right but for the hour a clock change skips.
  const guess = wall - offsetAt(wall, tz);
  const ms = wall - offsetAt(guess, tz);
  return new Date(ms).toISOString().replace(".000Z", "Z");
}
