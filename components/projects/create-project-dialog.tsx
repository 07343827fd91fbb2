"use client";

import { useTranslations } from "next-intl";
import { useId, useRef } from "react";
import { Dialog } from "@/components/ui/dialog";
import { Form } from "@/components/ui/form";
import { StepActions, StepNav } from "@/components/ui/steps";
import type { Tenant } from "@/lib/access/queries";
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
  const headingId = useId();
  const root = useRef<HTMLDivElement>(null);
  const w = useProjectWizard(tenants, root);
  const { step, last } = w.steps;
  const pending = w.pending;
  return (
    <div ref={root} className="space-y-4">
      {w.created ? (
        <CreatedView created={w.created} onDone={onDone} />
      ) : (
        <>
          <StepNav state={w.steps} name={(s) => t(`steps.${s}`)} failed={w.failed()} disabled={pending} />
          <h3 id={headingId} className="text-base font-semibold">
            {t(`steps.${step}`)}
          </h3>
          <Form
            form={w.form}
            onSubmit={w.submit}
            onInvalid={w.onInvalid}
            onNext={last ? undefined : () => void w.next()}
            labelledBy={headingId}
            failed={w.forbidden ? t("forbidden") : t("failed")}
            pending={pending}
            actions={<StepActions state={w.steps} onCancel={onDone} pending={pending} submit={t("submit")} submitting={t("submitting")} nextOff={tenants.length === 0} />}
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
