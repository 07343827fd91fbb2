"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { dialogAutoFocus } from "@/components/ui/dialog-autofocus";
import { ErrorState } from "@/components/ui/states";
import { ApiClientError } from "@/lib/client/api";
import { type LaneState, type Promotion, type PromotionAction, laneKey, promote, promotionAction } from "@/lib/promotion/queries";
import { type PromoteOffer, imageLabel } from "./lane-model";
import { ChangePreview, type ChangePreviewProps, MESSAGES, actionPreview } from "./lane-views";

// The confirmations of the lane page: a promotion (with its diff) and an
// approval, rejection or rollback of one. Each shows what it changes as it was
// when the dialog opened, and sends that (expectImage): if the stage runs
// something else by now, the server refuses (409) rather than promote unseen.

/** The body of a confirmation: the server's refusal on top, the preview, Cancel and the action. */
function Confirm({
  preview,
  note,
  error,
  pending,
  submit,
  submitting,
  danger,
  testId,
  onSubmit,
  onCancel,
}: {
  /** What is patched; none for a rejection (nothing changes). */
  preview?: ChangePreviewProps;
  note?: React.ReactNode;
  error: { title: string; message: string } | undefined;
  pending: boolean;
  submit: string;
  submitting: string;
  danger?: boolean;
  testId: string;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  const tc = useTranslations("common");
  return (
    <form
      className="space-y-4"
      aria-busy={pending}
      onSubmit={(e) => {
        e.preventDefault();
        if (!pending) onSubmit();
      }}
    >
      {error && <ErrorState title={error.title} message={error.message} />}
      {note && <p className="text-sm">{note}</p>}
      {preview && <ChangePreview {...preview} />}
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
        <Button ref={dialogAutoFocus} onClick={onCancel}>
          {tc("cancel")}
        </Button>
        <Button type="submit" data-testid={testId} variant={danger ? "danger" : "primary"} disabled={pending}>
          {pending ? submitting : submit}
        </Button>
      </div>
    </form>
  );
}

/** The title of a refusal: a conflict (the lane moved on) or any other failure. */
function useFailure(failed: string) {
  const t = useTranslations(MESSAGES);
  return (err: Error | null) =>
    err ? { title: err instanceof ApiClientError && err.status === 409 ? t("conflict") : err instanceof ApiClientError && err.status === 403 ? t("forbidden") : failed, message: err.message } : undefined;
}

export function PromoteDialog({ lane, offer, onClose, onDone }: { lane: string; offer: PromoteOffer | undefined; onClose: () => void; onDone: (p: Promotion) => void }) {
  const t = useTranslations(MESSAGES);
  return (
    <Dialog open={!!offer} onClose={onClose} title={offer ? t("promoteDialog.title", { from: offer.from.name, to: offer.to.name }) : ""} wide>
      {offer && <PromoteForm key={`${offer.from.name}>${offer.to.name}`} lane={lane} offer={offer} onCancel={onClose} onDone={onDone} />}
    </Dialog>
  );
}

function PromoteForm({ lane, offer, onCancel, onDone }: { lane: string; offer: PromoteOffer; onCancel: () => void; onDone: (p: Promotion) => void }) {
  const t = useTranslations(MESSAGES);
  const qc = useQueryClient();
  const { from, to } = offer;
  const run = useMutation({
    mutationFn: () => promote({ lane, from: from.name, to: to.name, expectImage: from.image?.ref }),
    // Whatever the outcome the lane has news: the promotion, or a source that moved on.
    onSettled: () => qc.invalidateQueries({ queryKey: laneKey(lane) }),
    onSuccess: onDone,
  });
  const failure = useFailure(t("promoteDialog.failed"));
  if (!from.image) return null;
  const approval = to.requireApproval;
  return (
    <Confirm
      preview={{ target: to, before: to.image, after: from.image, approval }}
      note={t("promoteDialog.body", { from: from.name, to: to.name })}
      error={failure(run.error)}
      pending={run.isPending}
      submit={approval ? t("promoteDialog.request") : t("promoteDialog.submit")}
      submitting={t("promoteDialog.submitting")}
      testId="promote-confirm"
      onSubmit={() => run.mutate()}
      onCancel={onCancel}
    />
  );
}

export type ActionState = { promotion: Promotion; action: PromotionAction };

/** Approve, reject or roll back a promotion, after seeing what it changes. */
export function PromotionActionDialog({ lane, state, onClose, onDone }: { lane: LaneState; state: ActionState | undefined; onClose: () => void; onDone: (p: Promotion, action: PromotionAction) => void }) {
  const t = useTranslations(MESSAGES);
  const title = state ? t(`actionDialog.${state.action}.title`, { from: state.promotion.from, to: state.promotion.to }) : "";
  return (
    <Dialog open={!!state} onClose={onClose} title={title} wide>
      {state && <ActionForm key={`${state.promotion.name}/${state.action}`} lane={lane} state={state} onCancel={onClose} onDone={onDone} />}
    </Dialog>
  );
}

function ActionForm({ lane, state, onCancel, onDone }: { lane: LaneState; state: ActionState; onCancel: () => void; onDone: (p: Promotion, action: PromotionAction) => void }) {
  const t = useTranslations(MESSAGES);
  const qc = useQueryClient();
  const { promotion: p, action } = state;
  // Frozen when the dialog opens: the lane refreshes underneath while the user reads.
  const [preview] = useState(() => actionPreview(lane, p, action));
  const run = useMutation({
    mutationFn: () => promotionAction(p.name, action),
    onSettled: () => qc.invalidateQueries({ queryKey: laneKey(lane.name) }),
    onSuccess: (out) => onDone(out, action),
  });
  const failure = useFailure(t(`actionDialog.${action}.failed`));
  const words = { from: p.from, to: p.to, user: p.requestedBy, image: imageLabel(p.image), current: imageLabel(preview.before) };
  return (
    <Confirm
      preview={action === "reject" ? undefined : preview}
      note={t(`actionDialog.${action}.body`, words)}
      error={failure(run.error)}
      pending={run.isPending}
      submit={t(`actionDialog.${action}.submit`)}
      submitting={t(`actionDialog.${action}.submitting`)}
      danger={action !== "approve"}
      testId={`${action}-confirm`}
      onSubmit={() => run.mutate()}
      onCancel={onCancel}
    />
  );
}
