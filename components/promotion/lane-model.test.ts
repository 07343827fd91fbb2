import { describe, expect, it } from "vitest";
import { FORM_ERROR, schemaErrors } from "@/components/ui/form-errors";
import { createLaneBodySchema, type Promotion, type StageState, updateLaneBodySchema } from "@/lib/validations/promotion";
import { parseImageRef } from "@/lib/k8s/kinds/image";
import {
  type LaneValues,
  approveBlock,
  createLaneBody,
  emptyStage,
  imageDiff,
  imageLabel,
  laneErrorTarget,
  laneValues,
  ownLaneErrors,
  promoteOffer,
  promoteOffers,
  promotionTime,
  rejectBlock,
  replicaTone,
  rollbackBlock,
  sameImage,
  digestLabel,
  updateLaneBody,
  waitingInto,
} from "./lane-model";

const D1 = "sha256:3b8e6f0d2a41c9e7b5d3f1a0c8e6b4d2f0a9c7e5b3d1f9a8c6e4b2d0f8a6c4e2";
const D2 = "sha256:9f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

const stage = (name: string, image: string | undefined, extra: Partial<StageState> = {}): StageState => ({
  name,
  cluster: "member-1",
  namespace: `acme-${name}`,
  workload: "checkout",
  requireApproval: false,
  canRead: true,
  canPromote: true,
  image: image === undefined ? undefined : parseImageRef(image),
  runs: [],
  ...extra,
});

const promotion = (p: Partial<Promotion>): Promotion => ({
  name: "checkout-prod-x1",
  lane: "checkout",
  tenant: "acme",
  from: "test",
  to: "prod",
  container: "web",
  image: "ghcr.io/acme/checkout:7c2d1e0",
  previousImage: "ghcr.io/acme/checkout:4f1a9c2",
  requestedBy: "maya",
  requestedAt: "2026-12-06T10:00:00Z",
  phase: "WaitingApproval",
  ...p,
});

describe("images", () => {
  it("shortens digests to the algorithm and 12 hex digits", () => {
    expect(digestLabel(D1)).toBe("sha256:3b8e6f0d2a41…");
    expect(digestLabel("sha256:abc")).toBe("sha256:abc");
    expect(digestLabel(undefined)).toBeUndefined();
  });

  it("names an image by its tag, else its short digest, else its reference", () => {
    expect(imageLabel("ghcr.io/acme/checkout:4f1a9c2")).toBe("4f1a9c2");
    expect(imageLabel(`nginx@${D1}`)).toBe("sha256:3b8e6f0d2a41…");
    expect(imageLabel("nginx")).toBe("nginx");
    expect(imageLabel(undefined)).toBe("—");
  });

  it("takes the same reference or the same digest for the same image", () => {
    const a = { ...parseImageRef("r/app:1"), digest: D1 };
    expect(sameImage(a, parseImageRef("r/app:1"))).toBe(true);
    expect(sameImage(a, { ...parseImageRef("r/app:latest"), digest: D1 })).toBe(true);
    expect(sameImage(a, { ...parseImageRef("r/app:2"), digest: D2 })).toBe(false);
    expect(sameImage(a, undefined)).toBe(false);
  });

  it("diffs two images part by part", () => {
    const d = imageDiff({ ...parseImageRef("ghcr.io/acme/checkout:4f1a9c2"), digest: D1 }, { ...parseImageRef("ghcr.io/acme/checkout:7c2d1e0"), digest: D2 });
    expect(d.repository).toEqual({ before: "ghcr.io/acme/checkout", after: "ghcr.io/acme/checkout", changed: false });
    expect(d.tag).toEqual({ before: "4f1a9c2", after: "7c2d1e0", changed: true });
    expect(d.digest.changed).toBe(true);
    // An unknown "before" changes everything.
    expect(imageDiff(undefined, parseImageRef("r/app:1")).repository.changed).toBe(true);
  });
});

describe("promotions along a lane", () => {
  it("offers a promotion when both images are known and differ and the target may be updated", () => {
    const dev = stage("dev", "r/app:2");
    const test = stage("test", "r/app:1");
    expect(promoteOffer(dev, test)).toMatchObject({ enabled: true, inSync: false, block: undefined });
    expect(promoteOffer(dev, { ...test, canPromote: false })).toMatchObject({ enabled: false, block: "denied" });
    expect(promoteOffer(dev, stage("test", "r/app:2", { canPromote: false }))).toMatchObject({ enabled: false, inSync: true, block: "inSync" });
    expect(promoteOffer(stage("dev", undefined), test).block).toBe("sourceUnknown");
    expect(promoteOffer(dev, stage("test", undefined)).block).toBe("targetUnknown");
    // One promotion into a stage waits at a time.
    expect(promoteOffer(dev, test, [promotion({ to: "test", from: "dev" })]).block).toBe("waiting");
    expect(promoteOffer(dev, test, [promotion({ to: "test", from: "dev", phase: "Rejected" })]).enabled).toBe(true);
  });

  it("pairs neighbouring stages left to right", () => {
    const offers = promoteOffers([stage("dev", "r/app:3"), stage("test", "r/app:2"), stage("prod", "r/app:2")]);
    expect(offers.map((o) => `${o.from.name}>${o.to.name}:${o.enabled}`)).toEqual(["dev>test:true", "test>prod:false"]);
    expect(waitingInto([promotion({}), promotion({ name: "b", phase: "Promoted" })], "prod")).toBe(1);
  });

  it("refuses approval to the requester, who may still withdraw", () => {
    const prod = stage("prod", "ghcr.io/acme/checkout:4f1a9c2");
    const p = promotion({ requestedBy: "maya" });
    expect(approveBlock(p, prod, { name: "u-maya", username: "maya" })).toBe("ownRequest");
    expect(approveBlock(p, prod, { name: "maya", username: "maya@example.com" })).toBe("ownRequest");
    expect(approveBlock(p, prod, { name: "u-omar", username: "omar" })).toBeUndefined();
    expect(rejectBlock(prod)).toBeUndefined();
    expect(approveBlock(p, { ...prod, canPromote: false }, { name: "o", username: "omar" })).toBe("denied");
    expect(approveBlock(p, undefined, { name: "o", username: "omar" })).toBe("stageGone");
    // The target moved on since it was asked for: approving would fail.
    expect(approveBlock(p, stage("prod", "ghcr.io/acme/checkout:0000000"), { name: "o", username: "omar" })).toBe("targetMoved");
  });

  it("rolls back only what the target still runs", () => {
    const p = promotion({ phase: "Promoted" });
    expect(rollbackBlock(p, stage("prod", p.image))).toBeUndefined();
    expect(rollbackBlock(p, stage("prod", "ghcr.io/acme/checkout:later"))).toBe("changed");
    expect(rollbackBlock(p, stage("prod", undefined))).toBeUndefined();
    expect(rollbackBlock(p, stage("prod", p.image, { canPromote: false }))).toBe("denied");
  });

  it("tones replicas and times promotions by their last change", () => {
    expect(replicaTone({ desired: 3, ready: 3 })).toBe("green");
    expect(replicaTone({ desired: 3, ready: 1 })).toBe("amber");
    expect(replicaTone({ desired: 3, ready: 0 })).toBe("red");
    expect(replicaTone({ desired: 0, ready: 0 })).toBe("slate");
    expect(promotionTime(promotion({}))).toBe("2026-12-06T10:00:00Z");
    expect(promotionTime(promotion({ phase: "RolledBack", promotedAt: "2026-12-06T10:01:00Z", rolledBackAt: "2026-12-06T10:09:00Z" }))).toBe("2026-12-06T10:09:00Z");
  });
});

describe("the lane form", () => {
  const filled = (): LaneValues => ({
    name: " checkout ",
    tenant: "acme",
    displayName: " Checkout ",
    description: "",
    stages: [
      { name: "dev", cluster: "member-1", namespace: "acme-dev", workload: "checkout", container: " ", requireApproval: false },
      { name: "prod", cluster: "member-2", namespace: "acme-prod", workload: "checkout", container: "web", requireApproval: true },
    ],
  });

  it("starts with two empty stages in the preferred or only tenant, or from the lane", () => {
    expect(laneValues(undefined, ["acme"])).toMatchObject({ tenant: "acme", stages: [emptyStage(), emptyStage()] });
    expect(laneValues(undefined, ["acme", "globex"]).tenant).toBe("");
    expect(laneValues(undefined, ["acme", "globex"], "globex").tenant).toBe("globex");
    const lane = { name: "checkout", tenant: "acme", displayName: "", description: "", canEdit: true, stages: [{ ...createLaneBody(filled()).stages[0], requireApproval: false }] };
    expect(laneValues(lane, []).stages[0]).toEqual({ name: "dev", cluster: "member-1", namespace: "acme-dev", workload: "checkout", container: "", requireApproval: false });
  });

  it("builds bodies the API's schemas take: trimmed, an empty container left out; an edit clears texts", () => {
    const body = createLaneBody(filled());
    expect(body).toMatchObject({ name: "checkout", displayName: "Checkout", description: undefined });
    expect(body.stages[0].container).toBeUndefined();
    expect(createLaneBodySchema.safeParse(body).success).toBe(true);
    const edit = updateLaneBody(filled());
    expect(edit).toMatchObject({ displayName: "Checkout", description: "" });
    expect(updateLaneBodySchema.safeParse(edit).success).toBe(true);
  });

  it("checks names while typing, missing values on submit, and a stage name used twice", () => {
    const v = filled();
    v.name = "Checkout";
    v.stages[1] = { ...emptyStage(), name: "dev" };
    expect(ownLaneErrors(v, false, true)).toEqual({ name: { key: "lowercase", max: 63 }, "stages.1.name": { key: "stageTwice" } });
    expect(Object.keys(ownLaneErrors(v, true, true)).sort()).toEqual(["name", "stages.1.cluster", "stages.1.name", "stages.1.namespace", "stages.1.workload"]);
    // An edit has no name or tenant to check.
    expect(ownLaneErrors({ ...filled(), name: "", tenant: "" }, true, false)).toEqual({});
  });

  it("puts server and schema errors on the stage row's input, the rest on the form", () => {
    const target = laneErrorTarget(2, true);
    expect(target("stages.1.workload", "")).toBe("stages.1.workload");
    expect(target("stages.0.requireApproval", "")).toBe("stages.0.requireApproval");
    expect(target("stages.5.name", "")).toBeUndefined();
    expect(target("stages", "")).toBeUndefined();
    expect(target("name", "")).toBe("name");
    expect(laneErrorTarget(2, false)("name", "")).toBeUndefined();
    const v = filled();
    v.stages[1] = { ...v.stages[0], name: "test" };
    const errors = schemaErrors(createLaneBodySchema, createLaneBody(v), target);
    expect(errors).toEqual({ "stages.1.workload": "Stage 1 already runs this workload." });
    const one = { ...filled(), stages: [filled().stages[0]] };
    expect(schemaErrors(createLaneBodySchema, createLaneBody(one), target)[FORM_ERROR]).toMatch(/at least two stages/);
  });
});
