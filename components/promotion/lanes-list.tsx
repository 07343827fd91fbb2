"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { QueryView } from "@/components/ui/query-view";
import { lanesQuery } from "@/lib/promotion/queries";
import { LaneDialog } from "./lane-dialog";
import { LanesView, MESSAGES, laneHref } from "./lane-views";

// The lanes page's client parts: the list (prefetched by the page) and the
// "New lane" button, shown to those who may define lanes in some tenant.

export function LanesList({ tenant }: { tenant?: string }) {
  const t = useTranslations(MESSAGES);
  const q = useQuery(lanesQuery(tenant));
  return (
    <div className="space-y-3">
      {tenant && (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          {t("ofTenant", { tenant })}{" "}
          <Link href="/pipelines/promotion" className="text-sky-800 hover:underline dark:text-sky-300">
            {t("showAll")}
          </Link>
        </p>
      )}
      <QueryView query={q}>{(answer) => <LanesView answer={answer} />}</QueryView>
    </div>
  );
}

export function NewLaneButton({ tenant }: { tenant?: string }) {
  const t = useTranslations(MESSAGES);
  const router = useRouter();
  const q = useQuery(lanesQuery(tenant));
  const [open, setOpen] = useState(false);
  const tenants = q.data?.canCreateIn ?? [];
  if (!tenants.length) return null;
  return (
    <>
      <Button variant="primary" data-testid="new-lane" onClick={() => setOpen(true)}>
        {t("newLane")}
      </Button>
      <LaneDialog state={open ? { mode: "create", tenants, tenant } : undefined} onClose={() => setOpen(false)} onCreated={(lane) => router.push(laneHref(lane.name))} />
    </>
  );
}
