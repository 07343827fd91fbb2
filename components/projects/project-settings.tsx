"use client";

import { ACCESS_QUERIES } from "@/components/access/access-form-model";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { type ConfirmSpec, ConfirmDialog } from "@/components/ui/confirm-dialog";
import { GuardedButton } from "@/components/ui/guarded-button";
import { MultiSelect } from "@/components/ui/multi-select";
import { type FormErrors, routeErrors, schemaErrors } from "@/components/ui/form-errors";
import { Form, SaveBar, TextField, showServerErrors, useCheckedForm, useSavedFlag } from "@/components/ui/form";
import { updateProjectBodySchema } from "@/lib/validations/tenancy";
import { useSession } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";
import { projectsKey } from "@/lib/access/queries";
import { useCan } from "@/lib/access/use-can";
import { DeleteProjectDialog } from "./delete-project-dialog";
import { type ClusterResult, type Project, type UpdateProjectBody, tenantSettingsQuery, updateProject } from "./project-api";
import { DESCRIPTION_MAX, DISPLAY_NAME_MAX } from "./project-model";
import { ClusterResults, PhaseBadge, useClusterLabel } from "./project-ui";

const target = (field: string) => {
  const top = field.split(".")[0];
  if (top === "pipelineRunRetention") return "retention";
  return ["displayName", "description"].includes(top) ? top : ["addClusters", "removeClusters"].includes(top) ? "clusters" : undefined;
};

/** Who may change a project: tenant managers, and its requester (docs/api.md; the server decides again). */
function useMayChange(project: Project) {
  const session = useSession();
  const can = useCan([
    { verb: "update", resource: "console/projects", tenant: project.tenant },
    { verb: "delete", resource: "console/projects", tenant: project.tenant },
  ]);
  const requester = !!project.requester && project.requester === session.username;
  return { mayUpdate: can.allowed[0] || requester, mayDelete: can.allowed[1] || requester, pending: can.pending && !requester };
}

export function ProjectSettings({ project }: { project: Project }) {
  const t = useTranslations("projects.settings");
  const { mayUpdate, mayDelete, pending } = useMayChange(project);
  const [deleting, setDeleting] = useState(false);
  return (
    <div className="max-w-3xl space-y-10">
      {!pending && !mayUpdate && <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600 dark:bg-slate-800/60 dark:text-slate-300">{t("readOnly")}</p>}
      <Details project={project} allowed={mayUpdate} pending={pending} />
      <Clusters project={project} allowed={mayUpdate} pending={pending} />
      <section aria-labelledby="danger-heading" className="space-y-3 rounded-lg border border-red-200 p-4 dark:border-red-900">
        <h2 id="danger-heading" className="text-lg font-semibold text-red-800 dark:text-red-300">
          {t("delete.heading")}
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-300">{t("delete.intro", { clusters: project.clusters.length })}</p>
        <GuardedButton variant="danger" allowed={mayDelete} pending={pending} reason={t("delete.denied")} onClick={() => setDeleting(true)}>
          {t("delete.open")}
        </GuardedButton>
      </section>
      <DeleteProjectDialog open={deleting} onClose={() => setDeleting(false)} project={project} />
    </div>
  );
}

type DetailValues = { displayName: string; description: string; retention: string };

function Details({ project, allowed, pending }: { project: Project; allowed: boolean; pending: boolean }) {
  const t = useTranslations("projects.settings");
  const qc = useQueryClient();
  const toBody = (v: DetailValues): UpdateProjectBody => ({
    displayName: v.displayName.trim(),
    description: v.description.trim(),
    // Empty: back to the default.
    pipelineRunRetention: v.retention.trim() === "" ? null : Number(v.retention),
  });
  // A snapshot when the tab opened: a refetch must not overwrite what is being typed.
  const form = useCheckedForm<DetailValues>({ displayName: project.displayName, description: project.description, retention: String(project.pipelineRunRetention) }, (v, submit) => {
    const out: FormErrors = {};
    if (v.displayName.trim().length > DISPLAY_NAME_MAX) out.displayName = t("tooLong", { max: DISPLAY_NAME_MAX });
    if (v.description.trim().length > DESCRIPTION_MAX) out.description = t("tooLong", { max: DESCRIPTION_MAX });
    return Object.keys(out).length || !submit ? out : schemaErrors(updateProjectBodySchema, toBody(v), target);
  });
  const [results, setResults] = useState<ClusterResult[]>([]);
  const [saved, setSaved] = useSavedFlag(form);

  const update = useMutation({
    mutationFn: (body: UpdateProjectBody) => updateProject(project.tenant, project.name, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: projectsKey }),
  });

  const onSubmit = (v: DetailValues) => {
    if (!allowed) return;
    setSaved(false);
    setResults([]);
    update.mutate(toBody(v), {
      onSuccess: (res) => {
        setResults(res.results);
        setSaved(res.results.every((r) => r.ok));
      },
      onError: (err) => showServerErrors(form, err, target),
    });
  };

  const busy = update.isPending;
  return (
    <section aria-labelledby="details-heading" className="space-y-4">
      <h2 id="details-heading" className="text-lg font-semibold">
        {t("detailsHeading")}
      </h2>
      <Form form={form} onSubmit={onSubmit} pending={busy} failed={t("failed")} actions={allowed && <SaveBar pending={busy} saved={saved ? t("saved") : undefined} />}>
        <fieldset disabled={!allowed || pending} className="space-y-4">
          <TextField name="displayName" label={t("displayName")} />
          <TextField name="description" label={t("description")} rows={3} />
          <TextField name="retention" label={t("retention")} hint={t("retentionHint")} type="number" min={1} max={1000} step={1} inputMode="numeric" className="max-w-[10rem]" />
        </fieldset>
      </Form>
      {results.some((r) => !r.ok) && <ClusterResults results={results} heading={t("resultsHeading")} />}
    </section>
  );
}

function Clusters({ project, allowed, pending }: { project: Project; allowed: boolean; pending: boolean }) {
  const t = useTranslations("projects.settings");
  const qc = useQueryClient();
  const clusterLabel = useClusterLabel();
  const tenant = useQuery(tenantSettingsQuery(project.tenant));
  const [adding, setAdding] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [results, setResults] = useState<{ heading: string; results: ClusterResult[] }>();
  const [confirm, setConfirm] = useState<ConfirmSpec>();

  const onProject = new Set(project.clusters.map((c) => c.cluster));
  const addable = (tenant.data?.clusters ?? []).filter((c) => !onProject.has(c));
  const remaining = project.clusters.filter((c) => c.phase !== "Terminating").length;

  const add = useMutation({
    mutationFn: (clusters: string[]) => updateProject(project.tenant, project.name, { addClusters: clusters }),
    onSuccess: () => qc.invalidateQueries({ queryKey: projectsKey }),
  });

  const onAdd = (e: React.FormEvent) => {
    e.preventDefault();
    if (!allowed || add.isPending) return;
    if (!adding.length) {
      setError(t("clusters.chooseOne"));
      return;
    }
    setError(undefined);
    setResults(undefined);
    add.mutate(adding, {
      onSuccess: (res) => {
        setResults({ heading: t("clusters.addResults"), results: res.results });
        setAdding([]);
      },
      onError: (err) => setError(Object.values(routeErrors(err, target)).join(" ")),
    });
  };

  const remove = (cluster: string) =>
    setConfirm({
      id: cluster,
      title: t("clusters.removeTitle", { cluster: clusterLabel(cluster) }),
      body: <p>{t("clusters.removeBody", { project: project.displayName || project.name, cluster: clusterLabel(cluster) })}</p>,
      submit: t("clusters.removeSubmit"),
      submitting: t("clusters.removeSubmitting"),
      failed: t("clusters.removeFailed"),
      typeToConfirm: { value: cluster, label: t("clusters.typeCluster", { cluster }) },
      action: async () => {
        setResults(undefined);
        const res = await updateProject(project.tenant, project.name, { removeClusters: [cluster] });
        setResults({ heading: t("clusters.removeResults"), results: res.results });
      },
    });

  const busy = add.isPending;
  return (
    <section aria-labelledby="clusters-heading" className="space-y-4">
      <div>
        <h2 id="clusters-heading" className="text-lg font-semibold">
          {t("clusters.heading")}
        </h2>
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("clusters.intro")}</p>
      </div>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-700">
        {project.clusters.map((c) => {
          const last = remaining <= 1 && c.phase !== "Terminating";
          return (
            <li key={c.cluster} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <span className="flex items-center gap-2">
                <span className="font-medium">{clusterLabel(c.cluster)}</span>
                {clusterLabel(c.cluster) !== c.cluster && <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{c.cluster}</span>}
                <PhaseBadge phase={c.phase} />
              </span>
              {c.phase !== "Terminating" && (
                <GuardedButton
                  variant="ghost"
                  className="px-2 py-1 text-xs text-red-700 dark:text-red-400"
                  allowed={allowed && !last}
                  pending={pending}
                  reason={last ? t("clusters.lastOne") : t("clusters.removeDenied", { cluster: clusterLabel(c.cluster) })}
                  aria-label={t("clusters.removeFrom", { cluster: clusterLabel(c.cluster) })}
                  onClick={() => remove(c.cluster)}
                >
                  {t("clusters.remove")}
                </GuardedButton>
              )}
            </li>
          );
        })}
      </ul>
      {results && <ClusterResults results={results.results} heading={results.heading} />}
      {allowed && (
        <form onSubmit={onAdd} noValidate className="space-y-3" aria-busy={busy}>
          {tenant.isError ? (
            <ErrorState title={t("clusters.tenantFailed")} message={tenant.error.message} />
          ) : (
            <MultiSelect
              legend={t("clusters.add")}
              hint={t("clusters.addHint")}
              options={addable.map((c) => ({ value: c, label: clusterLabel(c), detail: c }))}
              selected={adding}
              onChange={(v) => {
                setAdding(v);
                setError(undefined);
              }}
              loading={tenant.isPending}
              empty={t("clusters.noneToAdd")}
              error={error}
              disabled={busy}
            />
          )}
          {addable.length > 0 && (
            <Button type="submit" variant="primary" disabled={busy}>
              {busy ? t("clusters.adding") : t("clusters.addSubmit", { count: adding.length })}
            </Button>
          )}
        </form>
      )}
      <ConfirmDialog spec={confirm} onClose={() => setConfirm(undefined)} invalidate={ACCESS_QUERIES} />
    </section>
  );
}
