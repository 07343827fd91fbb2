"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { GuardedButton } from "@/components/ui/guarded-button";
import { Loading } from "@/components/ui/loading";
import type { KindCan } from "@/components/workloads/use-kind-can";
import { type HTTPRouteObject, releaseOf } from "@/lib/k8s/kinds/httproute";
import type { IngressObject } from "@/lib/k8s/kinds/ingress";

// The actions of a route's page beyond YAML and delete: edit in the form, and
// for an HTTPRoute with a rule of two backends the release helpers (blue-green
// switch, canary steps). The forms load when first opened.

const HttpRouteForm = dynamic(() => import("./httproute-form").then((m) => m.HttpRouteForm), { loading: Loading });
const IngressForm = dynamic(() => import("./ingress-form").then((m) => m.IngressForm), { loading: Loading });
const SwitchForm = dynamic(() => import("./release-forms").then((m) => m.SwitchForm), { loading: Loading });
const CanaryPanel = dynamic(() => import("./release-forms").then((m) => m.CanaryPanel), { loading: Loading });

type Props<T> = { cluster: string; obj: T; can: KindCan };

/** Edit opens the form on the object as it was when clicked: a later change by someone else is a conflict, not overwritten. */
function useEditing<T>() {
  const [editing, setEditing] = useState<T>();
  return { editing, open: (o: T) => setEditing(o), close: () => setEditing(undefined) };
}

export function HttpRouteActions({ cluster, obj, can }: Props<HTTPRouteObject>) {
  const t = useTranslations("workloads.release");
  const ta = useTranslations("workloads.actions");
  const tk = useTranslations("workloads.kind");
  const name = obj.metadata.name ?? "";
  const ns = obj.metadata.namespace ?? "";
  const edit = useEditing<HTTPRouteObject>();
  const [open, setOpen] = useState<"switch" | "canary">();
  const release = releaseOf(obj);
  const other = release ? (release.active === 0 ? release.canary : release.stable) : undefined;
  return (
    <>
      <GuardedButton variant="secondary" allowed={can.update} pending={can.pending} reason={ta("denied")} onClick={() => edit.open(obj)} aria-label={`${t("edit")}: ${name}`}>
        {t("edit")}
      </GuardedButton>
      {release && other && can.patch && (
        <>
          <Button onClick={() => setOpen("switch")}>{t("switchTo", { name: other.name })}</Button>
          <Button onClick={() => setOpen("canary")}>{t("canary")}</Button>
        </>
      )}
      <Dialog open={!!edit.editing} onClose={edit.close} title={t("editTitle", { kind: tk("HTTPRoute"), name })} wide>
        {edit.editing && <HttpRouteForm cluster={cluster} ns={ns} original={edit.editing} onSaved={edit.close} onCancel={edit.close} />}
      </Dialog>
      <Dialog open={open === "switch"} onClose={() => setOpen(undefined)} title={t("switchTitle", { name })}>
        {open === "switch" && <SwitchForm cluster={cluster} route={obj} onDone={() => setOpen(undefined)} />}
      </Dialog>
      <Dialog open={open === "canary"} onClose={() => setOpen(undefined)} title={t("canaryTitle", { name })} wide>
        {open === "canary" && <CanaryPanel cluster={cluster} route={obj} onClose={() => setOpen(undefined)} />}
      </Dialog>
    </>
  );
}

export function IngressActions({ cluster, obj, can }: Props<IngressObject>) {
  const t = useTranslations("workloads.release");
  const ta = useTranslations("workloads.actions");
  const tk = useTranslations("workloads.kind");
  const name = obj.metadata.name ?? "";
  const edit = useEditing<IngressObject>();
  return (
    <>
      <GuardedButton variant="secondary" allowed={can.update} pending={can.pending} reason={ta("denied")} onClick={() => edit.open(obj)} aria-label={`${t("edit")}: ${name}`}>
        {t("edit")}
      </GuardedButton>
      <Dialog open={!!edit.editing} onClose={edit.close} title={t("editTitle", { kind: tk("Ingress"), name })} wide>
        {edit.editing && <IngressForm cluster={cluster} ns={obj.metadata.namespace ?? ""} original={edit.editing} onSaved={edit.close} onCancel={edit.close} />}
      </Dialog>
    </>
  );
}
