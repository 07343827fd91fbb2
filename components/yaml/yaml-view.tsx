"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { stringify } from "yaml";
import { Button } from "@/components/ui/button";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { objectQuery } from "@/lib/client/list-query";
import type { KubeObject } from "@/lib/k8s/types";

/** The object as YAML (loaded with the YAML library when a YAML button is first used). */
export function YamlView({ cluster, path }: { cluster: string; path: string }) {
  const t = useTranslations("common");
  const te = useTranslations("errors");
  const [managed, setManaged] = useState(false);
  const q = useQuery(objectQuery<KubeObject>(cluster, path));
  const text = useMemo(() => {
    if (!q.data) return "";
    const obj = structuredClone(q.data);
    if (!managed) delete obj.metadata.managedFields;
    return stringify(obj, { lineWidth: 0 });
  }, [q.data, managed]);
  if (q.isPending) return <LoadingState label={t("loading")} />;
  if (q.isError) return <ErrorState title={te("title")} message={q.error.message} />;
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={managed} onChange={(e) => setManaged(e.target.checked)} />
          {t("showManagedFields")}
        </label>
        <Button variant="ghost" className="text-xs" onClick={() => void navigator.clipboard?.writeText(text)}>
          {t("copy")}
        </Button>
      </div>
      <pre data-testid="yaml" className="max-h-[65vh] overflow-auto rounded-md bg-slate-950 p-4 font-mono text-xs leading-5 text-slate-100">
        {text}
      </pre>
    </div>
  );
}
