"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/status-badge";
import type { RoleRule } from "@/lib/access/queries";

/** One resource pattern of a rule, in words where it is a wildcard or a named set. */
function ResourceChip({ resource }: { resource: string }) {
  const t = useTranslations("access.rules");
  const ts = useTranslations("access.sets");
  const ta = useTranslations("access.areas");
  let text: string | undefined;
  if (resource === "*") text = t("allKubernetes");
  else if (resource === "console/*") text = t("allConsole");
  else if (resource === "nonresource:*") text = t("allNonResource");
  else if (resource.startsWith("@")) text = ts.has(resource.slice(1)) ? ts(resource.slice(1)) : undefined;
  else if (resource.startsWith("console/")) text = ta.has(resource.slice("console/".length)) ? ta(resource.slice("console/".length)) : undefined;
  else if (resource.endsWith("/*") && resource.split("/").length === 2) text = t("wholeGroup", { group: resource.slice(0, -2) });
  return (
    <span
      title={text ? resource : undefined}
      className="inline-flex items-center rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-200"
    >
      {text ?? <span className="font-mono">{resource}</span>}
    </span>
  );
}

/** A role's rules as a table: what (resources) × how (verbs), deny rules marked in red. */
export function RoleRules({ rules, label }: { rules: RoleRule[]; label: string }) {
  const t = useTranslations("access.rules");
  if (rules.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">{t("none")}</p>;
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-700">
      <table className="w-full text-sm" aria-label={label}>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase dark:bg-slate-800/60 dark:text-slate-300">
          <tr>
            <th scope="col" className="w-24 px-3 py-2">
              {t("effect")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("resources")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("verbs")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r, i) => {
            const deny = r.effect === "deny";
            return (
              <tr
                key={i}
                data-effect={deny ? "deny" : "allow"}
                className={`border-t align-top ${deny ? "border-red-200 bg-red-50 dark:border-red-900 dark:bg-red-950/40" : "border-slate-100 dark:border-slate-800"}`}
              >
                <td className="px-3 py-2">
                  <Badge tone={deny ? "red" : "green"}>{deny ? t("deny") : t("allow")}</Badge>
                </td>
                <td className="px-3 py-2">
                  <span className="flex flex-wrap gap-1">
                    {r.resources.map((res) => (
                      <ResourceChip key={res} resource={res} />
                    ))}
                  </span>
                </td>
                <td className="px-3 py-2">
                  {r.verbs.includes("*") ? (
                    <span className={deny ? "font-medium text-red-800 dark:text-red-300" : "font-medium"}>{t("allVerbs")}</span>
                  ) : (
                    <span className="flex flex-wrap gap-1">
                      {r.verbs.map((v) => (
                        <span
                          key={v}
                          className={`rounded px-1.5 py-0.5 font-mono text-xs ${deny ? "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200" : "bg-sky-50 text-sky-900 dark:bg-sky-900/40 dark:text-sky-100"}`}
                        >
                          {v}
                        </span>
                      ))}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
