"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorState } from "@/components/ui/states";
import { type CanICheck, canI, permissionsQuery } from "@/lib/access/queries";
import { CheckForm, useCheckPlace } from "./check-form";
import { EffectivePermissions, permissionsUserName } from "./effective-permissions";
import { QueryView, useErrorTitle } from "@/components/ui/query-view";

/** The caller's own bindings and roles, and a "Can I…?" checker. */
export function MyPermissions() {
  const t = useTranslations("access.mine");
  const q = useQuery(permissionsQuery());
  return (
    <div className="space-y-8">
      <section aria-labelledby="my-bindings-heading" className="space-y-3">
        <div>
          <h2 id="my-bindings-heading" className="text-lg font-semibold">
            {t("bindingsHeading")}
          </h2>
          <p className="text-sm text-slate-500 dark:text-slate-400">
            {q.data ? t("bindingsIntroFor", { user: permissionsUserName(q.data.user) }) : t("bindingsIntro")}
          </p>
        </div>
        <QueryView query={q}>{(data) => <EffectivePermissions data={data} headingLevel={3} />}</QueryView>
      </section>
      <CanIChecker />
    </div>
  );
}

function CanIChecker() {
  const t = useTranslations("access.canI");
  const errorTitle = useErrorTitle();
  const place = useCheckPlace();
  const [asked, setAsked] = useState<CanICheck>();
  const check = useMutation({ mutationFn: (c: CanICheck) => canI([c]) });
  const allowed = check.data?.results[0]?.allowed;
  return (
    <section aria-labelledby="can-i-heading" className="space-y-4 rounded-lg border border-slate-200 p-5 dark:border-slate-800">
      <div>
        <h2 id="can-i-heading" className="text-lg font-semibold">
          {t("heading")}
        </h2>
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("intro")}</p>
      </div>
      <CheckForm
        submitLabel={check.isPending ? t("checking") : t("submit")}
        pending={check.isPending}
        onChange={() => check.reset()}
        onSubmit={(c) => {
          setAsked(c);
          check.mutate(c);
        }}
      />
      <div aria-live="polite" role="status">
        {check.isSuccess && asked && (
          <p
            data-testid="can-i-result"
            data-allowed={allowed ? "true" : "false"}
            className={`rounded-md border px-3 py-2 text-sm ${
              allowed
                ? "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-200"
                : "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200"
            }`}
          >
            {t(allowed ? "allowed" : "denied", { verb: asked.verb, resource: asked.resource, place: place(asked) })}
          </p>
        )}
      </div>
      {check.isError && <ErrorState title={errorTitle(check.error)} message={check.error.message} />}
    </section>
  );
}
