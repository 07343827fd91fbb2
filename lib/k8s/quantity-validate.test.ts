import { describe, expect, it } from "vitest";
import { checkQuantities, checkQuantity } from "./quantity-validate";

describe("checkQuantity", () => {
  it.each([
    ["500m", "requests.cpu", 0.5],
    ["2", "limits.cpu", 2],
    ["1.5", "requests.cpu", 1.5],
    ["512Mi", "requests.memory", 512 * 2 ** 20],
    ["2G", "limits.memory", 2e9],
    ["1e3", "requests.memory", 1000],
    ["10", "pods", 10],
    ["0", "services.nodeports", 0],
    ["100Gi", "requests.storage", 100 * 2 ** 30],
  ])("%s for %s is %d", (q, r, want) => {
    expect(checkQuantity(q, r)).toEqual({ ok: true, value: want });
  });

  it.each([
    ["2GB", "requests.memory", "2G or 2Gi"],
    ["500mb", "requests.memory", "500M or 500Mi"],
    ["2gi", "limits.memory", "2Gi"],
    ["1 GiB", "limits.memory", "1Gi"],
    ["2 cores", "requests.cpu", "millicores like 2000m"],
    ["-1", "requests.cpu", "cannot be negative"],
    ["1.5", "pods", "whole number"],
    ["1k", "pods", "whole number"],
    ["lots", "requests.cpu", "Not a quantity"],
    ["", "requests.cpu", "Enter a quantity"],
    ["1 0", "requests.cpu", "No spaces"],
  ])("%s for %s is refused with a hint (%s)", (q, r, hint) => {
    const c = checkQuantity(q, r);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.message).toContain(hint);
  });

  it("checks a whole map field by field", () => {
    expect(checkQuantities({ "requests.cpu": "1", "limits.memory": "2GB", pods: "x" })).toEqual({
      "limits.memory": expect.stringContaining("2G or 2Gi"),
      pods: expect.stringContaining("Not a quantity"),
    });
  });
});
