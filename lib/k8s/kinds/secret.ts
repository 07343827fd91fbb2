import type { KubeList, KubeObject } from "../types";
import { namedPath } from "./common";
import { base64Length } from "./configmap";

export interface SecretObject extends KubeObject {
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  immutable?: boolean;
  /**
   * Not Kubernetes: where the console dropped the values (server-rendered
   * pages, the browser's cache), the size in bytes of each key's value.
   */
  valueSizes?: Record<string, number>;
}

/** kubectl apply keeps the whole object it applied here — values included. */
export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

export const secretPath = (ns: string, name: string) => namedPath("", "v1", "secrets", ns, name);

export const secretType = (s: SecretObject) => s.type ?? "Opaque";
export const secretKeys = (s: SecretObject) => Object.keys({ ...s.valueSizes, ...s.data, ...s.stringData }).sort();
export const secretValueSize = (s: SecretObject, key: string) => (s.data?.[key] !== undefined ? base64Length(s.data[key]) : (s.valueSizes?.[key] ?? 0));

/**
 * A Secret as pages and the browser's cache keep it: its keys and their
 * sizes, no values. The values are fetched (with the caller's rights) only
 * when someone asks to see them.
 */
export function withoutSecretValues<T extends SecretObject>(s: T): T {
  const annotations = s.metadata.annotations;
  if (!s.data && !s.stringData && annotations?.[LAST_APPLIED] === undefined) return s;
  const valueSizes: Record<string, number> = { ...s.valueSizes };
  for (const [k, v] of Object.entries(s.data ?? {})) valueSizes[k] = base64Length(v);
  for (const [k, v] of Object.entries(s.stringData ?? {})) valueSizes[k] = new TextEncoder().encode(v).length;
  const out: T = { ...s, metadata: { ...s.metadata }, valueSizes };
  delete out.data;
  delete out.stringData;
  if (annotations?.[LAST_APPLIED] !== undefined) {
    const rest = { ...annotations };
    delete rest[LAST_APPLIED];
    out.metadata.annotations = rest;
  }
  return out;
}

/** Any object, Secrets without their values (watch events name their kind). */
export function objectWithoutSecretValues<T extends KubeObject>(o: T): T {
  return o.kind === "Secret" ? (withoutSecretValues(o as SecretObject) as unknown as T) : o;
}

/** Any list, a list of Secrets without their values (list items do not name their kind; the list does). */
export function listWithoutSecretValues<T extends KubeObject>(list: KubeList<T>): KubeList<T> {
  if (list.kind !== "SecretList") return list;
  return { ...list, items: list.items.map((o) => withoutSecretValues(o as SecretObject) as unknown as T) };
}

export type Decoded = { kind: "text"; text: string } | { kind: "binary"; bytes: number } | { kind: "invalid" };

/** Decodes a base64 value: text when it is valid UTF-8 without control bytes, else binary. */
export function decodeSecretValue(b64: string): Decoded {
  let bin: string;
  try {
    bin = atob(b64.replace(/\s/g, ""));
  } catch {
    return { kind: "invalid" };
  }
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    // Text may hold tabs and newlines; other control characters mean binary data.
    if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) return { kind: "binary", bytes: bytes.length };
    return { kind: "text", text };
  } catch {
    return { kind: "binary", bytes: bytes.length };
  }
}
