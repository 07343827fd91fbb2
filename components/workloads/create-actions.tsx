"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { GuardedButton } from "@/components/ui/guarded-button";
import type { KindModule } from "@/components/kinds/kind";
import { kindOf } from "@/components/kinds/registry";
import { Dialog } from "@/components/ui/dialog";
import { Loading } from "@/components/ui/loading";
import { detailHref } from "@/lib/k8s/kinds/kind";
import type { KubeObject } from "@/lib/k8s/types";
import type { CreateMode } from "./create-body";
import { useKindCan } from "./use-kind-can";

const CreateBody = dynamic(() => import("./create-body").then((m) => m.CreateBody), { loading: Loading });

/** The kind's create form where it has one (e.g. "Create deployment") and "Create from YAML", for its list page. */
export function CreateActions({ cluster, ns, kind: info }: { cluster: string; ns: string; kind: KindModule }) {
  const t = useTranslations("workloads.create");
  const ta = useTranslations("workloads.actions");
  const tk = useTranslations("workloads.kind");
  const router = useRouter();
  const can = useKindCan(cluster, ns, info);
  const [mode, setMode] = useState<CreateMode>();
  const close = () => setMode(undefined);
  const created = (o: KubeObject) => {
    close();
    const k = kindOf(o.apiVersion, o.kind);
    if (k && o.metadata.name) router.push(detailHref(cluster, o.metadata.namespace ?? ns, k.slug, o.metadata.name));
  };
  const kind = tk(info.kind);
  const form = info.createForm;
  return (
    <>
      {form && (
        <GuardedButton variant="primary" allowed={can.create} pending={can.pending} reason={ta("denied")} onClick={() => setMode({ type: "form" })}>
          {t(form.button)}
        </GuardedButton>
      )}
      <GuardedButton variant={form ? "secondary" : "primary"} allowed={can.create} pending={can.pending} reason={ta("denied")} onClick={() => setMode({ type: "yaml" })}>
        {t("fromYaml")}
      </GuardedButton>
      <Dialog open={mode !== undefined} onClose={close} title={mode?.type === "form" && form ? t(form.title, { ns }) : t("yamlTitle", { kind, ns })} wide>
        {mode && <CreateBody cluster={cluster} ns={ns} info={info} mode={mode} can={can} onMode={setMode} onCreated={created} onCancel={close} />}
      </Dialog>
    </>
  );
}
