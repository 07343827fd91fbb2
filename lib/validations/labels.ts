// Kubernetes name and label syntax, without zod: browser form models use
// these, and importing zod there would put all of it into every page's bundle.

export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function isLabelKey(k: string): boolean {
  const i = k.lastIndexOf("/");
  const name = i >= 0 ? k.slice(i + 1) : k;
  const prefix = i >= 0 ? k.slice(0, i) : "";
  if (!name || name.length > 63 || !LABEL_NAME.test(name)) return false;
  if (i >= 0 && (!prefix || prefix.length > 253 || !LABEL_PREFIX.test(prefix))) return false;
  return true;
}
