"use client";

import { useTranslations } from "next-intl";
import { kindBySlug } from "@/components/kinds/registry";
import { CreateActions } from "./create-actions";
import { KindTable } from "./kind-table";

/** The live list of one kind in a namespace, with its create actions. */
export function KindList({ cluster, ns, slug }: { cluster: string; ns: string; slug: string }) {
  const tk = useTranslations("workloads.kinds");
  const kind = kindBySlug(slug);
  if (!kind) return null;
  return (
    <section aria-labelledby="kind-list-title" className="space-y-3">
      <h2 id="kind-list-title" className="text-lg font-semibold">
        {tk(kind.slug)}
      </h2>
      <KindTable kind={kind} cluster={cluster} ns={ns} toolbar={<CreateActions cluster={cluster} ns={ns} kind={kind} />} />
    </section>
  );
}
