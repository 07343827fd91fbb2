import { describe, expect, it } from "vitest";
import common from "@/messages/en/common.json";
import errors from "@/messages/en/errors.json";
import quotas from "@/messages/en/quotas.json";
import zhCommon from "@/messages/zh-CN/common.json";
import zhErrors from "@/messages/zh-CN/errors.json";
import zhQuotas from "@/messages/zh-CN/quotas.json";
import { canIKey } from "@/lib/access/queries";
import { objectKey } from "@/lib/client/list-query";
import { type LimitRangeObject, type ResourceQuotaObject, limitRangePath, quotaPath } from "@/lib/k8s/kinds/resourcequota";
import { LimitRangeEditor } from "./limit-range-editor";
import { ResourceQuotaEditor } from "./resource-quota-editor";
import { renderView } from "../../test/support/render";

// Server-renders both editors of ProjectObjectEditor with a loaded, a missing
// and a read-only object: every text resolves, and the hooks the browser specs
// use are there.

const place = { cluster: "member-1", namespace: "shop" };

function canKey(resource: string) {
  const checks = ["update", "create"].map((verb) => ({ verb, resource, ...place }));
  return [...canIKey, JSON.stringify(checks)];
}

const EDITORS = {
  quota: { node: <ResourceQuotaEditor {...place} />, path: quotaPath("shop"), resource: "core/resourcequotas" },
  limits: { node: <LimitRangeEditor {...place} />, path: limitRangePath("shop"), resource: "core/limitranges" },
};

/** The editor with its object loaded (or missing: an empty one-name list) and the caller's rights. */
function render(editor: keyof typeof EDITORS, { object, allowed = [true, true], zh = false }: { object?: unknown; allowed?: boolean[]; zh?: boolean }) {
  const { node, path, resource } = EDITORS[editor];
  return renderView(node, {
    messages: zh ? { common: zhCommon, errors: zhErrors, quotas: zhQuotas } : { common, errors, quotas },
    locale: zh ? "zh-CN" : "en",
    seed: (qc) => {
      qc.setQueryData(canKey(resource), allowed);
      qc.setQueryData(objectKey(place.cluster, path), object ?? null);
    },
  });
}

const quota: ResourceQuotaObject = {
  apiVersion: "v1",
  kind: "ResourceQuota",
  metadata: { name: "compute", namespace: "shop", resourceVersion: "7" },
  spec: { hard: { pods: "10", "requests.cpu": "1", "count/jobs.batch": "5" } },
  status: { used: { pods: "4", "requests.cpu": "250m" } },
};

const limits: LimitRangeObject = {
  apiVersion: "v1",
  kind: "LimitRange",
  metadata: { name: "defaults", namespace: "shop", resourceVersion: "3" },
  spec: { limits: [{ type: "Container", default: { cpu: "200m" }, defaultRequest: { cpu: "50m" } }] },
};

/** Whether the button with this text is off; undefined when there is none. */
const off = (html: string, text: string) => {
  const tag = new RegExp(`<button([^>]*)>${text}</button>`).exec(html)?.[1];
  return tag === undefined ? undefined : / disabled=""/.test(tag);
};

describe("both editors", () => {
  it.each([
    ["quota", quota, "quota-editor-member-1", "Save quota"],
    ["limits", limits, "limit-range-editor-member-1", "Save limits"],
  ] as const)("%s: loaded, Save is off until something changes", (editor, object, testId, save) => {
    const html = render(editor, { object });
    expect(html).toContain(`data-testid="${testId}"`);
    expect(off(html, save)).toBe(true);
    expect(html).not.toContain("Discard changes");
  });
});

describe("resource quota editor", () => {
  it("shows every resource with its usage and keeps dotted names whole, the extra ones too", () => {
    const html = render("quota", { object: quota });
    expect(html).toContain('data-testid="quota-row-pods" data-used="4" data-hard="10"');
    expect(html).toContain('data-testid="quota-row-count/jobs.batch"');
    expect(html).toContain('name="hard.requests:cpu"');
    // Kubernetes refuses new scopes on an existing quota.
    expect(html).toContain("Kubernetes does not let the scopes of an existing quota change");
  });

  it("offers Create for a project without a quota, even empty", () => {
    const html = render("quota", {});
    expect(html).toContain("The project has no quota on this cluster yet");
    expect(off(html, "Create quota")).toBe(false);
  });

  it("says why a viewer may not change it, and offers no Save", () => {
    const html = render("quota", { object: quota, allowed: [false, false], zh: true });
    expect(html).toContain("你可以查看此资源配额，但不能修改");
    expect(html).not.toContain("保存资源配额");
  });
});

describe("limit range editor", () => {
  it("names every cell for assistive technology and the form", () => {
    const html = render("limits", { object: limits });
    expect(html).toContain('aria-label="Default limit, CPU"');
    expect(html).toContain('name="Container.default.cpu"');
    expect(html).toContain('name="Pod.max.memory"');
  });

  it("waits for a value before it creates default limits", () => {
    const html = render("limits", {});
    expect(html).toContain("The project has no default limits on this cluster yet.");
    expect(off(html, "Create limits")).toBe(true);
  });
});
