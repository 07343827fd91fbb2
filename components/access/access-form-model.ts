import { accessKey, projectsKey } from "@/lib/access/queries";
import { DNS_LABEL } from "@/lib/validations/labels";

// Client checks of the access forms return message keys of the "access.form"
// messages; the server's messages arrive as text.

export const TENANT_NAME_MAX = 40;
export const ROLE_NAME_MAX = 63;

/** Tenant and role names: a DNS label (they end up in label values and URLs). */
export function dnsLabelError(value: string, required: boolean, max: number): string | undefined {
  const v = value.trim();
  if (!v) return required ? "nameRequired" : undefined;
  if (v.length > max) return "nameTooLong";
  if (/[A-Z]/.test(v)) return "nameLowercase";
  if (!DNS_LABEL.test(v)) return "namePattern";
  return undefined;
}

/** "a, b,,c " → ["a", "b", "c"], without duplicates. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(",").map((s) => s.trim()).filter(Boolean))];
}

/** A rough check only: the server has the last word. */
export function emailError(value: string): string | undefined {
  const v = value.trim();
  return v && !/^[^\s@]+@[^\s@]+$/.test(v) ? "emailInvalid" : undefined;
}

/** Only presence: the password policy is the server's. */
export function passwordError(value: string, required: boolean): string | undefined {
  return !value && required ? "passwordRequired" : undefined;
}

/** A project's identity: a namespace on a cluster. */
export const projectKey = (p: { cluster: string; namespace: string }) => `${p.cluster}/${p.namespace}`;

/** What a change of users, tenants, roles or members may make stale. */
export const ACCESS_QUERIES = [accessKey, projectsKey] as const;
