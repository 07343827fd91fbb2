"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Form } from "@/components/ui/form";
import { focusFirstInvalid } from "@/components/ui/form-errors";
import { StepNav } from "@/components/ui/steps";
import type { Tenant } from "@/lib/access/queries";
import { STEP_FIELDS } from "./project-model";
import { useProjectWizard } from "./use-project-wizard";
import { ClustersStep, CreatedView, NameStep, NodesStep, QuotaStep, ReviewStep, TenantStep } from "./wizard-steps";

/** The create-project wizard: tenant → clusters → name → node selector → quota and limits → review. */
export function CreateProjectDialog({ open, onClose, tenants }: { open: boolean; onClose: () => void; tenants: Tenant[] }) {
  const t = useTranslations("projects.create");
  return (
    <Dialog open={open} onClose={onClose} title={t("title")} wide>
      {open && <Wizard tenants={tenants} onDone={onClose} />}
    </Dialog>
  );
}

function Wizard({ tenants, onDone }: { tenants: Tenant[]; onDone: () => void }) {
  const t = useTranslations("projects.create");
  const tc = useTranslations("common");
  const headingId = useId();
  const w = useProjectWizard(tenants);
  const { step, first, last } = w.steps;
  const errors = w.form.formState.errors;
  const root = useRef<HTMLDivElement>(null);
  const opened = useRef(true);

  useEffect(() => {
    // The dialog focuses the first step's field itself when it opens.
    if (opened.current) {
      opened.current = false;
      return;
    }
    const el =
      root.current?.querySelector<HTMLElement>("form [aria-invalid=true]") ??
      root.current?.querySelector<HTMLElement>("form input:not([disabled]), form select, form textarea") ??
      root.current?.querySelector<HTMLElement>("button[data-step-focus]");
    el?.focus();
  }, [step, w.created]);

  const pending = w.pending;
  const next = async () => {
    // Focus lands on the first invalid control once the errors show.
    if (!(await w.next())) requestAnimationFrame(() => focusFirstInvalid(root.current));
  };
  const actions = (
    <div className="flex justify-between gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
      <Button onClick={onDone} disabled={pending}>
        {tc("cancel")}
      </Button>
      <div className="flex gap-2">
        {!first && (
          <Button onClick={w.steps.back} disabled={pending}>
            {t("back")}
          </Button>
        )}
        {last ? (
          <Button type="submit" variant="primary" disabled={pending} data-step-focus>
            {pending ? t("submitting") : t("submit")}
          </Button>
        ) : (
          <Button type="submit" variant="primary" disabled={tenants.length === 0}>
            {t("next")}
          </Button>
        )}
      </div>
    </div>
  );

  return (
    <div ref={root} className="space-y-4">
      {w.created ? (
        <CreatedView created={w.created} onDone={onDone} />
      ) : (
        <>
          <StepNav
            state={w.steps}
            label={t("stepsLabel")}
            text={(s, i) => t("stepN", { n: i + 1, step: t(`steps.${s}`) })}
            failed={(s) => STEP_FIELDS[s].some((f) => f in errors)}
            disabled={pending}
          />
          <h3 id={headingId} className="text-base font-semibold">
            {t(`steps.${step}`)}
          </h3>
          <Form
            form={w.form}
            onSubmit={w.submit}
            onInvalid={w.invalid}
            onNext={last ? undefined : () => void next()}
            labelledBy={headingId}
            failed={w.forbidden ? t("forbidden") : t("failed")}
            pending={pending}
            actions={actions}
          >
            {step === "tenant" && <TenantStep w={w} tenants={tenants} />}
            {step === "clusters" && <ClustersStep tenants={tenants} />}
            {step === "name" && <NameStep w={w} />}
            {step === "nodes" && <NodesStep />}
            {step === "quota" && <QuotaStep w={w} />}
            {step === "review" && <ReviewStep w={w} tenants={tenants} />}
          </Form>
        </>
      )}
    </div>
  );
}
