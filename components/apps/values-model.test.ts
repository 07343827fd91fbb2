import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { type ValueField, type ValueGroup, applyFields, fieldErrors, fieldValues, mergeValues, parseValues, schemaErrorFields, valuesModel, valuesYAML } from "./values-model";

// The fleet's echo chart: its schema and defaults are what the e2e spec installs.
const chartDir = path.resolve(import.meta.dirname, "../../hack/fleet/charts/echo");
const echoSchema = JSON.parse(readFileSync(path.join(chartDir, "values.schema.json"), "utf8")) as Record<string, unknown>;
const echoDefaults = parse(readFileSync(path.join(chartDir, "values.yaml"), "utf8")) as Record<string, unknown>;

const byPath = (fields: ValueField[], p: string) => fields.find((f) => f.path.join(".") === p)!;

describe("valuesModel", () => {
  const model = valuesModel(echoSchema);

  it("reads each property as a field of its type, objects as groups, in the schema's order", () => {
    expect(model.nodes.map((n) => `${n.node}:${n.path.join(".")}`)).toEqual(["field:replicaCount", "group:image", "field:message", "field:port", "field:resources", "group:route"]);
    const replicas = byPath(model.fields, "replicaCount");
    expect(replicas).toMatchObject({ kind: "integer", title: "Replicas", description: "Pods running the app.", required: true, minimum: 0, maximum: 20 });
    expect(byPath(model.fields, "image.repository")).toMatchObject({ kind: "string", title: "Image repository", required: true, minLength: 1 });
    expect(byPath(model.fields, "image.tag")).toMatchObject({ kind: "string", required: false });
    expect(byPath(model.fields, "message")).toMatchObject({ kind: "string", maxLength: 200 });
    // An object without properties: free-form, edited as YAML.
    expect(byPath(model.fields, "resources")).toMatchObject({ kind: "yaml", title: "Resources" });
    expect(byPath(model.fields, "route.enabled")).toMatchObject({ kind: "boolean", title: "Publish on the Gateway" });
    expect(byPath(model.fields, "route.hostname").pattern).toMatch(/^\^/);
    const route = model.nodes.find((n) => n.path.join(".") === "route") as ValueGroup;
    expect(route.children.map((c) => c.path.join("."))).toEqual(["route.enabled", "route.hostname", "route.gateway"]);
    // A field without a title is named by its key.
    expect(byPath(model.fields, "route.gateway.name").title).toBe("name");
  });

  it("reads enums, nullable types, number bounds of both drafts and local $refs", () => {
    const m = valuesModel({
      definitions: { level: { type: "string", enum: ["debug", "info"], title: "Log level" } },
      required: ["ratio"],
      properties: {
        level: { $ref: "#/definitions/level" },
        ratio: { type: ["number", "null"], exclusiveMinimum: 0, maximum: 1 },
        old: { type: "integer", minimum: 1, exclusiveMinimum: true },
        tags: { type: "array", items: { type: "string" } },
        anything: {},
      },
    });
    expect(m.fields.map((f) => [f.path[0], f.kind])).toEqual([
      ["level", "enum"],
      ["ratio", "number"],
      ["old", "integer"],
      ["tags", "yaml"],
      ["anything", "yaml"],
    ]);
    expect(m.fields[0]).toMatchObject({ title: "Log level", options: ["debug", "info"] });
    expect(m.fields[1]).toMatchObject({ required: true, exclusiveMinimum: 0, maximum: 1 });
    expect(m.fields[2]).toMatchObject({ exclusiveMinimum: 1, minimum: undefined });
  });
});

describe("fieldValues → applyFields → YAML", () => {
  const model = valuesModel(echoSchema);
  const id = (p: string) => byPath(model.fields, p).id;

  it("starts from the chart's defaults", () => {
    const form = fieldValues(model, echoDefaults);
    expect(form[id("replicaCount")]).toBe("2");
    expect(form[id("image.tag")]).toBe("");
    expect(form[id("route.enabled")]).toBe(false);
    expect(form[id("resources")]).toBe("requests:\n  cpu: 50m\n  memory: 32Mi\nlimits:\n  cpu: 200m\n  memory: 64Mi");
    // Unchanged, the form gives back the defaults.
    expect(applyFields(model, form, echoDefaults)).toEqual(echoDefaults);
  });

  it("writes the changed fields with their types over the values they started from", () => {
    const form = fieldValues(model, echoDefaults);
    form[id("replicaCount")] = "1";
    form[id("route.enabled")] = true;
    form[id("message")] = "hi: there";
    form[id("resources")] = "limits: { cpu: 100m }";
    const values = applyFields(model, form, echoDefaults);
    expect(values).toEqual({ ...echoDefaults, replicaCount: 1, message: "hi: there", resources: { limits: { cpu: "100m" } }, route: { ...(echoDefaults.route as object), enabled: true } });
    const yaml = valuesYAML(values);
    expect(yaml).toContain("replicaCount: 1\n");
    expect(yaml).toContain('message: "hi: there"\n');
    expect(parse(yaml)).toEqual(values);
    // The defaults are not changed.
    expect(echoDefaults.replicaCount).toBe(2);
  });

  it("leaves out emptied optional values, keeps an emptied string the values had", () => {
    const model2 = valuesModel({ properties: { a: { type: "string" }, b: { type: "string" }, n: { type: "integer" }, e: { enum: [1, 2] }, y: { type: "object" }, on: { type: "boolean" }, off: { type: "boolean" } } });
    const base = { a: "x", n: 3, e: 2, y: { k: 1 }, off: false, other: "kept" };
    const form = fieldValues(model2, base);
    expect(form).toEqual({ f0: "x", f1: "", f2: "3", f3: "1", f4: "k: 1", f5: false, f6: false });
    expect(applyFields(model2, { f0: "", f1: "", f2: "", f3: "", f4: " ", f5: false, f6: false }, base)).toEqual({ a: "", off: false, other: "kept" });
    expect(applyFields(model2, { f0: "x", f1: "new", f2: "-4", f3: "0", f4: "[1, 2]", f5: true, f6: true }, base)).toEqual({
      a: "x",
      b: "new",
      n: -4,
      e: 1,
      y: [1, 2],
      on: true,
      off: true,
      other: "kept",
    });
    expect(valuesYAML({})).toBe("");
  });
});

describe("fieldErrors", () => {
  const model = valuesModel(echoSchema);
  const id = (p: string) => byPath(model.fields, p).id;
  const form = () => fieldValues(model, echoDefaults);

  it("passes the defaults", () => {
    expect(fieldErrors(model, form())).toEqual({});
  });

  it("checks types, bounds, lengths, patterns and YAML", () => {
    const f = form();
    f[id("replicaCount")] = "21";
    f[id("port")] = "80.5";
    f[id("message")] = "x".repeat(201);
    f[id("route.hostname")] = "Not A Host";
    f[id("resources")] = "a: [";
    f[id("image.repository")] = "";
    const errors = fieldErrors(model, f);
    expect(errors[id("replicaCount")]).toEqual({ key: "maximum", limit: 20 });
    expect(errors[id("port")]).toEqual({ key: "integer" });
    expect(errors[id("message")]).toEqual({ key: "maxLength", limit: 200 });
    expect(errors[id("route.hostname")]).toMatchObject({ key: "pattern" });
    expect(errors[id("resources")]).toMatchObject({ key: "yaml" });
    expect(errors[id("image.repository")]).toEqual({ key: "required" });
    f[id("replicaCount")] = "-1";
    expect(fieldErrors(model, f)[id("replicaCount")]).toEqual({ key: "minimum", limit: 0 });
  });

  it("counts an empty required field only on submit", () => {
    const f = form();
    f[id("replicaCount")] = "";
    expect(fieldErrors(model, f, false)).toEqual({});
    expect(fieldErrors(model, f, true)).toEqual({ [id("replicaCount")]: { key: "required" } });
  });

  it("checks exclusive bounds as the next allowed value", () => {
    const m = valuesModel({ properties: { n: { type: "integer", exclusiveMinimum: 0, exclusiveMaximum: 10 }, x: { type: "number" } } });
    expect(fieldErrors(m, { f0: "0", f1: "1e3" })).toEqual({ f0: { key: "minimum", limit: 1 } });
    expect(fieldErrors(m, { f0: "10", f1: "abc" })).toEqual({ f0: { key: "maximum", limit: 9 }, f1: { key: "number" } });
  });
});

describe("parseValues and mergeValues", () => {
  it("reads a mapping, nothing as no values, and says why anything else is not one", () => {
    expect(parseValues("a: 1\n")).toEqual({ values: { a: 1 } });
    expect(parseValues("  \n")).toEqual({ values: {} });
    expect(parseValues("# only a comment\n")).toEqual({ values: {} });
    expect(parseValues("- a\n")).toEqual({ error: "not a mapping" });
    expect("error" in parseValues("a: [")).toBe(true);
  });

  it("merges as helm does: mappings by key, lists replaced, null removes", () => {
    expect(mergeValues({ a: { b: 1, c: 2 }, l: [1, 2], gone: 1 }, { a: { c: 3 }, l: [9], gone: null })).toEqual({ a: { b: 1, c: 3 }, l: [9] });
  });
});

describe("schemaErrorFields", () => {
  const model = valuesModel(echoSchema);
  const id = (p: string) => byPath(model.fields, p).id;

  it("finds the fields helm 3 and helm 4 name", () => {
    const helm3 = "values don't meet the specifications of the schema(s) in the following chart(s):\necho:\n- replicaCount: Invalid type. Expected: integer, given: string\n- route.hostname: Does not match pattern";
    expect(schemaErrorFields(helm3, model)).toEqual({ [id("replicaCount")]: "Invalid type. Expected: integer, given: string", [id("route.hostname")]: "Does not match pattern" });
    const helm4 = "values don't meet the specifications of the schema(s) in the following chart(s):\necho:\n- at '/image/repository': minLength: got 0, want 1";
    expect(schemaErrorFields(helm4, model)).toEqual({ [id("image.repository")]: "minLength: got 0, want 1" });
    expect(schemaErrorFields("something else", model)).toEqual({});
  });
});
