"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { useFieldArray, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { type CheckedForm, CheckField, DialogForm, SelectField, TextField, showServerErrors, useCheckedForm } from "@/components/ui/form";
import { type FormErrors, conflictOn, schemaErrors } from "@/components/ui/form-errors";
import { projectsQuery } from "@/lib/access/queries";
import { clustersQuery } from "@/lib/clusters/queries";
import { type Lane, createLane, promotionKey, updateLane } from "@/lib/promotion/queries";
import { MAX_STAGES, createLaneBodySchema, updateLaneBodySchema } from "@/lib/validations/promotion";
import {
  LANE_NAME_MAX,
  type LaneValues,
  MIN_STAGES,
  STAGE_NAME_MAX,
  createLaneBody,
  emptyStage,
  laneErrorTarget,
  laneValues,
  ownLaneErrors,
  updateLaneBody,
} from "./lane-model";
import { MESSAGES } from "./lane-views";

/** `tenant`: the one to preselect among `tenants` (e.g. the tenant the page shows). */
export type LaneDialogState = { mode: "create"; tenants: string[]; tenant?: string } | { mode: "edit"; lane: Lane };

/** Defines a lane (in one of `tenants`) or changes one: its names and its stages in promotion order. */
export function LaneDialog({ state, onClose, onCreated }: { state: LaneDialogState | undefined; onClose: () => void; onCreated?: (lane: Lane) => void }) {
  const t = useTranslations(MESSAGES);
  const title = state?.mode === "edit" ? t("laneDialog.editTitle", { name: state.lane.displayName || state.lane.name }) : t("laneDialog.createTitle");
  return (
    <Dialog open={!!state} onClose={onClose} title={title} wide>
      {state && (
        <LaneForm
          key={state.mode === "edit" ? state.lane.name : "new"}
          lane={state.mode === "edit" ? state.lane : undefined}
          tenants={state.mode === "edit" ? [state.lane.tenant] : state.tenants}
          preferred={state.mode === "create" ? state.tenant : undefined}
          onDone={onClose}
          onCreated={onCreated}
        />
      )}
    </Dialog>
  );
}

function LaneForm({
  lane,
  tenants,
  preferred,
  onDone,
  onCreated,
}: {
  lane?: Lane;
  tenants: string[];
  preferred?: string;
  onDone: () => void;
  onCreated?: (lane: Lane) => void;
}) {
  const t = useTranslations(MESSAGES);
  const tc = useTranslations("common");
  const qc = useQueryClient();
  const creating = !lane;
  const form = useCheckedForm<LaneValues>(laneValues(lane, tenants, preferred), (v, submit) => {
    const out: FormErrors = {};
    for (const [field, e] of Object.entries(ownLaneErrors(v, submit, creating))) out[field] = t(`form.errors.${e.key}`, { max: e.max ?? 0 });
    if (Object.keys(out).length || !submit) return out;
    const target = laneErrorTarget(v.stages.length, creating);
    return creating ? schemaErrors(createLaneBodySchema, createLaneBody(v), target) : schemaErrors(updateLaneBodySchema, updateLaneBody(v), target);
  });

  const save = useMutation({
    mutationFn: (v: LaneValues) => (creating ? createLane(createLaneBody(v)) : updateLane(lane.name, updateLaneBody(v))),
    onSuccess: () => qc.invalidateQueries({ queryKey: promotionKey }),
  });

  const onSubmit = (v: LaneValues) =>
    save.mutate(v, {
      onSuccess: (saved) => {
        onDone();
        if (creating) onCreated?.(saved);
      },
      onError: (err) =>
        showServerErrors(form, err, laneErrorTarget(v.stages.length, creating), creating ? conflictOn(err, "name", () => t("form.nameTaken", { name: v.name.trim() })) : {}),
    });

  const text = creating
    ? { failed: t("laneDialog.createFailed"), submit: t("laneDialog.create"), submitting: t("laneDialog.creating") }
    : { failed: t("laneDialog.editFailed"), submit: tc("save"), submitting: tc("saving") };
  return (
    <DialogForm form={form} onSubmit={onSubmit} pending={save.isPending} onCancel={onDone} text={text}>
      <div className="grid gap-4 md:grid-cols-2">
        {creating ? (
          <>
            <TextField name="name" label={t("form.name")} hint={t("form.nameHint", { max: LANE_NAME_MAX })} code required autoFocus />
            <SelectField
              name="tenant"
              label={t("form.tenant")}
              hint={t("form.tenantHint")}
              options={tenants.map((x) => ({ value: x, label: x }))}
              placeholder={tenants.length === 1 ? undefined : t("form.chooseTenant")}
            />
          </>
        ) : (
          <div className="space-y-1 text-sm md:col-span-2">
            <p className="font-medium text-slate-800 dark:text-slate-200">{t("form.name")}</p>
            <p>
              <span className="font-mono">{lane.name}</span> <span className="text-slate-500 dark:text-slate-400">· {t("form.inTenant", { tenant: lane.tenant })}</span>
            </p>
            <p className="text-xs text-slate-500 dark:text-slate-400">{t("form.nameFixed")}</p>
          </div>
        )}
        <TextField name="displayName" label={t("form.displayName")} autoFocus={!creating} maxLength={100} />
        <TextField name="description" label={t("form.description")} maxLength={500} />
      </div>
      <StageRows form={form} />
    </DialogForm>
  );
}

/** The stages in promotion order: add, remove (down to two), move up and down. */
function StageRows({ form }: { form: CheckedForm<LaneValues> }) {
  const t = useTranslations(MESSAGES);
  const { fields, append, remove, move } = useFieldArray({ control: form.control, name: "stages" });
  const tenant = useWatch({ control: form.control, name: "tenant" });
  const clusters = useQuery(clustersQuery());
  // Projects of the tenant to offer as the user types; only a help, the field takes any name.
  const projects = useQuery({ ...projectsQuery({ tenant }), enabled: !!tenant });
  const clusterOptions = (clusters.data?.items ?? []).map((c) => ({ value: c.name, label: c.displayName || c.name, detail: c.name }));
  const last = fields.length - 1;
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{t("form.stages")}</legend>
      <p className="text-xs text-slate-500 dark:text-slate-400">{t("form.stagesHint", { min: MIN_STAGES, max: MAX_STAGES })}</p>
      <ol className="space-y-3">
        {fields.map((f, i) => (
          <StageRow
            key={f.id}
            index={i}
            clusterOptions={clusterOptions}
            projects={(cluster) => (projects.data?.items ?? []).filter((p) => p.cluster === cluster).map((p) => p.namespace)}
            onUp={i > 0 ? () => move(i, i - 1) : undefined}
            onDown={i < last ? () => move(i, i + 1) : undefined}
            onRemove={fields.length > MIN_STAGES ? () => remove(i) : undefined}
          />
        ))}
      </ol>
      {fields.length < MAX_STAGES && (
        <Button variant="ghost" className="text-sky-800 dark:text-sky-300" data-testid="add-stage" onClick={() => append(emptyStage())}>
          + {t("form.addStage")}
        </Button>
      )}
    </fieldset>
  );
}

const PLACEHOLDERS = ["dev", "test", "prod"];

function StageRow({
  index: i,
  clusterOptions,
  projects,
  onUp,
  onDown,
  onRemove,
}: {
  index: number;
  clusterOptions: { value: string; label: string; detail?: string }[];
  projects: (cluster: string) => string[];
  onUp?: () => void;
  onDown?: () => void;
  onRemove?: () => void;
}) {
  const t = useTranslations(MESSAGES);
  const id = useId();
  const n = i + 1;
  const at = (field: string) => `stages.${i}.${field}`;
  const cluster = (useWatch({ name: at("cluster") }) as string | undefined) ?? "";
  const name = ((useWatch({ name: at("name") }) as string | undefined) ?? "").trim();
  const offered = cluster ? projects(cluster) : [];
  const tool = (label: string, glyph: string, onClick?: () => void, testId?: string) => (
    <Button variant="ghost" className="px-2 py-1" aria-label={label} title={label} disabled={!onClick} onClick={onClick} data-testid={testId}>
      <span aria-hidden>{glyph}</span>
    </Button>
  );
  return (
    <li data-testid={`stage-row-${i}`} className="rounded-lg border border-slate-200 p-3 dark:border-slate-700">
      <div role="group" aria-labelledby={`${id}-title`} className="space-y-3">
        <div className="flex items-center justify-between gap-2">
          <p id={`${id}-title`} className="text-sm font-semibold">
            {name ? t("form.stageNamed", { n, name }) : t("form.stageN", { n })}
          </p>
          <div className="flex items-center gap-0.5">
            {tool(t("form.moveUp", { n }), "↑", onUp)}
            {tool(t("form.moveDown", { n }), "↓", onDown)}
            {tool(onRemove ? t("form.removeStage", { n }) : t("form.keepTwo", { min: MIN_STAGES }), "✕", onRemove, `remove-stage-${i}`)}
          </div>
        </div>
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField name={at("name")} label={t("form.stageName")} hint={t("form.stageNameHint", { max: STAGE_NAME_MAX })} placeholder={PLACEHOLDERS[Math.min(i, 2)]} code />
          <SelectField name={at("cluster")} label={t("form.cluster")} options={clusterOptions} placeholder={t("form.chooseCluster")} />
          <TextField name={at("namespace")} label={t("form.project")} code list={offered.length ? `${id}-projects` : undefined} />
          <TextField name={at("workload")} label={t("form.deployment")} code />
          <TextField name={at("container")} label={t("form.container")} hint={t("form.containerHint")} code />
          <div className="pt-6">
            <CheckField name={at("requireApproval")} label={t("form.requireApproval")} hint={t("form.requireApprovalHint")} />
          </div>
        </div>
        {offered.length > 0 && (
          <datalist id={`${id}-projects`}>
            {offered.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        )}
      </div>
    </li>
  );
}
