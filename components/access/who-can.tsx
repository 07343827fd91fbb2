"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { EmptyState } from "@/components/ui/states";
import { type CanICheck, whoCanQuery } from "@/lib/access/queries";
import { CheckForm, useCheckPlace } from "./check-form";
import { QueryView } from "@/components/ui/query-view";

/** Who may do a thing at a place: the users and groups the server names. */
export function WhoCan() {
  const t = useTranslations("access.whoCan");
  const [asked, setAsked] = useState<CanICheck>();
  return (
    <div className="space-y-6">
      <section aria-labelledby="who-can-form-heading" className="space-y-4 rounded-lg border border-slate-200 p-5 dark:border-slate-800">
        <h2 id="who-can-form-heading" className="text-lg font-semibold">
          {t("formHeading")}
        </h2>
        <CheckForm submitLabel={t("submit")} onSubmit={setAsked} />
      </section>
      {asked && <WhoCanAnswer check={asked} />}
    </div>
  );
}

function WhoCanAnswer({ check }: { check: CanICheck }) {
  const t = useTranslations("access.whoCan");
  const place = useCheckPlace();
  const q = useQuery(whoCanQuery(check));
  return (
    <section aria-labelledby="who-can-answer-heading" aria-live="polite" className="space-y-4">
      <h2 id="who-can-answer-heading" className="text-lg font-semibold">
        {t("answerHeading", { verb: check.verb, resource: check.resource, place: place(check) })}
      </h2>
      <QueryView query={q}>
        {(data) =>
          data.users.length === 0 && data.groups.length === 0 ? (
            <EmptyState title={t("nobody")}>{t("nobodyHint")}</EmptyState>
          ) : (
            <div className="grid gap-6 md:grid-cols-2">
              <div className="space-y-2">
                <h3 className="text-sm font-semibold text-slate-600 uppercase dark:text-slate-300">{t("users", { count: data.users.length })}</h3>
                {data.users.length === 0 ? (
                  <p className="text-sm text-slate-500 dark:text-slate-400">{t("noUsers")}</p>
                ) : (
                  <ul aria-label={t("usersList")} className="divide-y divide-slate-100 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-700">
                    {data.users.map((u) => (
                      <li key={u.name} data-testid={`who-can-user-${u.username}`} className="flex items-center justify-between gap-2 px-3 py-2 text-sm">
                        <span className="font-medium">{u.username}</span>
                        {u.name !== u.username && <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{u.name}</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              <div className="space-y-2">
                <h3 className="text-sm font-semibold text-slate-600 uppercase dark:text-slate-300">{t("groups", { count: data.groups.length })}</h3>
                {data.groups.length === 0 ? (
                  <p className="text-sm text-slate-500 dark:text-slate-400">{t("noGroups")}</p>
                ) : (
                  <ul aria-label={t("groupsList")} className="divide-y divide-slate-100 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-700">
                    {data.groups.map((g) => (
                      <li key={g} data-testid={`who-can-group-${g}`} className="px-3 py-2 text-sm font-medium">
                        {g}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
          )
        }
      </QueryView>
    </section>
  );
}
