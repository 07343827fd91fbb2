import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type * as promotion from "@/lib/validations/promotion";

// Browser side of the promotion API: lanes (/api/lanes) and the promotions
// along them (/api/promotions). Bodies and answers are the types beside the
// schemas the routes validate with (lib/validations/promotion.ts).

export type {
  CreateLaneBody,
  CreatePromotionBody,
  ImageRef,
  Lane,
  LaneStage,
  LaneStageInput,
  LaneState,
  LanesAnswer,
  ProducingRun,
  Promotion,
  PromotionActionBody,
  PromotionPhase,
  StageState,
  UpdateLaneBody,
} from "@/lib/validations/promotion";

export type PromotionAction = promotion.PromotionActionBody["action"];

// ---- query keys ----

/** Everything promotion-related: one prefix, so a change of a lane or a promotion refreshes every view of them. */
export const promotionKey = ["console", "promotion"] as const;
export const lanesKey = [...promotionKey, "lanes"] as const;
export const laneKey = (name: string) => [...promotionKey, "lane", name] as const;

const enc = encodeURIComponent;

// ---- lanes ----

/** The lanes the caller may see (of one tenant when given) and the tenants they may define lanes in. */
export function lanesQuery(tenant?: string) {
  return queryOptions({
    queryKey: [...lanesKey, tenant ?? ""],
    queryFn: ({ signal }) => apiFetch<promotion.LanesAnswer>(`/api/lanes${tenant ? `?tenant=${enc(tenant)}` : ""}`, { signal }),
  });
}

/** A lane with each stage's live state and its promotions, newest first. */
export function laneQuery(name: string) {
  return queryOptions({
    queryKey: laneKey(name),
    queryFn: ({ signal }) => apiFetch<promotion.LaneState>(`/api/lanes/${enc(name)}`, { signal }),
    // Images roll out and approvals arrive while the page is open; nothing pushes them.
    refetchInterval: 4_000,
    staleTime: 2_000,
  });
}

export function createLane(body: promotion.CreateLaneBody) {
  return apiFetch<promotion.Lane>("/api/lanes", { method: "POST", body });
}

export function updateLane(name: string, body: promotion.UpdateLaneBody) {
  return apiFetch<promotion.Lane>(`/api/lanes/${enc(name)}`, { method: "PUT", body });
}

export function deleteLane(name: string) {
  return apiFetch<void>(`/api/lanes/${enc(name)}`, { method: "DELETE" });
}

// ---- promotions ----

/** Copies `from`'s image to `to`: Promoted at once, or WaitingApproval when `to` requires approval. */
export function promote(body: promotion.CreatePromotionBody) {
  return apiFetch<promotion.Promotion>("/api/promotions", { method: "POST", body });
}

/** Approves or rejects a waiting promotion, or rolls a promoted one back. */
export function promotionAction(name: string, action: PromotionAction) {
  return apiFetch<promotion.Promotion>(`/api/promotions/${enc(name)}`, { method: "POST", body: { action } satisfies promotion.PromotionActionBody });
}
