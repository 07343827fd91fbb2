"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Loading } from "@/components/ui/loading";

// Every table row has a YAML button: the YAML library loads when one is first opened, not with the page.
const YamlView = dynamic(() => import("./yaml-view").then((m) => m.YamlView), { loading: Loading });

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
