import type { Tone } from "@/components/ui/status-badge";
import { DNS_LABEL } from "@/lib/validations/labels";

// Pure helpers of the apps pages: release states, helm's times, the place a
// release goes to, and the release name's own check.

/** Helm's release states (helm/pkg/release/status.go). */
export const RELEASE_STATUSES = ["deployed", "failed", "pending-install", "pending-upgrade", "pending-rollback", "uninstalling", "superseded", "uninstalled", "unknown"] as const;

export function releaseTone(status: string): Tone {
  if (status === "deployed") return "green";
  if (status === "failed") return "red";
  if (status.startsWith("pending-") || status === "uninstalling") return "amber";
  if (status === "superseded") return "slate";
  return "slate";
}

/** A state helm is still working in: the page asks again until it settles. */
export const releaseBusy = (status: string | undefined) => !!status && (status.startsWith("pending-") || status === "uninstalling");

/**
 * Helm's times as ISO 8601: `helm list -o json` writes Go's time.String()
 * ("2026-12-07 18:16:19.403795087 +0000 UTC"), which not every browser parses.
 */
export function helmTime(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const m = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(\.\d+)?\s*(Z|[+-]\d\d:?\d\d)?/.exec(s.trim());
  if (!m) return Number.isFinite(Date.parse(s)) ? s : undefined;
  const frac = m[3] ? m[3].slice(0, 4) : "";
  const zone = !m[4] || m[4] === "Z" ? "Z" : m[4].includes(":") ? m[4] : `${m[4].slice(0, 3)}:${m[4].slice(3)}`;
  return `${m[1]}T${m[2]}${frac}${zone}`;
}

/** "member-1/acme-payments" ↔ the project on a cluster a release lives in. */
export const placeKey = (p: { cluster: string; namespace: string }) => `${p.cluster}/${p.namespace}`;
export function parsePlace(key: string): { cluster: string; namespace: string } | undefined {
  const [cluster, namespace, ...rest] = key.split("/");
  return cluster && namespace && !rest.length ? { cluster, namespace } : undefined;
}

export const RELEASE_NAME_MAX = 53;

/** The release name: a DNS label of at most 53 characters (helm's limit). Keys of apps.install.errors. */
export function releaseNameError(value: string, submit: boolean): "nameRequired" | "nameTooLong" | "nameLowercase" | "namePattern" | undefined {
  const v = value.trim();
  if (!v) return submit ? "nameRequired" : undefined;
  if (v.length > RELEASE_NAME_MAX) return "nameTooLong";
  if (/[A-Z]/.test(v)) return "nameLowercase";
  if (!DNS_LABEL.test(v)) return "namePattern";
  return undefined;
}

/** Counts of a preview's objects by change, for its summary. */
export function changeCounts(objects: { change: "added" | "removed" | "changed" | "unchanged" }[]) {
  const out = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const o of objects) out[o.change]++;
  return out;
}
