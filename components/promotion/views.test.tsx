import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import common from "@/messages/en/common.json";
import errors from "@/messages/en/errors.json";
import workloads from "@/messages/en/workloads.json";
import zhCommon from "@/messages/zh-CN/common.json";
import zhErrors from "@/messages/zh-CN/errors.json";
import zhWorkloads from "@/messages/zh-CN/workloads.json";
import { clustersKey } from "@/lib/clusters/queries";
import { type LaneState, type Promotion, type StageState, laneKey } from "@/lib/promotion/queries";
import { LaneDetail } from "./lane-detail";
import { LaneDialog } from "./lane-dialog";
import { promoteOffer } from "./lane-model";
import { ChangePreview, LaneView, LanesView } from "./lane-views";
import { PromoteDialog, PromotionActionDialog } from "./promote-dialogs";
import { parseImageRef } from "@/lib/k8s/kinds/image";
import { renderView } from "../../test/support/render";

vi.mock("next/navigation", () => ({
  usePathname: () => "/pipelines/promotion/checkout",
  useRouter: () => ({ push: () => undefined, replace: () => undefined, refresh: () => undefined }),
}));

// Server-renders the promotion views with fixtures and the real messages of
// both languages: every text must resolve, and the hooks the browser tests use must be there.

const EN = { common, errors, workloads };
const ZH = { common: zhCommon, errors: zhErrors, workloads: zhWorkloads };
const NOW = new Date("2026-12-06T10:05:00Z");
const ME = { name: "u", username: "u" };

function render(node: React.ReactNode, messages: Record<string, unknown> = EN, seed?: (qc: QueryClient) => void) {
  return renderView(node, { messages, locale: messages === ZH ? "zh-CN" : "en", seed, now: NOW, user: ME });
}

/** The opening tag of the element with this data-testid. */
function tag(html: string, testId: string): string {
  const m = new RegExp(`<[a-z]+[^>]*data-testid="${testId}"[^>]*>`).exec(html);
  expect(m, testId).toBeTruthy();
  return m![0];
}

const D_DEV = "sha256:9f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
const D_TEST = "sha256:3b8e6f0d2a41c9e7b5d3f1a0c8e6b4d2f0a9c7e5b3d1f9a8c6e4b2d0f8a6c4e2";
const DEV_IMAGE = "ghcr.io/acme/checkout:7c2d1e0";
const TEST_IMAGE = "ghcr.io/acme/checkout:4f1a9c2";

const stage = (name: string, cluster: string, image: string | undefined, digest: string | undefined, extra: Partial<StageState> = {}): StageState => ({
  name,
  cluster,
  namespace: `acme-${name}`,
  workload: "checkout",
  requireApproval: false,
  canRead: true,
  canPromote: true,
  image: image ? { ...parseImageRef(image), digest } : undefined,
  replicas: { desired: 2, ready: 2, updated: 2 },
  runs: [],
  ...extra,
});

const dev = stage("dev", "member-1", DEV_IMAGE, D_DEV, {
  runs: [{ cluster: "member-1", namespace: "acme-dev", name: "build-checkout-7kq2d", pipeline: "build-image", status: "Succeeded", finishedAt: "2026-12-06T09:58:00Z" }],
});
const test = stage("test", "member-1", TEST_IMAGE, D_TEST, { container: "web", replicas: { desired: 3, ready: 2, updated: 2 } });
// Runs what test runs; the caller may not update deployments there.
const prod = stage("prod", "member-2", TEST_IMAGE, D_TEST, { requireApproval: true, canPromote: false });

const promotion = (p: Partial<Promotion> & Pick<Promotion, "name" | "phase">): Promotion => ({
  lane: "checkout",
  tenant: "acme",
  from: "dev",
  to: "test",
  container: "web",
  image: TEST_IMAGE,
  previousImage: "ghcr.io/acme/checkout:1a2b3c4",
  requestedBy: "maya",
  requestedAt: "2026-12-06T09:00:00Z",
  ...p,
});

// Newest first, as the API answers.
const waitingMine = promotion({ name: "checkout-prod-mine", phase: "WaitingApproval", from: "test", to: "prod", image: TEST_IMAGE, previousImage: "ghcr.io/acme/checkout:0ff1ce0", requestedBy: "u", requestedAt: "2026-12-06T10:02:00Z" });
const promoted = promotion({ name: "checkout-test-p1", phase: "Promoted", approvedBy: "omar", promotedAt: "2026-12-06T09:01:00Z", message: "Rolled out in 40s." });
const rolledBack = promotion({ name: "checkout-test-rb", phase: "RolledBack", image: "ghcr.io/acme/checkout:bad0001", rolledBackBy: "omar", rolledBackAt: "2026-12-06T08:30:00Z", requestedAt: "2026-12-06T08:00:00Z" });
const rejected = promotion({ name: "checkout-prod-rj", phase: "Rejected", from: "test", to: "prod", rejectedBy: "omar", rejectedAt: "2026-12-06T07:10:00Z", requestedAt: "2026-12-06T07:00:00Z" });
const failed = promotion({ name: "checkout-prod-fl", phase: "Failed", from: "test", to: "prod", message: "Stage \"prod\" changed since this promotion was asked for.", requestedAt: "2026-12-06T06:00:00Z" });

const lane: LaneState = {
  name: "checkout",
  tenant: "acme",
  displayName: "Checkout",
  description: "The checkout service, from dev to prod.",
  canEdit: true,
  createdAt: "2026-12-01T00:00:00Z",
  stages: [dev, test, prod],
  promotions: [waitingMine, promoted, rolledBack, rejected, failed],
};

describe("lanes page", () => {
  it("lists lanes with their stages as chips, linked to the lane", () => {
    for (const m of [EN, ZH]) {
      const html = render(<LanesView answer={{ items: [lane], canCreateIn: ["acme"] }} />, m);
      expect(tag(html, "lane-row-checkout")).toBeTruthy();
      expect(html).toContain('href="/pipelines/promotion/checkout"');
      expect(html).toContain(">Checkout<");
      expect(html).toMatch(/>dev<[\s\S]*>test<[\s\S]*>prod</);
      expect(html).toContain("member-2<!-- --> · <!-- -->acme-prod");
    }
  });

  it("explains what a lane is when there are none", () => {
    const en = render(<LanesView answer={{ items: [], canCreateIn: ["acme"] }} />);
    expect(en).toContain("No promotion lanes yet");
    expect(en).toContain("an ordered list of stages");
    expect(en).toContain("“New lane”");
    expect(render(<LanesView answer={{ items: [], canCreateIn: [] }} />)).toContain("A tenant manager defines the lanes");
    expect(render(<LanesView answer={{ items: [], canCreateIn: [] }} />, ZH)).toContain("还没有晋级通道");
  });
});

describe("a lane", () => {
  const view = (m = EN, me = ME) => render(<LaneView lane={lane} me={me} onPromote={() => undefined} onAction={() => undefined} />, m);

  it("shows each stage: where it runs, its image, replicas and the runs that built it", () => {
    for (const m of [EN, ZH]) {
      const html = view(m);
      for (const s of ["dev", "test", "prod"]) expect(html).toContain(`data-testid="stage-${s}"`);
      expect(html).toContain('href="/projects/acme/acme-prod"');
      expect(html).toContain('href="/c/member-2/ns/acme-prod/deployments/checkout"');
      expect(html).toContain('href="/c/member-1/ns/acme-dev/pipelineruns/build-checkout-7kq2d"');
      expect(html).toContain(">7c2d1e0<");
      expect(html).toContain(`title="${D_TEST}"`);
      expect(html).toContain(">sha256:3b8e6f0d2a41…<");
    }
    const html = view();
    expect(html).toContain("Needs approval");
    expect(html).toContain(">2/3 ready<");
    expect(html).toContain("container web");
    expect(html).toContain(">Succeeded<");
  });

  it("offers Promote where images differ and the target may be updated; in sync and refused ones say why", () => {
    const html = view();
    expect(tag(html, "promote-dev-test")).not.toContain("aria-disabled");
    const toProd = tag(html, "promote-test-prod");
    expect(toProd).toContain('aria-disabled="true"');
    expect(html).toContain('data-testid="in-sync-test-prod"');
    expect(html).toContain("prod already runs the image of test.");
    expect(html).not.toContain('data-testid="in-sync-dev-test"');
    // Differing images, but no rights on the target: why it is off.
    const denied = render(<LaneView lane={{ ...lane, stages: [dev, { ...test, canPromote: false }, prod], promotions: [] }} me={ME} onPromote={() => undefined} onAction={() => undefined} />);
    expect(tag(denied, "promote-dev-test")).toContain('aria-disabled="true"');
    expect(denied).toContain("You may not update deployments in project acme-test on cluster member-1.");
  });

  it("lists promotions waiting for approval; the requester may not approve, only withdraw", () => {
    // The caller may update deployments in prod (so may withdraw), and asked for the promotion (so may not approve).
    const mayProd = { ...lane, stages: [dev, test, { ...prod, image: parseImageRef("ghcr.io/acme/checkout:0ff1ce0"), canPromote: true }] };
    for (const m of [EN, ZH]) {
      const html = render(<LaneView lane={mayProd} me={ME} onPromote={() => undefined} onAction={() => undefined} />, m);
      expect(html).toContain('data-testid="waiting-checkout-prod-mine"');
      expect(tag(html, "approve-checkout-prod-mine")).toContain('aria-disabled="true"');
      expect(tag(html, "reject-checkout-prod-mine")).not.toContain("aria-disabled");
    }
    const html = view();
    expect(html).toContain("Someone else must approve");
    expect(html).toContain(">Withdraw<");
    expect(html).toMatch(/Requested by <span[^>]*>u<\/span>/);
    // Without rights in prod not even that.
    expect(tag(html, "reject-checkout-prod-mine")).toContain('aria-disabled="true"');
    expect(html).toContain("You may not update deployments in project acme-prod on cluster member-2.");
    // Someone else with rights in prod may approve it.
    const other = render(<LaneView lane={mayProd} me={{ name: "o", username: "omar" }} onPromote={() => undefined} onAction={() => undefined} />);
    expect(tag(other, "approve-checkout-prod-mine")).not.toContain("aria-disabled");
    expect(other).not.toContain("Someone else must approve");
    expect(other).toContain(">Reject<");
  });

  it("lists the history: stages, images, who, the outcome, and Roll back on what took place", () => {
    for (const m of [EN, ZH]) {
      const html = view(m);
      for (const p of lane.promotions) expect(tag(html, `promotion-${p.name}`)).toContain(`data-phase="${p.phase}"`);
      expect(html).toContain('data-testid="rollback-checkout-test-p1"');
      expect(html).not.toContain('data-testid="rollback-checkout-test-rb"');
    }
    const html = view();
    for (const label of ["Promoted", "Waiting for approval", "Rolled back", "Rejected", "Failed"]) expect(html).toContain(`>${label}<`);
    expect(html).toContain(">1a2b3c4<");
    expect(html).toContain(">omar<");
    expect(html).toContain("Rolled out in 40s.");
    // The newest first, as the API lists them.
    expect(html.indexOf("promotion-checkout-prod-mine")).toBeLessThan(html.indexOf("promotion-checkout-prod-fl"));
    // test still runs what checkout-test-p1 left, and the caller may update it: it may be rolled back.
    expect(tag(html, "rollback-checkout-test-p1")).not.toContain("aria-disabled");
  });

  it("has no history or waiting section before the first promotion", () => {
    const html = render(<LaneView lane={{ ...lane, promotions: [] }} me={ME} onPromote={() => undefined} onAction={() => undefined} />);
    expect(html).toContain("Nothing has been promoted along this lane yet.");
    expect(html).not.toContain('data-testid="waiting-approval"');
  });
});

describe("the promotion's diff", () => {
  it("names exactly what is patched and shows the tag and digest before and after", () => {
    for (const m of [EN, ZH]) {
      const html = render(<ChangePreview target={test} before={test.image} after={dev.image!} approval />, m);
      expect(tag(html, "diff-tag")).toContain('data-changed="true"');
      expect(tag(html, "diff-digest")).toContain('data-changed="true"');
      expect(tag(html, "diff-repository")).toContain('data-changed="false"');
      expect(html).toContain(">4f1a9c2<");
      expect(html).toContain(">7c2d1e0<");
      expect(html).toContain(">sha256:9f1e2d3c4b5a…<");
      expect(html).toContain(`- <!-- -->${TEST_IMAGE}`);
      expect(html).toContain(`+ <!-- -->${DEV_IMAGE}`);
      expect(html).toContain('data-testid="approval-note"');
    }
    const html = render(<ChangePreview target={test} before={test.image} after={dev.image!} approval />);
    expect(html).toContain("Changes only the image of container <code");
    expect(html).toMatch(/container <code[^>]*>web<\/code> of Deployment <code[^>]*>checkout<\/code> in project <code[^>]*>acme-test<\/code> on cluster <code[^>]*>member-1<\/code>/);
    expect(html).toContain("test needs approval");
    const first = render(<ChangePreview target={dev} before={undefined} after={test.image!} />);
    expect(first).toContain("the first container of Deployment");
    expect(first).toContain("(could not be read)");
    expect(first).not.toContain("approval-note");
  });

  it("confirms a promotion in a dialog that shows the diff", () => {
    for (const m of [EN, ZH]) {
      const html = render(<PromoteDialog lane="checkout" offer={promoteOffer(test, { ...prod, canPromote: true, image: parseImageRef("ghcr.io/acme/checkout:0ff1ce0") })} onClose={() => undefined} onDone={() => undefined} />, m);
      expect(html).toContain('data-testid="promote-confirm"');
      expect(html).toContain('data-testid="image-diff"');
      expect(html).toContain('data-testid="approval-note"');
    }
    const html = render(<PromoteDialog lane="checkout" offer={promoteOffer(dev, test)} onClose={() => undefined} onDone={() => undefined} />);
    expect(html).toContain("Promote dev → test");
    expect(html).toContain(">Promote</button>");
  });

  it("confirms approval, rejection and rollback with what they change", () => {
    for (const m of [EN, ZH])
      for (const action of ["approve", "reject", "rollback"] as const) {
        const p = action === "rollback" ? promoted : waitingMine;
        const html = render(<PromotionActionDialog lane={lane} state={{ promotion: p, action }} onClose={() => undefined} onDone={() => undefined} />, m);
        expect(html).toContain(`data-testid="${action}-confirm"`);
        expect(html.includes('data-testid="image-diff"')).toBe(action !== "reject");
      }
    const html = render(<PromotionActionDialog lane={lane} state={{ promotion: promoted, action: "rollback" }} onClose={() => undefined} onDone={() => undefined} />);
    // A rollback puts the previous image back.
    expect(html).toMatch(/- <!-- -->ghcr.io\/acme\/checkout:4f1a9c2[\s\S]*\+ <!-- -->ghcr.io\/acme\/checkout:1a2b3c4/);
  });
});

describe("the lane page and form", () => {
  it("draws the lane from the cache with Edit and Delete for those who may", () => {
    for (const m of [EN, ZH]) {
      const html = render(<LaneDetail name="checkout" />, m, (qc) => qc.setQueryData(laneKey("checkout"), lane));
      expect(html).toContain('data-testid="edit-lane"');
      expect(html).toContain('data-testid="delete-lane"');
      expect(html).toContain('data-testid="promote-dev-test"');
      expect(html).toContain('href="/pipelines/promotion"');
    }
    const html = render(<LaneDetail name="checkout" />, EN, (qc) => qc.setQueryData(laneKey("checkout"), { ...lane, canEdit: false }));
    expect(html).not.toContain('data-testid="edit-lane"');
  });

  it("defines a lane with stage rows: at least two, each with its inputs", () => {
    const seed = (qc: QueryClient) => qc.setQueryData(clustersKey, { items: [{ name: "member-1", displayName: "Member 1" }, { name: "member-2", displayName: "" }] });
    for (const m of [EN, ZH]) {
      const html = render(<LaneDialog state={{ mode: "create", tenants: ["acme", "globex"], tenant: "globex" }} onClose={() => undefined} />, m, seed);
      expect(html).toContain('data-testid="stage-row-0"');
      expect(html).toContain('data-testid="stage-row-1"');
      expect(html).not.toContain('data-testid="stage-row-2"');
      for (const f of ["name", "cluster", "namespace", "workload", "container"]) expect(html).toContain(`name="stages.1.${f}"`);
      expect(html).toContain('data-testid="add-stage"');
      // Two stages are the least: neither may be removed.
      expect(tag(html, "remove-stage-0")).toContain('disabled=""');
      expect(html).toContain("Member 1 (member-1)");
    }
    const edit = render(<LaneDialog state={{ mode: "edit", lane }} onClose={() => undefined} />, EN, seed);
    expect(edit).not.toContain('name="name"');
    expect(edit).toContain("The name and tenant of a lane cannot be changed.");
    expect(edit).toContain('data-testid="stage-row-2"');
    expect(tag(edit, "remove-stage-0")).not.toContain('disabled=""');
  });
});
