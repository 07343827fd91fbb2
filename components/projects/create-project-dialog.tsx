"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FORM_ERROR } from "@/components/ui/form-errors";
import { ErrorState } from "@/components/ui/states";
import { StepNav } from "@/components/ui/steps";
import type { Tenant } from "@/lib/access/queries";
import { stepOfField } from "./project-model";
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
  const body = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const opened = useRef(true);

  useEffect(() => {
    // The dialog focuses the first step's field itself when it opens.
    if (opened.current) {
      opened.current = false;
      return;
    }
    const el =
      body.current?.querySelector<HTMLElement>("[aria-invalid=true]") ??
      body.current?.querySelector<HTMLElement>("input:not([disabled]), select, textarea") ??
      (formRef.current ?? body.current)?.querySelector<HTMLElement>("button[data-step-focus]");
    el?.focus();
  }, [step, w.created]);

  if (w.created) return <CreatedView created={w.created} onDone={onDone} focusRef={body} />;

  const pending = w.pending;
  const next = () => {
    // Focus lands on the first invalid control after the errors render.
    if (!w.next()) setTimeout(() => body.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus(), 0);
  };
  const failed = w.serverErrors[FORM_ERROR];

  return (
    <div className="space-y-4">
      <StepNav
        state={w.steps}
        label={t("stepsLabel")}
        text={(s, i) => t("stepN", { n: i + 1, step: t(`steps.${s}`) })}
        failed={(s) => Object.keys(w.serverErrors).some((f) => f !== FORM_ERROR && stepOfField(f) === s)}
        disabled={pending}
      />
      <form
        ref={formRef}
        noValidate
        aria-labelledby={headingId}
        aria-busy={pending}
        onSubmit={(e) => {
          e.preventDefault();
          if (last) w.submit();
          else next();
        }}
        className="space-y-4"
      >
        <h3 id={headingId} className="text-base font-semibold">
          {t(`steps.${step}`)}
        </h3>
        {failed && <ErrorState title={w.forbidden ? t("forbidden") : t("failed")} message={failed} />}
        <div ref={body}>
          <fieldset disabled={pending} className="space-y-4">
            {step === "tenant" && <TenantStep w={w} tenants={tenants} />}
            {step === "clusters" && <ClustersStep w={w} tenants={tenants} />}
            {step === "name" && <NameStep w={w} />}
            {step === "nodes" && <NodesStep w={w} />}
            {step === "quota" && <QuotaStep w={w} />}
            {step === "review" && <ReviewStep w={w} tenants={tenants} />}
          </fieldset>
        </div>
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
      </form>
    </div>
  );
}
