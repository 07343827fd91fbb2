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
