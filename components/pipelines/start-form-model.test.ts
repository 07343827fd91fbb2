import { describe, expect, it } from "vitest";
import { paramField, startFormParams, startFormValues } from "./start-form-model";

const specs = [
  { name: "revision", default: "main" },
  { name: "image", type: "string" as const },
  { name: "tags", type: "array" as const, default: ["latest", "v1"] },
  { name: "labels", type: "object" as const, default: { team: "payments" } },
];

describe("start form", () => {
  it("starts from the defaults, or from a run's values", () => {
    expect(startFormValues(specs)).toEqual({ p: ["main", "", "latest\nv1", "team=payments"] });
    expect(startFormValues(specs, { image: "x:v2", tags: ["a"] })).toEqual({ p: ["main", "x:v2", "a", "team=payments"] });
  });

  it("sends texts, a line per list item and key=value lines as an object", () => {
    expect(startFormParams(specs, { p: ["dev", "shop:v3", " a \n\n b ", "team = web\ntier=front"] })).toEqual({
      params: { revision: "dev", image: "shop:v3", tags: ["a", "b"], labels: { team: "web", tier: "front" } },
      errors: [],
    });
  });

  it("names an empty required text and an object line without '='", () => {
    expect(startFormParams(specs, { p: ["", "", "", "team"] }).errors).toEqual([
      { index: 1, key: "required" },
      { index: 3, key: "objectLine", line: "team" },
    ]);
  });

  it("puts the server's param errors on their fields", () => {
    expect(paramField(specs, "params.tags")).toBe("p.2");
    expect(paramField(specs, "params.nope")).toBeUndefined();
    expect(paramField(specs, "cluster")).toBeUndefined();
  });
});
