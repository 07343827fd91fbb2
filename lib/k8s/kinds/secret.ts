import type { KubeObject } from "../types";
import { collectionPath, namedPath } from "./common";
import { base64Length } from "./configmap";

export interface SecretObject extends KubeObject {
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  immutable?: boolean;
}

export const secretsPath = (ns?: string) => collectionPath("", "v1", "secrets", ns);
export const secretPath = (ns: string, name: string) => namedPath("", "v1", "secrets", ns, name);

export const secretType = (s: SecretObject) => s.type ?? "Opaque";
export const secretKeys = (s: SecretObject) => Object.keys(s.data ?? {}).sort();
export const secretValueSize = (s: SecretObject, key: string) => base64Length(s.data?.[key] ?? "");

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
