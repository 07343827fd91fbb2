"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Fragment } from "react";
import { Age } from "@/components/ui/age";
import { GuardedButton } from "@/components/ui/guarded-button";
import { Section } from "@/components/ui/section";
import { EmptyState } from "@/components/ui/states";
import { Badge } from "@/components/ui/status-badge";
import { StatusBadge } from "@/components/workloads/columns";
import { detailHref } from "@/lib/k8s/kinds/kind";
import { runTone } from "@/lib/k8s/kinds/pipeline";
import type { ImageRef, Lane, LaneState, LanesAnswer, Promotion, PromotionAction, StageState } from "@/lib/promotion/queries";
import { parseImageRef } from "@/lib/k8s/kinds/image";
import {
  type ActionBlock,
  type ImageDiff,
  type Me,
  PHASE_TONES,
  type PromoteOffer,
  approveBlock,
  imageDiff,
  imageLabel,
  promoteOffers,
  promotionTime,
  replicaTone,
  rejectBlock,
  rollbackBlock,
  digestLabel,
  waitingInto,
  waitingPromotions,
} from "./lane-model";

// Pure renderers of the promotion pages: the lanes, one lane's stages with
// what may be promoted between them, the promotions waiting for approval and
// the history, and the preview of a change that the dialogs confirm.

export const MESSAGES = "workloads.promotion";

const enc = encodeURIComponent;
export const laneHref = (name: string) => `/pipelines/promotion/${enc(name)}`;
export const projectHref = (tenant: string, namespace: string) => `/projects/${enc(tenant)}/${enc(namespace)}`;

const linkClass = "text-sky-800 hover:underline dark:text-sky-300";
const tableWrap = "overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700";
const theadClass = "bg-slate-50 text-xs uppercase text-slate-600 dark:bg-slate-800/60 dark:text-slate-300";
const th = "px-3 py-2 font-medium";
const td = "px-3 py-2 align-top";
const muted = "text-slate-500 dark:text-slate-400";

// ---- the lanes ----

/** A lane's stages in order, as chips with where each runs. */
export function StageChips({ stages }: { stages: Lane["stages"] }) {
  const t = useTranslations(MESSAGES);
  return (
    <ol className="flex flex-wrap items-center gap-1.5">
      {stages.map((s, i) => (
        <Fragment key={s.name}>
          {i > 0 && (
            <li aria-hidden className="text-slate-400">
              →
            </li>
          )}
          <li
            className="rounded-md border border-slate-200 bg-slate-50 px-2 py-1 leading-tight dark:border-slate-700 dark:bg-slate-800/60"
            title={`${s.cluster} · ${s.namespace} · ${s.workload}`}
          >
            <span className="flex items-center gap-1 text-xs font-semibold text-slate-800 dark:text-slate-100">
              {s.name}
              {s.requireApproval && (
                <span className="text-amber-700 dark:text-amber-400" title={t("needsApproval")}>
                  <span aria-hidden>●</span>
                  <span className="sr-only">{t("needsApproval")}</span>
                </span>
              )}
            </span>
            <span className="block font-mono text-[11px] text-slate-500 dark:text-slate-400">
              {s.cluster} · {s.namespace}
            </span>
          </li>
        </Fragment>
      ))}
    </ol>
  );
}

/** What a lane is, for a page without any. */
function LanesEmpty({ canCreate }: { canCreate: boolean }) {
  const t = useTranslations(MESSAGES);
  return (
    <EmptyState title={t("empty.title")}>
      <div data-testid="lanes-empty" className="mx-auto max-w-xl space-y-2">
        <p>{t("empty.what")}</p>
        <p>{canCreate ? t("empty.create") : t("empty.ask")}</p>
      </div>
    </EmptyState>
  );
}

/** The lanes the caller may see, by tenant and name. */
export function LanesView({ answer }: { answer: LanesAnswer }) {
  const t = useTranslations(MESSAGES);
  if (!answer.items.length) return <LanesEmpty canCreate={answer.canCreateIn.length > 0} />;
  const lanes = [...answer.items].sort((a, b) => a.tenant.localeCompare(b.tenant) || a.name.localeCompare(b.name));
  return (
    <div className={tableWrap}>
      <table className="w-full text-left text-sm" aria-label={t("title")} data-testid="lanes">
        <thead className={theadClass}>
          <tr>
            <th className={th}>{t("columns.lane")}</th>
            <th className={th}>{t("columns.tenant")}</th>
            <th className={th}>{t("columns.stages")}</th>
          </tr>
        </thead>
        <tbody>
          {lanes.map((l) => (
            <tr key={l.name} data-testid={`lane-row-${l.name}`} className="border-t border-slate-100 dark:border-slate-800">
              <td className={`${td} min-w-48`}>
                <Link href={laneHref(l.name)} className={`font-medium ${linkClass}`}>
                  {l.displayName || l.name}
                </Link>
                {l.displayName && <span className={`block font-mono text-xs ${muted}`}>{l.name}</span>}
                {l.description && <p className={`mt-0.5 line-clamp-2 max-w-md text-xs ${muted}`}>{l.description}</p>}
              </td>
              <td className={td}>
                <Badge>{l.tenant}</Badge>
              </td>
              <td className={td}>
                <StageChips stages={l.stages} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// ---- one lane ----

export interface LaneViewProps {
  lane: LaneState;
  me: Me;
  onPromote: (offer: PromoteOffer) => void;
  onAction: (promotion: Promotion, action: PromotionAction) => void;
}

/** A lane: its stages left to right with Promote between them, the promotions waiting for approval, the history. */
export function LaneView({ lane, me, onPromote, onAction }: LaneViewProps) {
  const t = useTranslations(MESSAGES);
  const waiting = waitingPromotions(lane.promotions);
  return (
    <div className="space-y-8">
      <Section id="lane-stages" title={t("stages")}>
        <StageBoard lane={lane} onPromote={onPromote} />
      </Section>
      {waiting.length > 0 && (
        <Section id="lane-waiting" title={t("waiting.title", { count: waiting.length })}>
          <WaitingList lane={lane} waiting={waiting} me={me} onAction={onAction} />
        </Section>
      )}
      <Section id="lane-history" title={t("history.title")}>
        {lane.promotions.length ? <HistoryTable lane={lane} onAction={onAction} /> : <EmptyState title={t("history.empty")} />}
      </Section>
    </div>
  );
}

function StageBoard({ lane, onPromote }: { lane: LaneState; onPromote: (offer: PromoteOffer) => void }) {
  const t = useTranslations(MESSAGES);
  const offers = promoteOffers(lane.stages, lane.promotions);
  return (
    <ol className="flex items-stretch overflow-x-auto pb-2" aria-label={t("stages")}>
      {lane.stages.map((s, i) => (
        <Fragment key={s.name}>
          {i > 0 && (
            <li className="flex shrink-0">
              <PromoteGate offer={offers[i - 1]} waiting={waitingInto(lane.promotions, s.name)} onPromote={onPromote} />
            </li>
          )}
          <li className="flex shrink-0">
            <StageCard stage={s} tenant={lane.tenant} />
          </li>
        </Fragment>
      ))}
    </ol>
  );
}

/** Where a stage runs and what: its image, replicas, and the runs that built the image. */
export function StageCard({ stage: s, tenant }: { stage: StageState; tenant: string }) {
  const t = useTranslations(MESSAGES);
  return (
    <article
      data-testid={`stage-${s.name}`}
      aria-label={t("stageLabel", { stage: s.name })}
      className="flex w-72 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-900"
    >
      <header className="space-y-1">
        <div className="flex items-center justify-between gap-2">
          <h3 className="truncate text-sm font-semibold tracking-wide uppercase">{s.name}</h3>
          {s.requireApproval && <Badge tone="amber">{t("needsApproval")}</Badge>}
        </div>
        <p className={`truncate text-xs ${muted}`}>
          <span className="font-mono">{s.cluster}</span>
          {" · "}
          <Link href={projectHref(tenant, s.namespace)} className={`font-mono ${linkClass}`} title={t("openProject", { project: s.namespace })}>
            {s.namespace}
          </Link>
        </p>
      </header>
      <dl className="space-y-3 text-sm">
        <Fact label={t("deployment")}>
          <Link href={detailHref(s.cluster, s.namespace, "deployments", s.workload)} prefetch={false} className={`break-all font-mono text-xs ${linkClass}`}>
            {s.workload}
          </Link>
          <span className={`text-xs ${muted}`}> · {s.container ? t("containerNamed", { container: s.container }) : t("firstContainer")}</span>
        </Fact>
        {s.image && (
          <Fact label={t("image")}>
            <ImageFacts image={s.image} />
          </Fact>
        )}
        {s.replicas && (
          <Fact label={t("replicas")}>
            <span className="flex flex-wrap items-center gap-1.5">
              <Badge tone={replicaTone(s.replicas)}>{t("replicasReady", { ready: s.replicas.ready, desired: s.replicas.desired })}</Badge>
              {s.replicas.updated < s.replicas.desired && <span className={`text-xs ${muted}`}>{t("rollingOut", { updated: s.replicas.updated, desired: s.replicas.desired })}</span>}
            </span>
          </Fact>
        )}
        {s.image && (
          <Fact label={t("builtBy")}>
            {s.runs.length ? (
              <ul className="space-y-1">
                {s.runs.map((r) => (
                  <li key={`${r.cluster}/${r.namespace}/${r.name}`} className="flex min-w-0 items-center gap-1.5">
                    <Link
                      href={detailHref(r.cluster, r.namespace, "pipelineruns", r.name)}
                      prefetch={false}
                      className={`truncate font-mono text-xs ${linkClass}`}
                      title={r.pipeline ? `${r.pipeline} · ${r.name}` : r.name}
                    >
                      {r.name}
                    </Link>
                    <StatusBadge status={r.status} tone={runTone(r.status)} />
                  </li>
                ))}
              </ul>
            ) : (
              <span className={`text-xs ${muted}`}>{t("noRuns")}</span>
            )}
          </Fact>
        )}
      </dl>
      {s.error && (
        <p role="alert" data-testid={`stage-error-${s.name}`} className="rounded-md border border-red-200 bg-red-50 px-2 py-1.5 text-xs text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-300">
          {s.error}
        </p>
      )}
    </article>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0 space-y-0.5">
      <dt className={`text-xs font-medium ${muted}`}>{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

function ImageFacts({ image }: { image: ImageRef }) {
  const t = useTranslations(MESSAGES);
  return (
    <div className="min-w-0 font-mono" title={image.ref}>
      <p className="truncate text-base font-semibold text-slate-900 dark:text-slate-100">{image.tag ?? <span className={`font-sans text-sm font-normal ${muted}`}>{t("noTag")}</span>}</p>
      <p className={`truncate text-xs ${muted}`}>{image.repository}</p>
      {image.digest && (
        <p className={`text-xs ${muted}`} title={image.digest}>
          {digestLabel(image.digest)}
        </p>
      )}
    </div>
  );
}

/** Between two stages: the arrow, and Promote when it may be done (else why not). */
function PromoteGate({ offer, waiting, onPromote }: { offer: PromoteOffer; waiting: number; onPromote: (offer: PromoteOffer) => void }) {
  const t = useTranslations(MESSAGES);
  const { from, to } = offer;
  const reason = offer.block ? t(`promoteBlock.${offer.block}`, { from: from.name, to: to.name, project: to.namespace, cluster: to.cluster }) : "";
  return (
    <div className="flex w-40 flex-col items-center justify-center gap-2 px-3" data-testid={`gate-${from.name}-${to.name}`}>
      <div aria-hidden className="flex w-full items-center text-slate-300 dark:text-slate-600">
        <span className="h-0.5 flex-1 rounded bg-current" />
        <span className="-ml-1 text-lg leading-none">▸</span>
      </div>
      {offer.inSync && (
        <span data-testid={`in-sync-${from.name}-${to.name}`} className="text-xs font-medium text-emerald-700 dark:text-emerald-400">
          ✓ {t("inSync")}
        </span>
      )}
      <GuardedButton
        data-testid={`promote-${from.name}-${to.name}`}
        variant={offer.enabled ? "primary" : "secondary"}
        allowed={offer.enabled}
        reason={reason}
        aria-label={t("promoteLabel", { from: from.name, to: to.name })}
        onClick={() => onPromote(offer)}
      >
        {t("promote")} <span aria-hidden>→</span>
      </GuardedButton>
      {waiting > 0 && <span className="text-center text-xs text-amber-700 dark:text-amber-400">{t("waitingHere", { count: waiting })}</span>}
    </div>
  );
}

function ActionButton({
  promotion: p,
  action,
  block,
  lane,
  onAction,
  variant,
  withdraw,
  children,
}: {
  promotion: Promotion;
  action: PromotionAction;
  /** A rejection by the requester: withdrawing their own request. */
  withdraw?: boolean;
  block: ActionBlock | undefined;
  lane: LaneState;
  onAction: LaneViewProps["onAction"];
  variant?: "primary" | "secondary" | "ghost";
  children: React.ReactNode;
}) {
  const t = useTranslations(MESSAGES);
  const target = lane.stages.find((s) => s.name === p.to);
  const reason = block ? t(`actionBlock.${block}`, { stage: p.to, project: target?.namespace ?? "", cluster: target?.cluster ?? "" }) : "";
  return (
    <GuardedButton
      data-testid={`${action}-${p.name}`}
      variant={variant}
      allowed={!block}
      reason={reason}
      aria-label={t(`actionLabel.${withdraw ? "withdraw" : action}`, { from: p.from, to: p.to })}
      onClick={() => onAction(p, action)}
      className={variant === "ghost" ? "px-2 py-1 text-xs" : ""}
    >
      {children}
    </GuardedButton>
  );
}

/** A promotion's change of image as "4f1a9c2 → 7c2d1e0", each in full on hover. */
function ImageChange({ from, to }: { from: string; to: string }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1 font-mono text-xs">
      <code title={from} className="rounded bg-slate-100 px-1 py-0.5 text-slate-700 dark:bg-slate-800 dark:text-slate-300">
        {imageLabel(from)}
      </code>
      <span aria-hidden className="text-slate-400">
        →
      </span>
      <code title={to} className="rounded bg-emerald-50 px-1 py-0.5 text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200">
        {imageLabel(to)}
      </code>
    </span>
  );
}

function WaitingList({ lane, waiting, me, onAction }: { lane: LaneState; waiting: Promotion[]; me: Me } & Pick<LaneViewProps, "onAction">) {
  const t = useTranslations(MESSAGES);
  return (
    <ul className="space-y-2" data-testid="waiting-approval">
      {waiting.map((p) => {
        const target = lane.stages.find((s) => s.name === p.to);
        const block = approveBlock(p, target, me);
        const own = block === "ownRequest";
        return (
          <li
            key={p.name}
            data-testid={`waiting-${p.name}`}
            className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-200 bg-amber-50/70 px-4 py-3 dark:border-amber-900/70 dark:bg-amber-950/30"
          >
            <div className="min-w-0 space-y-1 text-sm">
              <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <span className="font-medium">{t("fromTo", { from: p.from, to: p.to })}</span>
                <ImageChange from={p.previousImage} to={p.image} />
              </p>
              <p className={`text-xs ${muted}`}>
                {t.rich("requestedBy", { user: p.requestedBy, who: (c) => <span className="font-medium text-slate-700 dark:text-slate-200">{c}</span> })}
                {" · "}
                <Age ts={p.requestedAt} />
              </p>
            </div>
            <div className="flex flex-col items-end gap-1">
              <div className="flex gap-2">
                <ActionButton promotion={p} action="approve" block={block} lane={lane} onAction={onAction} variant="primary">
                  {t("approve")}
                </ActionButton>
                {/* The requester may not approve, but may withdraw what they asked for. */}
                <ActionButton promotion={p} action="reject" block={rejectBlock(target)} lane={lane} onAction={onAction} withdraw={own}>
                  {own ? t("withdraw") : t("reject")}
                </ActionButton>
              </div>
              {own && <p className={`text-xs ${muted}`}>{t("someoneElse")}</p>}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** Who closed a promotion other than by promoting it: rejected or rolled back by. */
function closedBy(p: Promotion): string | undefined {
  if (p.phase === "Rejected") return p.rejectedBy;
  if (p.phase === "RolledBack") return p.rolledBackBy;
  return undefined;
}

function HistoryTable({ lane, onAction }: { lane: LaneState; onAction: LaneViewProps["onAction"] }) {
  const t = useTranslations(MESSAGES);
  return (
    <div className={tableWrap}>
      <table className="w-full text-left text-sm" aria-label={t("history.title")} data-testid="promotion-history">
        <thead className={theadClass}>
          <tr>
            <th className={th}>{t("history.when")}</th>
            <th className={th}>{t("history.stages")}</th>
            <th className={th}>{t("history.image")}</th>
            <th className={th}>{t("history.requestedBy")}</th>
            <th className={th}>{t("history.approvedBy")}</th>
            <th className={th}>{t("history.phase")}</th>
            <th className={th}>{t("history.message")}</th>
            <th className={th}>
              <span className="sr-only">{t("history.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lane.promotions.map((p) => {
            const by = closedBy(p);
            return (
              <tr key={p.name} data-testid={`promotion-${p.name}`} data-phase={p.phase} className="border-t border-slate-100 dark:border-slate-800">
                <td className={`${td} whitespace-nowrap`}>
                  <Age ts={p.requestedAt} />
                </td>
                <td className={`${td} whitespace-nowrap font-medium`}>{t("fromTo", { from: p.from, to: p.to })}</td>
                <td className={td}>
                  <ImageChange from={p.previousImage} to={p.image} />
                </td>
                <td className={td}>{p.requestedBy}</td>
                <td className={td}>{p.approvedBy ?? <span className="text-slate-400">—</span>}</td>
                <td className={td}>
                  <span className="flex flex-col items-start gap-0.5">
                    <Badge tone={PHASE_TONES[p.phase]}>{t(`phase.${p.phase}`)}</Badge>
                    {by && <span className={`text-xs ${muted}`}>{t("by", { user: by })}</span>}
                    {promotionTime(p) !== p.requestedAt && (
                      <span className={`text-xs ${muted}`}>
                        <Age ts={promotionTime(p)} />
                      </span>
                    )}
                  </span>
                </td>
                <td className={`${td} max-w-xs`}>
                  {p.message ? (
                    <span className="line-clamp-2 text-xs text-slate-700 dark:text-slate-300" title={p.message}>
                      {p.message}
                    </span>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </td>
                <td className={`${td} text-right`}>
                  {p.phase === "Promoted" && (
                    <ActionButton
                      promotion={p}
                      action="rollback"
                      block={rollbackBlock(
                        p,
                        lane.stages.find((s) => s.name === p.to),
                      )}
                      lane={lane}
                      onAction={onAction}
                      variant="ghost"
                    >
                      {t("rollback")}
                    </ActionButton>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

// ---- the change a dialog confirms ----

export interface ChangePreviewProps {
  /** The stage whose workload is patched. */
  target: Pick<StageState, "name" | "cluster" | "namespace" | "workload" | "container">;
  /** What it runs now (unknown when it could not be read). */
  before: ImageRef | undefined;
  after: ImageRef;
  /** The change waits for someone else's approval. */
  approval?: boolean;
}

const cellTone = (changed: boolean, side: "before" | "after") =>
  !changed
    ? "text-slate-500 dark:text-slate-400"
    : side === "before"
      ? "bg-red-50 text-red-900 line-through decoration-red-400/70 dark:bg-red-950/40 dark:text-red-200"
      : "bg-emerald-50 font-semibold text-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200";

/** Tag and digest side by side, what changes highlighted. */
export function ImageDiffTable({ diff, beforeLabel, afterLabel }: { diff: ImageDiff; beforeLabel: string; afterLabel: string }) {
  const t = useTranslations(MESSAGES);
  const rows = [
    { key: "repository", part: diff.repository, show: (v: string | undefined) => v },
    { key: "tag", part: diff.tag, show: (v: string | undefined) => v },
    { key: "digest", part: diff.digest, show: digestLabel },
  ] as const;
  return (
    <div className={tableWrap}>
      <table className="w-full table-fixed text-left text-sm" data-testid="image-diff">
        <thead className={theadClass}>
          <tr>
            <th className={`${th} w-24`}>
              <span className="sr-only">{t("diff.part")}</span>
            </th>
            <th className={th}>{beforeLabel}</th>
            <th className={th}>{afterLabel}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, part, show }) => (
            <tr key={key} data-testid={`diff-${key}`} data-changed={part.changed} className="border-t border-slate-100 dark:border-slate-800">
              <th scope="row" className={`${td} text-xs font-medium ${muted}`}>
                {t(`diff.${key}`)}
                {!part.changed && <span className="block text-[11px] font-normal">{t("diff.unchanged")}</span>}
              </th>
              {(["before", "after"] as const).map((side) => (
                <td key={side} className={`${td} break-all font-mono text-xs`} title={part[side]}>
                  <span className={`rounded px-1 py-0.5 ${cellTone(part.changed, side)}`}>{show(part[side]) ?? "—"}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const code = (chunks: React.ReactNode) => <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs dark:bg-slate-800">{chunks}</code>;

/**
 * What a promotion, an approval or a rollback does: exactly what is patched
 * (only the image of one container), the image before and after, and whether
 * it waits for approval.
 */
export function ChangePreview({ target, before, after, approval }: ChangePreviewProps) {
  const t = useTranslations(MESSAGES);
  const where = { deployment: target.workload, project: target.namespace, cluster: target.cluster, code };
  return (
    <div className="space-y-4" data-testid="change-preview">
      <p className="text-sm leading-relaxed">
        {target.container ? t.rich("patch.container", { ...where, container: target.container }) : t.rich("patch.firstContainer", where)}
      </p>
      <ImageDiffTable diff={imageDiff(before, after)} beforeLabel={t("diff.now", { stage: target.name })} afterLabel={t("diff.after")} />
      <pre className="overflow-x-auto rounded-md bg-slate-50 px-3 py-2 font-mono text-xs leading-relaxed dark:bg-slate-800/60" aria-label={t("diff.refs")}>
        <span className="block text-red-700 dark:text-red-400">- {before?.ref ?? t("diff.unknown")}</span>
        <span className="block text-emerald-700 dark:text-emerald-400">+ {after.ref}</span>
      </pre>
      {approval && (
        <p data-testid="approval-note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200">
          {t("approvalNote", { stage: target.name })}
        </p>
      )}
    </div>
  );
}

/** The preview of approving, rejecting or rolling back a promotion, from what the lane shows now. */
export function actionPreview(lane: LaneState, p: Promotion, action: PromotionAction): ChangePreviewProps {
  const stage = lane.stages.find((s) => s.name === p.to);
  const target = { name: p.to, cluster: stage?.cluster ?? "", namespace: stage?.namespace ?? "", workload: stage?.workload ?? "", container: p.container || stage?.container };
  if (action === "rollback") return { target, before: stage?.image ?? parseImageRef(p.image), after: parseImageRef(p.previousImage) };
  return { target, before: stage?.image ?? parseImageRef(p.previousImage), after: parseImageRef(p.image) };
}
