import { z } from "@/lib/validations/zod";
import { DNS_LABEL, LABEL_VALUE, isLabelKey } from "./labels";

export { DNS_LABEL, isLabelKey };

/** A Kubernetes object name that is also a DNS label (clusters, projects). */
export const dnsLabelName = (what: string, max = 63) =>
  z
    .string({ error: `Enter a ${what} name.` })
    .trim()
    .min(1, `Enter a ${what} name.`)
    .max(max, `At most ${max} characters.`)
    .regex(/^[^A-Z]*$/, "Use lowercase letters only.")
    .regex(DNS_LABEL, "Use lowercase letters, digits and '-', starting and ending with a letter or digit.");

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A reference to a cluster or namespace by name in a request body: "Enter the <what>." when missing. */
export const dnsLabelRef = (what: string) =>
  z
    .string({ error: `Enter the ${what}.` })
    .min(1, `Enter the ${what}.`)
    .max(63, "At most 63 characters.")
    .regex(DNS_LABEL, `Not a ${what}: lowercase letters, digits and '-', starting and ending with a letter or digit.`);

/** A reference to a Kubernetes object by name (a DNS subdomain). */
export const objectNameRef = (what: string) =>
  z
    .string({ error: `Enter the ${what}.` })
    .min(1, `Enter the ${what}.`)
    .max(253, "At most 253 characters.")
    .regex(DNS_SUBDOMAIN, `Not a ${what}: lowercase letters, digits, '-' and '.'.`);

export const labelsSchema = z
  .record(z.string(), z.string())
  .superRefine((labels, ctx) => {
    for (const [k, v] of Object.entries(labels)) {
      if (!isLabelKey(k)) {
        ctx.addIssue({ code: "custom", path: [k], message: `"${k}" is not a valid label key (letters, digits, '-', '_', '.'; at most 63 characters).` });
      } else if (k.startsWith("pilothouse.dev/") || k.startsWith("kubernetes.io/") || k.startsWith("k8s.io/")) {
        ctx.addIssue({ code: "custom", path: [k], message: `The prefix of "${k}" is reserved.` });
      }
      if (v.length > 63 || !LABEL_VALUE.test(v)) {
        ctx.addIssue({ code: "custom", path: [k], message: `"${v}" is not a valid label value (at most 63 letters, digits, '-', '_', '.').` });
      }
    }
  });

export const httpURL = (what: string) =>
  z
    .string()
    .trim()
    .max(2048)
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === "http:" || u.protocol === "https:") && !!u.hostname;
      } catch {
        return false;
      }
    }, `Enter the ${what} as an http:// or https:// URL.`);
