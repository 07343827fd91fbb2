"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { permissionsQuery } from "@/lib/access/queries";
import { EffectivePermissions } from "./effective-permissions";
import { QueryView } from "@/components/ui/query-view";

/** The effective permissions of one member, everywhere (not only in this tenant). */
export function MemberPermissionsPanel({ user, onClose }: { user: string; onClose: () => void }) {
  const t = useTranslations("access.memberPermissions");
  const tc = useTranslations("common");
  const q = useQuery(permissionsQuery(user));
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Opened from a row: take the reader to what just appeared.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <section
      aria-labelledby="member-permissions-heading"
      data-testid="member-permissions"
      className="space-y-4 rounded-lg border border-sky-200 bg-sky-50/40 p-5 dark:border-sky-900 dark:bg-sky-950/20"
    >
      <div className="flex items-start justify-between gap-4">
        <div>
          <h2 id="member-permissions-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
            {t("heading", { user })}
          </h2>
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("intro")}</p>
        </div>
        <Button variant="ghost" onClick={onClose} aria-label={t("close", { user })}>
          {tc("close")}
        </Button>
      </div>
      <QueryView query={q}>{(data) => <EffectivePermissions data={data} headingLevel={3} />}</QueryView>
    </section>
  );
}
