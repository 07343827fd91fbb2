import type { Locale } from "./locales";

// Messages are split per feature (messages/<locale>/<namespace>.json) so
// features own their texts; this lists the namespaces.
export const namespaces = ["common", "auth", "shell", "overview", "clusters", "cluster", "tokens", "errors", "access", "projects", "workloads", "quotas", "monitoring", "terminal", "logs", "apps"] as const;

export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    namespaces.map(async (ns) => [ns, (await import(`../messages/${locale}/${ns}.json`)).default] as const),
  );
  return Object.fromEntries(entries);
}
