import { describe, expect, it } from "vitest";
import { checkQuantity } from "@/lib/k8s/quantity-validate";
import {
  LIMIT_FIELDS,
  cleanLimits,
  cleanList,
  fieldResource,
  formValues,
  formatAmount,
  formatQuantity,
  fromFieldKeys,
  limitIssues,
  limitIssuesAt,
  listIssues,
  quantityIssue,
  quantityIssuesAt,
  resourceField,
  resourceKind,
  resourceMessageKey,
  sumResource,
  toFieldKeys,
  usageRatio,
} from "./quota-model";

describe("quantityIssue", () => {
  it("accepts what checkQuantity accepts", () => {
    for (const [q, r] of [
      ["500m", "requests.cpu"],
      ["8Gi", "limits.memory"],
      ["10", "pods"],
      ["0", "services.nodeports"],
    ]) {
      expect(checkQuantity(q, r).ok).toBe(true);
      expect(quantityIssue(q, r)).toBeUndefined();
    }
  });

  it.each([
    ["2GB", "requests.memory", "quantity.byteUnit", { decimal: "2G", binary: "2Gi" }],
    ["500mb", "requests.memory", "quantity.byteUnit", { decimal: "500M", binary: "500Mi" }],
    ["2gi", "limits.memory", "quantity.binaryUnit", { fix: "2Gi" }],
    ["1 GiB", "limits.memory", "quantity.binaryUnit", { fix: "1Gi" }],
    ["2 cores", "requests.cpu", "quantity.cpuUnit", { number: "2", milli: "2000m" }],
    ["512 bytes", "requests.memory", "quantity.bytes", { number: "512" }],
    ["-1", "requests.cpu", "quantity.negative", undefined],
    ["1.5", "pods", "quantity.wholeNumber", { resource: "pods" }],
    ["1k", "pods", "quantity.wholeNumber", { resource: "pods" }],
    ["lots", "requests.cpu", "quantity.invalid", undefined],
    ["1 0", "requests.cpu", "quantity.spaces", undefined],
  ])("%s for %s is refused as %s, like checkQuantity", (q, r, key, values) => {
    expect(checkQuantity(q, r).ok).toBe(false);
    const issue = quantityIssue(q, r);
    expect(issue?.key).toBe(key);
    if (values) expect(issue?.values).toEqual(values);
  });

  it("treats empty as unset unless required", () => {
    expect(quantityIssue("  ", "pods")).toBeUndefined();
    expect(quantityIssue("", "pods", true)).toEqual({ key: "quantity.required" });
  });
});

describe("lists", () => {
  it("checks every value and the required ones", () => {
    const issues = listIssues({ "requests.cpu": "1", "limits.memory": "2GB", pods: "" }, new Set(["pods", "requests.storage"]));
    expect(Object.keys(issues).sort()).toEqual(["limits.memory", "pods", "requests.storage"]);
  });

  it("drops empty values and trims the rest", () => {
    expect(cleanList({ a: " 1 ", b: "", c: "  " })).toEqual({ a: "1" });
  });

  it("fills form values for every resource and keeps unknown ones", () => {
    expect(formValues(["pods", "requests.cpu"], { "requests.cpu": "2", "count/jobs.batch": "5" })).toEqual({
      pods: "",
      "requests.cpu": "2",
      "count/jobs.batch": "5",
    });
  });

  it("sums a resource over lists, telling 'nowhere' from zero", () => {
    expect(sumResource([{ "requests.cpu": "500m" }, { "requests.cpu": "1" }, null], "requests.cpu")).toBeCloseTo(1.5);
    expect(sumResource([{ pods: "1" }], "requests.cpu")).toBeUndefined();
    expect(sumResource([{ pods: "0" }], "pods")).toBe(0);
  });
});

describe("formatting", () => {
  it("knows the kind of a resource", () => {
    expect(resourceKind("requests.cpu")).toBe("cpu");
    expect(resourceKind("limits.memory")).toBe("bytes");
    expect(resourceKind("requests.storage")).toBe("bytes");
    expect(resourceKind("pods")).toBe("count");
    expect(resourceKind("count/deployments.apps")).toBe("count");
    expect(resourceKind("requests.nvidia.com/gpu")).toBe("other");
  });

  it("formats amounts by kind", () => {
    expect(formatAmount("requests.cpu", 0.25)).toBe("250m");
    expect(formatAmount("limits.memory", 8 * 2 ** 30)).toBe("8 GiB");
    expect(formatAmount("pods", 12)).toBe("12");
    expect(formatQuantity("requests.memory", "512Mi")).toBe("512 MiB");
    expect(formatQuantity("requests.memory", "bogus")).toBe("bogus");
    expect(formatQuantity("requests.memory", undefined)).toBe("—");
  });

  it("computes usage ratios", () => {
    expect(usageRatio(1, 4)).toBe(0.25);
    expect(usageRatio(undefined, 4)).toBe(0);
    expect(usageRatio(1, undefined)).toBeUndefined();
    expect(usageRatio(1, 0)).toBe(Infinity);
    expect(usageRatio(0, 0)).toBe(0);
  });

  it("makes message keys without dots", () => {
    expect(resourceMessageKey("requests.cpu")).toBe("requests_cpu");
    expect(resourceMessageKey("count/jobs.batch")).toBe("count_jobs_batch");
  });
});

describe("limitIssues", () => {
  const container = LIMIT_FIELDS.Container;

  it("accepts a consistent container range", () => {
    expect(
      limitIssues(
        { min: { cpu: "50m", memory: "32Mi" }, defaultRequest: { cpu: "100m", memory: "128Mi" }, default: { cpu: "500m", memory: "512Mi" }, max: { cpu: "2", memory: "2Gi" }, maxLimitRequestRatio: { cpu: "10" } },
        container,
      ),
    ).toEqual({});
  });

  it("checks quantities one by one", () => {
    const issues = limitIssues({ default: { memory: "1GB" } }, container);
    expect(issues["default.memory"].key).toBe("quantity.byteUnit");
  });

  it("orders min ≤ defaultRequest ≤ default ≤ max", () => {
    const issues = limitIssues({ min: { cpu: "1" }, max: { cpu: "500m" }, default: { cpu: "3" }, defaultRequest: { cpu: "4" } }, container);
    expect(issues["max.cpu"]).toEqual({ key: "limits.atLeast", values: { other: "min", value: "1" } });
    expect(issues["default.cpu"]).toEqual({ key: "limits.atMost", values: { other: "max", value: "500m" } });
    expect(issues["defaultRequest.cpu"].key).toBe("limits.atMost");
  });

  it("keeps the ratio between 1 and max ÷ min", () => {
    expect(limitIssues({ maxLimitRequestRatio: { cpu: "0.5" } }, container)["maxLimitRequestRatio.cpu"]).toEqual({ key: "limits.ratioMin" });
    expect(limitIssues({ min: { cpu: "1" }, max: { cpu: "2" }, maxLimitRequestRatio: { cpu: "3" } }, container)["maxLimitRequestRatio.cpu"]).toEqual({
      key: "limits.ratioMax",
      values: { value: 2 },
    });
  });

  it("ignores fields a limit type does not have", () => {
    expect(limitIssues({ default: { cpu: "junk" } }, LIMIT_FIELDS.Pod)).toEqual({});
  });

  it("sends only the fields with values", () => {
    expect(cleanLimits({ min: { cpu: "", memory: "" }, max: { cpu: " 2 " }, default: { memory: "1Gi" } }, LIMIT_FIELDS.Pod)).toEqual({ max: { cpu: "2" } });
  });
});

describe("form field names", () => {
  it("keeps a resource whole in a react-hook-form name, and gets it back", () => {
    for (const r of ["pods", "requests.cpu", "count/deployments.apps", "requests.nvidia.com/gpu"]) {
      expect(resourceField(r)).not.toContain(".");
      expect(fieldResource(resourceField(r))).toBe(r);
    }
    const list = { "requests.cpu": "1", pods: "10" };
    expect(toFieldKeys(list)).toEqual({ "requests:cpu": "1", pods: "10" });
    expect(fromFieldKeys(toFieldKeys(list))).toEqual(list);
  });

  it("puts issues under the names the form holds them at", () => {
    expect(quantityIssuesAt("budget.member-1", { "requests:memory": "2GB", pods: "3" })).toEqual({
      "budget.member-1.requests:memory": { key: "quantity.byteUnit", values: { decimal: "2G", binary: "2Gi" } },
    });
    expect(quantityIssuesAt("hard", {}, new Set(["pods"]))).toEqual({ "hard.pods": { key: "quantity.required" } });
    const issues = limitIssuesAt("Container", { defaultRequest: { cpu: "400m" }, default: { cpu: "300m" } }, LIMIT_FIELDS.Container);
    expect(Object.keys(issues)).toEqual(["Container.defaultRequest.cpu"]);
    expect(issues["Container.defaultRequest.cpu"].key).toBe("limits.atMost");
  });
});
