"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useMemo, useState } from "react";
import { useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { inputClass } from "@/components/ui/field";
import { Form, FormActions, SelectField, TextField, showErrors, showServerErrors, useCheckedForm } from "@/components/ui/form";
import { type FormErrors, conflictOn } from "@/components/ui/form-errors";
import { QueryView } from "@/components/ui/query-view";
import { projectsQuery } from "@/lib/access/queries";
import { useCan } from "@/lib/access/use-can";
import {
  type ChartDetail,
  type InstallBody,
  type PreviewAnswer,
  type ReleaseDetail,
  appsKey,
  chartQuery,
  installRelease,
  previewRelease,
  releaseHref,
  upgradeRelease,
} from "@/lib/query/apps";
import { RELEASE_NAME_MAX, parsePlace, placeKey, releaseNameError } from "./apps-model";
import { DiffView } from "./diff-view";
import { ReleasePodsProgress } from "./release-pods-progress";
import { ValuesFields } from "./values-fields";
import {
  type FieldError,
  type FieldValues,
  type Values,
  type ValuesModel,
  applyFields,
  fieldErrors,
  fieldValues,
  mergeValues,
  parseValues,
  schemaErrorFields,
  valuesModel,
  valuesYAML,
} from "./values-model";

// Install a chart into a project, or upgrade a release: where and under what
// name (install), the chart version (upgrade), the values — as the form the
// chart's schema describes, or as YAML — then the preview of what changes,
// object by object, and only then the install or upgrade itself, which answers
// once helm has waited for the workloads.

export type InstallMode = { kind: "install"; chart: ChartDetail } | { kind: "upgrade"; release: ReleaseDetail; source: { repo: string; chart: string } };

const MESSAGES = "apps.install";

export function InstallDialog({ mode, onClose }: { mode: InstallMode; onClose: () => void }) {
  const t = useTranslations(MESSAGES);
  const title =
    mode.kind === "install" ? t("installTitle", { chart: mode.chart.displayName, version: mode.chart.version }) : t("upgradeTitle", { name: mode.release.name });
  return (
    <Dialog open onClose={onClose} title={title} wide>
      {mode.kind === "install" ? <ReleaseForm chart={mode.chart} onDone={onClose} /> : <UpgradeForm release={mode.release} source={mode.source} onDone={onClose} />}
    </Dialog>
  );
}

/** The release's chart at the version it runs (else the newest), another when chosen. */
function UpgradeForm({ release, source, onDone }: { release: ReleaseDetail; source: { repo: string; chart: string }; onDone: () => void }) {
  const newest = useQuery(chartQuery(source.repo, source.chart));
  const [picked, setPicked] = useState<string>();
  const listed = newest.data?.versionsList ?? [];
  const version = picked ?? (listed.some((v) => v.version === release.chartVersion) ? release.chartVersion : newest.data?.version);
  const chart = useQuery({ ...chartQuery(source.repo, source.chart, version), enabled: !!version });
  if (!newest.data) return <QueryView query={newest}>{() => null}</QueryView>;
  return (
    <QueryView query={chart}>
      {(detail) => (
        <ReleaseForm
          key={detail.version}
          chart={detail}
          release={release}
          onDone={onDone}
          versions={<UpgradeVersion versions={listed.map((v) => v.version)} current={release.chartVersion} value={detail.version} onChange={setPicked} />}
        />
      )}
    </QueryView>
  );
}

function UpgradeVersion({ versions, current, value, onChange }: { versions: string[]; current: string; value: string; onChange: (v: string) => void }) {
  const t = useTranslations(MESSAGES);
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {t("version")}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={`${inputClass} font-mono`}>
        {versions.map((v) => (
          <option key={v} value={v}>
            {v === current ? t("currentVersion", { version: v }) : v}
          </option>
        ))}
      </select>
      <p className="text-xs text-slate-500 dark:text-slate-400">{t("versionHint")}</p>
    </div>
  );
}

type FormValues = { place: string; name: string; mode: "form" | "yaml"; yaml: string; f: FieldValues };

/** The chart's defaults, with the release's values over them when upgrading. */
function startingValues(chart: ChartDetail, release?: ReleaseDetail): Values {
  const parsed = parseValues(chart.valuesYAML);
  const defaults = "values" in parsed ? parsed.values : {};
  if (!release) return defaults;
  const own = parseValues(release.values);
  return mergeValues(defaults, "values" in own ? own.values : {});
}

function useFieldErrorText() {
  const t = useTranslations(`${MESSAGES}.fieldErrors`);
  return (e: FieldError) => t(e.key, { limit: String(e.limit ?? ""), detail: e.detail ?? "" });
}

function ReleaseForm({ chart, release, onDone, versions }: { chart: ChartDetail; release?: ReleaseDetail; onDone: () => void; versions?: React.ReactNode }) {
  const t = useTranslations(MESSAGES);
  const router = useRouter();
  const qc = useQueryClient();
  const fieldErrorText = useFieldErrorText();
  const upgrading = !!release;
  const model: ValuesModel | undefined = useMemo(() => {
    const m = chart.schema ? valuesModel(chart.schema) : undefined;
    return m?.fields.length ? m : undefined;
  }, [chart.schema]);
  const start = useMemo(() => startingValues(chart, release), [chart, release]);
  // What the form's fields are written over: the starting values, or the YAML last switched from.
  const [base, setBase] = useState<Values>(start);
  const [step, setStep] = useState<"edit" | "preview">("edit");
  const [preview, setPreview] = useState<PreviewAnswer>();
  const [failedAt, setFailedAt] = useState<"preview" | "apply">("preview");
  const projects = useQuery({ ...projectsQuery(), enabled: !upgrading });
  // Helm records a release as a Secret in the project: only projects where the caller may create one are offered.
  const all = projects.data?.items ?? [];
  const can = useCan(all.map((p) => ({ verb: "create", resource: "core/secrets", cluster: p.cluster, namespace: p.namespace })));
  const places = all.filter((_, i) => can.allowed[i]).map((p) => ({ value: placeKey(p), label: `${p.namespace} · ${p.cluster}`, detail: p.displayName || undefined }));

  const form = useCheckedForm<FormValues>(
    {
      place: release ? placeKey(release) : "",
      name: release?.name ?? chart.name,
      mode: model ? "form" : "yaml",
      // The chart's own file (its comments are its documentation) when nothing is set over it.
      yaml: release ? valuesYAML(start) : chart.valuesYAML,
      f: model ? fieldValues(model, start) : {},
    },
    (v, submit) => {
      const out: FormErrors = {};
      if (!upgrading) {
        if (submit && !parsePlace(v.place)) out.place = t("errors.placeRequired");
        const name = releaseNameError(v.name, submit);
        if (name) out.name = t(`errors.${name}`, { max: RELEASE_NAME_MAX });
      }
      if (v.mode === "form" && model) {
        for (const [id, e] of Object.entries(fieldErrors(model, v.f ?? {}, submit))) out[`f.${id}`] = fieldErrorText(e);
      } else {
        const parsed = parseValues(v.yaml);
        if ("error" in parsed) out.yaml = t("errors.yaml", { detail: parsed.error });
      }
      return out;
    },
  );
  // The one project there is, once the projects arrive.
  const only = places.length === 1 ? places[0].value : undefined;
  useEffect(() => {
    if (only && !form.getValues("place")) form.setValue("place", only);
  }, [only, form]);
  const mode = useWatch({ control: form.control, name: "mode" });

  const valuesText = (v: FormValues) => (v.mode === "form" && model ? valuesYAML(applyFields(model, v.f, base)) : v.yaml);
  const body = (v: FormValues): InstallBody => {
    const place = release ? { cluster: release.cluster, namespace: release.namespace } : parsePlace(v.place)!;
    return { repo: chart.repo, chart: chart.name, version: chart.version, ...place, name: release?.name ?? v.name.trim(), values: valuesText(v) };
  };

  /** A failed request's messages on the fields that show them, the rest on top. */
  const showFailure = (err: unknown, v: FormValues, at: "preview" | "apply") => {
    setStep("edit");
    setFailedAt(at);
    const target = (field: string) => {
      if (field === "name" && !upgrading) return "name";
      if ((field === "cluster" || field === "namespace") && !upgrading) return "place";
      if (field === "values" && v.mode === "yaml") return "yaml";
      return undefined;
    };
    const taken = () => t("errors.nameTaken", { name: v.name.trim() });
    // Helm 4 says "cannot reuse a name", which the API does not (yet) turn into a 409.
    const extra: FormErrors = upgrading ? {} : err instanceof Error && /cannot re-?use a name/i.test(err.message) ? { name: taken() } : conflictOn(err, "name", taken);
    // Helm's schema errors name values: on the form's fields when it shows them.
    if (model && v.mode === "form" && err instanceof Error) for (const [id, m] of Object.entries(schemaErrorFields(err.message, model))) extra[`f.${id}`] = m;
    // After the edit step is back on screen, so the fields are there to take them.
    setTimeout(() => showServerErrors(form, err, target, extra, { summary: true }));
  };

  const previewing = useMutation({ mutationFn: previewRelease });
  const applying = useMutation({
    mutationFn: (b: InstallBody) => (release ? upgradeRelease(release.cluster, release.namespace, release.name, { repo: b.repo, chart: b.chart, version: b.version, values: b.values }) : installRelease(b)),
  });

  const onSubmit = (v: FormValues) => {
    if (step === "edit") {
      setPreview(undefined);
      previewing.mutate({ ...body(v), upgrade: upgrading }, {
        onSuccess: (p) => {
          // A fresh install's preview that finds a release of that name would be an upgrade's: the name is taken.
          if (!upgrading && p.installed) {
            showErrors(form, { name: t("errors.nameTaken", { name: v.name.trim() }) });
            return;
          }
          setPreview(p);
          setStep("preview");
        },
        onError: (err) => showFailure(err, v, "preview"),
      });
      return;
    }
    applying.mutate(body(v), {
      onSuccess: (r) => {
        void qc.invalidateQueries({ queryKey: appsKey });
        if (release) onDone();
        else router.push(releaseHref(r.cluster, r.namespace, r.name));
      },
      onError: (err) => showFailure(err, v, "apply"),
    });
  };

  const switchMode = async (to: "form" | "yaml") => {
    if (!model || to === mode) return;
    const v = form.getValues();
    if (to === "yaml") {
      // Only values the form can stand behind: its own checks first.
      const errors = fieldErrors(model, v.f, true);
      if (Object.keys(errors).length) {
        await form.checkFields(model.fields.map((f) => `f.${f.id}` as const));
        return;
      }
      form.setValue("yaml", valuesText(v));
      form.setValue("mode", "yaml");
      return;
    }
    const parsed = parseValues(v.yaml);
    if ("error" in parsed) {
      showErrors(form, { yaml: t("errors.yaml", { detail: parsed.error }) });
      return;
    }
    setBase(parsed.values);
    form.setValue("f", fieldValues(model, parsed.values));
    form.setValue("mode", "form");
    form.clearErrors();
  };

  const pending = previewing.isPending || applying.isPending;
  const submitText =
    step === "edit"
      ? { submit: t("preview"), submitting: t("previewing") }
      : upgrading
        ? { submit: t("upgrade"), submitting: t("upgrading") }
        : { submit: t("install"), submitting: t("installing") };

  const actions = (
    <>
      {applying.isPending && (
        <p role="status" data-testid="helm-progress" className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-200">
          <span aria-hidden className="h-4 w-4 shrink-0 animate-spin rounded-full border-2 border-sky-600 border-t-transparent" />
          {upgrading ? t("upgradeProgress") : t("installProgress")}
          {applying.variables && <ReleasePodsProgress cluster={applying.variables.cluster} namespace={applying.variables.namespace} release={applying.variables.name} />}
        </p>
      )}
      <FormActions
        onCancel={onDone}
        pending={pending}
        submit={submitText.submit}
        submitting={submitText.submitting}
        extra={
          step === "preview" && (
            <Button onClick={() => setStep("edit")} disabled={pending}>
              {t("back")}
            </Button>
          )
        }
      />
    </>
  );

  return (
    <Form form={form} onSubmit={onSubmit} pending={pending} failed={failedAt === "preview" ? t("failed") : upgrading ? t("failedUpgrade") : t("failedInstall")} actions={actions}>
      {step === "preview" && preview ? (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {upgrading
              ? t("previewIntroUpgrade", { name: release.name, chart: chart.name, version: chart.version })
              : t("previewIntroInstall", { name: form.getValues("name").trim(), chart: chart.name, version: chart.version, place: form.getValues("place") })}
          </p>
          <DiffView preview={preview} />
        </>
      ) : (
        <>
          {upgrading ? (
            <div className="grid gap-4 md:grid-cols-2">
              <div className="space-y-1 text-sm">
                <p className="font-medium text-slate-800 dark:text-slate-200">{t("release")}</p>
                <p>
                  <span className="font-mono">{release.name}</span>{" "}
                  <span className="text-slate-500 dark:text-slate-400">· {t("inPlace", { namespace: release.namespace, cluster: release.cluster })}</span>
                </p>
                <p className="text-xs text-slate-500 dark:text-slate-400">{t("fromChart", { repo: chart.repoDisplayName, chart: chart.name })}</p>
              </div>
              {versions}
            </div>
          ) : (
            <div className="grid gap-4 md:grid-cols-2">
              <SelectField
                name="place"
                label={t("project")}
                hint={projects.isError ? projects.error.message : places.length ? t("projectHint") : projects.isPending || can.pending ? t("loadingProjects") : all.length ? t("noInstallableProjects") : t("noProjects")}
                options={places}
                placeholder={places.length === 1 ? undefined : t("chooseProject")}
                autoFocus
              />
              <TextField name="name" label={t("name")} hint={t("nameHint", { max: RELEASE_NAME_MAX })} code maxLength={RELEASE_NAME_MAX + 10} />
            </div>
          )}
          <ValuesSection model={model} mode={mode} onMode={switchMode} />
        </>
      )}
    </Form>
  );
}

function ValuesSection({ model, mode, onMode }: { model?: ValuesModel; mode: "form" | "yaml"; onMode: (m: "form" | "yaml") => void }) {
  const t = useTranslations(MESSAGES);
  const toggle = (m: "form" | "yaml", label: string) => (
    <button
      type="button"
      aria-pressed={mode === m}
      onClick={() => onMode(m)}
      className={`px-3 py-1 text-xs font-medium first:rounded-l-md last:rounded-r-md focus-visible:outline-2 focus-visible:outline-sky-600 ${
        mode === m ? "bg-sky-700 text-white dark:bg-sky-600" : "bg-white text-slate-700 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
      }`}
    >
      {label}
    </button>
  );
  return (
    <section aria-labelledby="values-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="values-title" className="text-sm font-semibold">
          {t("values")}
        </h3>
        {model && (
          <div role="group" aria-label={t("valuesAs")} className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-600">
            {toggle("form", t("asForm"))}
            {toggle("yaml", t("asYaml"))}
          </div>
        )}
      </div>
      {mode === "form" && model ? (
        <div className="space-y-3">
          <p className="text-xs text-slate-500 dark:text-slate-400">{t("formHint")}</p>
          <ValuesFields nodes={model.nodes} />
        </div>
      ) : (
        <TextField name="yaml" label={t("valuesYaml")} hint={model ? t("yamlHintSchema") : t("yamlHintNoSchema")} rows={18} code />
      )}
    </section>
  );
}
