import type { KubeObject } from "../types";

export interface ConfigMapObject extends KubeObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

export function configMapKeys(c: ConfigMapObject): string[] {
  return [...Object.keys(c.data ?? {}), ...Object.keys(c.binaryData ?? {})].sort();
}

/** Total size of the values in bytes (binary data decoded). */
export function configMapSize(c: ConfigMapObject): number {
  const text = Object.values(c.data ?? {}).reduce((n, v) => n + new TextEncoder().encode(v).length, 0);
  const bin = Object.values(c.binaryData ?? {}).reduce((n, v) => n + base64Length(v), 0);
  return text + bin;
}

/** Bytes a base64 string decodes to. */
export function base64Length(b64: string): number {
  const s = b64.replace(/\s/g, "");
  const pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
  return Math.max(0, Math.floor((s.length * 3) / 4) - pad);
}
