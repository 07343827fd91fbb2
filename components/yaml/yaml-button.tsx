"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { stringify } from "yaml";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { objectQuery } from "@/lib/k8s/list-query";
import type { KubeObject } from "@/lib/k8s/types";

/** Read-only YAML of any object, fetched fresh through the proxy when opened. */
export function YamlButton({ cluster, path, kind, name }: { cluster: string; path: string; kind: string; name: string }) {
  const t = useTranslations("common");
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setOpen(true)} aria-label={`${t("viewYaml")}: ${name}`}>
        YAML
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t("yamlTitle", { kind, name })} wide>
        {open && <YamlView cluster={cluster} path={path} />}
      </Dialog>
    </>
  );
}

function YamlView({ cluster, path }: { cluster: string; path: string }) {
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
