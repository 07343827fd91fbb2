// Field-by-field validation of Kubernetes quantities with the hint people need
// ("2GB" → "2G or 2Gi"). Pure; shared by forms and API validation.
import { parseQuantity } from "./quantity";

const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** Resources whose quota counts objects: whole numbers, no suffix. */
export const COUNT_RESOURCES = new Set([
  "pods",
  "services",
  "services.nodeports",
  "services.loadbalancers",
  "configmaps",
  "secrets",
  "persistentvolumeclaims",
  "replicationcontrollers",
  "resourcequotas",
]);

export type QuantityCheck = { ok: true; value: number } | { ok: false; message: string };

export function checkQuantity(input: string, resource = ""): QuantityCheck {
  const v = input.trim();
  if (!v) return { ok: false, message: "Enter a quantity." };
  const count = COUNT_RESOURCES.has(resource) || resource.startsWith("count/");
  if (QUANTITY.test(v)) {
    const n = parseQuantity(v)!;
    if (n < 0) return { ok: false, message: "A quantity cannot be negative." };
    if (count && (!Number.isInteger(n) || !/^\d+$/.test(v))) return { ok: false, message: `${resource} counts objects: enter a whole number like 10.` };
    return { ok: true, value: n };
  }
  // Common mistakes, with the fix.
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([A-Za-z]+)$/.exec(v);
  if (m) {
    const [, num, unit] = m;
    const u = unit.toLowerCase();
    const decimal: Record<string, string> = { kb: "k", mb: "M", gb: "G", tb: "T", pb: "P", eb: "E", k: "k", m: "M", g: "G", t: "T", p: "P", e: "E" };
    const binary: Record<string, string> = { kib: "Ki", mib: "Mi", gib: "Gi", tib: "Ti", pib: "Pi", eib: "Ei", ki: "Ki", mi: "Mi", gi: "Gi", ti: "Ti", pi: "Pi", ei: "Ei" };
    if (binary[u]) return { ok: false, message: `Write ${num}${binary[u]} (binary units are Ki, Mi, Gi, Ti, Pi, Ei).` };
    if (u.endsWith("b") && decimal[u]) return { ok: false, message: `Not a Kubernetes quantity: write ${num}${decimal[u]} or ${num}${decimal[u]}i.` };
    if (u === "core" || u === "cores" || u === "cpu" || u === "cpus") return { ok: false, message: `Write CPUs as a number: ${num}, or millicores like ${Math.round(Number(num) * 1000)}m.` };
    if (u === "b" || u === "byte" || u === "bytes") return { ok: false, message: `Write bytes as a plain number: ${num}.` };
  }
  if (/\s/.test(v)) return { ok: false, message: "No spaces in a quantity: e.g. 500m, 2, 1Gi." };
  return { ok: false, message: "Not a quantity: use e.g. 500m, 2, 512Mi, 1Gi or 2G." };
}

/** Validates a map of resource → quantity; returns field errors keyed by resource. */
export function checkQuantities(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [r, q] of Object.entries(values)) {
    const c = checkQuantity(q, r);
    if (!c.ok) out[r] = c.message;
  }
  return out;
}
