"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useSession } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { type ConfirmSpec, ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { QueryView } from "@/components/ui/query-view";
import { Badge } from "@/components/ui/status-badge";
import { type LaneState, type Promotion, type PromotionAction, deleteLane, laneKey, laneQuery, lanesKey } from "@/lib/promotion/queries";
import { LaneDialog } from "./lane-dialog";
import { type PromoteOffer, imageLabel } from "./lane-model";
import { LaneView, MESSAGES } from "./lane-views";
import { type ActionState, PromoteDialog, PromotionActionDialog } from "./promote-dialogs";

type Notice = { tone: "green" | "amber"; text: string };

/** One lane, kept current (laneQuery polls): promote, approve, roll back; edit and delete for its tenant's admins. */
export function LaneDetail({ name }: { name: string }) {
  const t = useTranslations(MESSAGES);
  const session = useSession();
  const router = useRouter();
  const qc = useQueryClient();
  const q = useQuery(laneQuery(name));
  const [promoting, setPromoting] = useState<PromoteOffer>();
  const [acting, setActing] = useState<ActionState>();
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<ConfirmSpec>();
  const [notice, setNotice] = useState<Notice>();
  const lane = q.data;

  const promoted = (p: Promotion) => {
    setPromoting(undefined);
    setNotice(
      p.phase === "WaitingApproval"
        ? { tone: "amber", text: t("notice.waiting", { from: p.from, to: p.to, image: imageLabel(p.image) }) }
        : { tone: "green", text: t("notice.promoted", { from: p.from, to: p.to, image: imageLabel(p.image) }) },
    );
  };
  const acted = (p: Promotion, action: PromotionAction) => {
    setActing(undefined);
    setNotice({ tone: action === "reject" ? "amber" : "green", text: t(`notice.${action}`, { from: p.from, to: p.to, image: imageLabel(action === "rollback" ? p.previousImage : p.image) }) });
  };
  const askDelete = (l: LaneState) =>
    setConfirm({
      id: l.name,
      title: t("deleteDialog.title", { name: l.name }),
      body: <p>{t("deleteDialog.body", { name: l.displayName || l.name })}</p>,
      submit: t("deleteDialog.submit"),
      submitting: t("deleteDialog.submitting"),
      failed: t("deleteDialog.failed"),
      typeToConfirm: { value: l.name, label: t("deleteDialog.confirmLabel", { name: l.name }) },
      action: async () => {
        await deleteLane(l.name);
        // Gone: no refetch of it (a 404) while the list page loads.
        qc.removeQueries({ queryKey: laneKey(l.name) });
        router.push("/pipelines/promotion");
      },
    });

  return (
    <div className="space-y-6">
      <PageHeader
        back={{ href: "/pipelines/promotion", label: t("back") }}
        title={lane?.displayName || name}
        meta={
          lane && (
            <>
              {lane.displayName && <span className="font-mono text-sm text-slate-500 dark:text-slate-400">{lane.name}</span>}
              <Badge title={t("columns.tenant")}>{lane.tenant}</Badge>
            </>
          )
        }
        subtitle={lane?.description}
        actions={
          lane?.canEdit && (
            <>
              <Button data-testid="edit-lane" onClick={() => setEditing(true)}>
                {t("edit")}
              </Button>
              <Button data-testid="delete-lane" variant="ghost" className="text-red-700 dark:text-red-400" onClick={() => askDelete(lane)}>
                {t("delete")}
              </Button>
            </>
          )
        }
      />
      {notice && (
        <div
          role="status"
          data-testid="lane-notice"
          className={`flex items-start justify-between gap-3 rounded-md border px-3 py-2 text-sm ${
            notice.tone === "green"
              ? "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200"
              : "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200"
          }`}
        >
          <span>{notice.text}</span>
          <button type="button" onClick={() => setNotice(undefined)} aria-label={t("dismiss")} className="rounded px-1 opacity-70 hover:opacity-100">
            ✕
          </button>
        </div>
      )}
      {lane ? (
        <>
          {/* A failed refresh keeps what was shown, saying it may be out of date. */}
          {q.isError && (
            <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
              {t("stale", { message: q.error.message })}
            </p>
          )}
          <LaneView
            lane={lane}
            me={{ name: session.name, username: session.username }}
            onPromote={(offer) => setPromoting(offer)}
            onAction={(promotion, action) => setActing({ promotion, action })}
          />
          <PromoteDialog lane={lane.name} offer={promoting} onClose={() => setPromoting(undefined)} onDone={promoted} />
          <PromotionActionDialog lane={lane} state={acting} onClose={() => setActing(undefined)} onDone={acted} />
          {lane.canEdit && <LaneDialog state={editing ? { mode: "edit", lane } : undefined} onClose={() => setEditing(false)} />}
        </>
      ) : (
        <QueryView query={q}>{() => null}</QueryView>
      )}
      <ConfirmDialog spec={confirm} onClose={() => setConfirm(undefined)} invalidate={[lanesKey]} />
    </div>
  );
}
