import { describe, expect, it } from "vitest";
import type { Project } from "./project-api";
import { createProjectBodySchema } from "@/lib/validations/tenancy";
import {
  STEP_FIELDS,
  WIZARD_LIMIT_FIELDS,
  WIZARD_STEPS,
  type WizardValues,
  createBody,
  limitFormFrom,
  mergeLimits,
  newSelectorRow,
  projectNameError,
  projectUsage,
  remaining,
  selectorErrors,
  selectorFromRows,
  stepOfField,
  usageSortValue,
  wizardDefaults,
  wizardIssues,
  wizardQuotaAndLimits,
  wizardTarget,
} from "./project-model";

describe("projectNameError", () => {
  it.each([
    ["", true, "validation.nameRequired"],
    ["", false, undefined],
    ["shop", true, undefined],
    ["a".repeat(63), true, undefined],
    ["a".repeat(64), true, "validation.nameTooLong"],
    ["Shop", true, "validation.nameLowercase"],
    ["-shop", true, "validation.namePattern"],
    ["shop_1", true, "validation.namePattern"],
    ["shop.eu", true, "validation.namePattern"],
  ])("%j (required %s) → %s", (name, required, want) => {
    expect(projectNameError(name, required)).toBe(want);
  });
});

describe("projectUsage", () => {
  const project: Pick<Project, "clusters"> = {
    clusters: [
      { cluster: "a", phase: "Active", quota: { hard: { "requests.cpu": "2", "requests.memory": "4Gi" }, used: { "requests.cpu": "500m" } } },
      { cluster: "b", phase: "Active", quota: { hard: { "requests.cpu": "2" }, used: { "requests.cpu": "1" } } },
      { cluster: "c", phase: "Missing", quota: null },
    ],
  };

  it("sums used and hard over the clusters", () => {
    expect(projectUsage(project, "requests.cpu")).toEqual({ used: 1.5, hard: 4 });
    expect(projectUsage(project, "requests.memory")).toEqual({ used: undefined, hard: 4 * 2 ** 30 });
    expect(projectUsage(project, "pods")).toEqual({ used: undefined, hard: undefined });
  });

  it("sorts by ratio, projects without a limit last", () => {
    expect(usageSortValue({ used: 1, hard: 4 })).toBe(0.25);
    expect(usageSortValue({ hard: 4 })).toBe(0);
    expect(usageSortValue({ used: 3 })).toBe(-1);
  });
});

describe("node selector", () => {
  it("checks keys, values and duplicates, ignoring empty rows", () => {
    const rows = [
      newSelectorRow("kubernetes.io/os", "linux"),
      newSelectorRow("", ""),
      newSelectorRow("", "x"),
      newSelectorRow("bad key", "v"),
      newSelectorRow("kubernetes.io/os", "windows"),
      newSelectorRow("zone", "not ok!"),
    ];
    const errors = selectorErrors(rows);
    expect(errors[rows[0].id]).toBeUndefined();
    expect(errors[rows[1].id]).toBeUndefined();
    expect(errors[rows[2].id]).toBe("validation.selectorKeyRequired");
    expect(errors[rows[3].id]).toBe("validation.selectorKey");
    expect(errors[rows[4].id]).toBe("validation.selectorKeyDuplicate");
    expect(errors[rows[5].id]).toBe("validation.selectorValue");
  });

  it("keeps rows with a key (an empty value matches the label's empty value)", () => {
    expect(selectorFromRows([newSelectorRow(" disk ", " ssd "), newSelectorRow("", ""), newSelectorRow("gpu", "")])).toEqual({ disk: "ssd", gpu: "" });
  });
});

describe("wizard", () => {
  const values = (v: Partial<WizardValues> = {}): WizardValues => ({ ...wizardDefaults("acme"), clusters: ["a"], name: "shop", ...v });

  it("sends each field, by its form or request name, to its step", () => {
    expect(stepOfField("name")).toBe("name");
    expect(stepOfField("clusters.1")).toBe("clusters");
    expect(stepOfField("quota.requests.cpu")).toBe("quota");
    expect(stepOfField("quota.requests:cpu")).toBe("quota");
    expect(stepOfField("limits.default.memory")).toBe("quota");
    expect(stepOfField("nodeSelector.zone")).toBe("nodes");
    expect(stepOfField("somethingElse")).toBeUndefined();
    for (const s of WIZARD_STEPS) for (const f of STEP_FIELDS[s]) expect(stepOfField(f)).toBe(s);
  });

  it("checks presence only on Next and Create, formats as the user types", () => {
    const empty = values({ tenant: "", clusters: [], name: "" });
    expect(wizardIssues(empty, false, new Set())).toEqual({});
    expect(Object.keys(wizardIssues(empty, true, new Set()))).toEqual(["tenant", "clusters", "name"]);
    expect(wizardIssues(values({ name: "Shop" }), false, new Set()).name).toEqual({ key: "projects.validation.nameLowercase", values: { max: 63 } });
    expect(wizardIssues(values({ description: "x".repeat(501) }), false, new Set()).description).toEqual({ key: "projects.create.validation.tooLong", values: { max: 500 } });
  });

  it("checks node selector rows by index (react-hook-form's errors of a list), and quantities as quota messages", () => {
    const issues = wizardIssues(values({ nodeSelector: [newSelectorRow("zone", "a"), newSelectorRow("bad key", "v")], quota: { "requests:cpu": "2 cores" } }), false, new Set());
    expect(issues["nodeSelector.1"]).toEqual({ key: "projects.validation.selectorKey" });
    expect(issues["quota.requests:cpu"]?.key).toBe("quotas.quantity.cpuUnit");
    expect(Object.keys(issues)).toEqual(["nodeSelector.1", "quota.requests:cpu"]);
  });

  it("asks for what the budget limits only on Next and Create", () => {
    const budgeted = new Set(["pods"]);
    expect(wizardIssues(values(), false, budgeted)).toEqual({});
    expect(wizardIssues(values(), true, budgeted)).toEqual({ "quota.pods": { key: "quotas.quantity.required" } });
  });

  it("checks the default limits against the tenant's max, and shows nothing of fields it has no input for", () => {
    const issues = wizardIssues(values({ limits: { default: { cpu: "2", memory: "" }, defaultRequest: { cpu: "", memory: "" } } }), false, new Set(), {
      max: { cpu: "1", memory: "bad" },
    });
    expect(issues["limits.default.cpu"]?.key).toBe("quotas.limits.atMost");
    expect(Object.keys(issues)).toEqual(["limits.default.cpu"]);
  });

  it("routes server field errors to the inputs that show them", () => {
    const row = newSelectorRow("kubernetes.io/os", "linux");
    const target = wizardTarget({ nodeSelector: [newSelectorRow(), row] });
    expect(target("clusters.1", "")).toBe("clusters");
    expect(target("name", "")).toBe("name");
    expect(target("quota.requests.cpu", "")).toBe("quota.requests:cpu");
    expect(target("quota.count/jobs", "")).toBeUndefined();
    expect(target("limits.default.memory", "")).toBe("limits.default.memory");
    expect(target("limits.max.cpu", "")).toBeUndefined();
    expect(target("nodeSelector.kubernetes.io/os", "")).toBe("nodeSelector.1");
    expect(target("nodeSelector", "")).toBeUndefined();
    expect(target("owner", "")).toBeUndefined();
  });

  it("fills quota and limits from the tenant's defaults, by form field", () => {
    const { quota, limits } = wizardQuotaAndLimits({ quota: { "requests.cpu": "2" }, limits: { default: { cpu: "1" } } });
    expect(quota["requests:cpu"]).toBe("2");
    expect(quota.pods).toBe("");
    expect(limits).toEqual({ defaultRequest: { cpu: "", memory: "" }, default: { cpu: "1", memory: "" } });
  });

  it("builds the create body: trimmed, empty quota fields left out, the tenant's other limits kept", () => {
    const body = createBody(
      {
        tenant: "acme",
        clusters: ["a", "b"],
        name: " shop ",
        displayName: " Shop ",
        description: "",
        nodeSelector: [newSelectorRow("disk", "ssd")],
        quota: { "requests:cpu": " 2 ", pods: "" },
        limits: { default: { cpu: "500m", memory: "" }, defaultRequest: { cpu: "", memory: "" } },
      },
      { max: { cpu: "4" }, default: { cpu: "1", memory: "1Gi" } },
    );
    expect(createProjectBodySchema.safeParse(body).success).toBe(true);
    expect(body).toEqual({
      tenant: "acme",
      clusters: ["a", "b"],
      name: "shop",
      displayName: "Shop",
      description: undefined,
      nodeSelector: { disk: "ssd" },
      quota: { "requests.cpu": "2" },
      limits: { max: { cpu: "4" }, default: { cpu: "500m" } },
    });
  });

  it("round-trips limit defaults through the form", () => {
    const form = limitFormFrom({ default: { cpu: "1" }, min: { cpu: "10m" } }, WIZARD_LIMIT_FIELDS, ["cpu", "memory"]);
    expect(form).toEqual({ defaultRequest: { cpu: "", memory: "" }, default: { cpu: "1", memory: "" } });
    expect(mergeLimits({ min: { cpu: "10m" } }, form, WIZARD_LIMIT_FIELDS)).toEqual({ min: { cpu: "10m" }, default: { cpu: "1" } });
  });

  it("computes what a budget leaves", () => {
    expect(remaining({ "requests.cpu": "10" }, { "requests.cpu": "7500m" }, "requests.cpu")).toBe(2.5);
    expect(remaining({ "requests.cpu": "1" }, { "requests.cpu": "2" }, "requests.cpu")).toBe(0);
    expect(remaining({}, { "requests.cpu": "2" }, "requests.cpu")).toBeUndefined();
  });
});
