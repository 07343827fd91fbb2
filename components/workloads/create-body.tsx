"use client";

import { useTranslations } from "next-intl";
import type { KindModule } from "@/components/kinds/kind";
import { Button } from "@/components/ui/button";
import { HttpRouteForm } from "@/components/routes/httproute-form";
import { IngressForm } from "@/components/routes/ingress-form";
import type { KubeObject } from "@/lib/k8s/types";
import { DeploymentForm } from "./deployment-form";
import type { KindCan } from "./use-kind-can";
import { YamlEditor } from "./yaml-editor";
import { starterYaml, toYaml } from "./yaml-model";

/** What a list page creates with: the kind's form (deployment, HTTP route, ingress) or the YAML editor (with a starter for the kind). */
export type CreateMode = { type: "form" } | { type: "yaml"; initial?: string };

/** The create dialog's content; loaded when the dialog first opens (the form and the YAML library are not needed to list). */
export function CreateBody({
  cluster,
  ns,
  info,
  mode,
  can,
  onMode,
  onCreated,
  onCancel,
}: {
  cluster: string;
  ns: string;
  info: KindModule;
  mode: CreateMode;
  can: KindCan;
  onMode: (m: CreateMode) => void;
  onCreated: (o: KubeObject) => void;
  onCancel: () => void;
}) {
  if (mode.type === "form") {
    const editYaml = (o: KubeObject) => onMode({ type: "yaml", initial: toYaml(o) });
    if (info.kind === "HTTPRoute") return <HttpRouteForm cluster={cluster} ns={ns} onSaved={onCreated} onCancel={onCancel} onEditYaml={editYaml} />;
    if (info.kind === "Ingress") return <IngressForm cluster={cluster} ns={ns} onSaved={onCreated} onCancel={onCancel} onEditYaml={editYaml} />;
    return <DeploymentForm cluster={cluster} ns={ns} onCreated={onCreated} onCancel={onCancel} onEditYaml={editYaml} />;
  }
  const initial = mode.initial ?? starterYaml(info, ns);
  const editor = <YamlEditor key={initial} cluster={cluster} target={{ mode: "create", ns, initial }} allowed={can.create} pending={can.pending} onApplied={onCreated} onCancel={onCancel} />;
  if (!info.templates?.length) return editor;
  return (
    <div className="space-y-3">
      <Templates templates={info.templates} onPick={(o) => onMode({ type: "yaml", initial: toYaml(o(ns)) })} />
      {editor}
    </div>
  );
}

/** Objects to start from instead of the bare starter (they replace what is in the editor). */
function Templates({ templates, onPick }: { templates: NonNullable<KindModule["templates"]>; onPick: (build: (ns: string) => Record<string, unknown>) => void }) {
  const t = useTranslations("workloads.create");
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t("startFrom")}>
      <span className="text-sm text-slate-600 dark:text-slate-300">{t("startFrom")}</span>
      {templates.map((x) => (
        <Button key={x.key} className="px-2 py-1 text-xs" onClick={() => onPick(x.build)}>
          {t(`templates.${x.key}`)}
        </Button>
      ))}
    </div>
  );
}
