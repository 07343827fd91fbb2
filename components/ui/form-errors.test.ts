import { zodResolver } from "@hookform/resolvers/zod";
import { describe, expect, it } from "vitest";
import { z } from "@/lib/validations/zod";
import { ApiClientError } from "@/lib/client/api";
import { createUserBodySchema } from "@/lib/validations/tenancy";
import { FORM_ERROR, conflictOn, errorFields, failedSteps, keyRowTarget, routeErrors, sameName, sameValues, stepOfFieldIn, withSchemaErrors } from "./form-errors";

describe("server errors on a form", () => {
  const fields = sameName(["name", "clusters", "quota"]);

  it("puts each field error on the input of its name, or of its top-level name", () => {
    const err = new ApiClientError(422, "Some fields are not valid.", { name: "Taken.", "clusters.1": "Unknown cluster.", "quota.cpu": "Too much." });
    expect(routeErrors(err, fields)).toEqual({ name: "Taken.", clusters: "Unknown cluster.", quota: "Too much." });
  });

  it("joins two messages for one input", () => {
    const err = new ApiClientError(422, "x", { "clusters.0": "Unknown.", "clusters.1": "Not allowed." });
    expect(routeErrors(err, fields)).toEqual({ clusters: "Unknown. Not allowed." });
  });

  it("keeps what no input shows for the form as a whole", () => {
    const err = new ApiClientError(422, "Some fields are not valid.", { name: "Taken.", owner: "Unknown owner." });
    expect(routeErrors(err, fields)).toEqual({ name: "Taken.", [FORM_ERROR]: "Unknown owner." });
  });

  it("gives a failure without fields, or not from the API, to the form", () => {
    expect(routeErrors(new ApiClientError(503, "member-1 is unreachable"), fields)).toEqual({ [FORM_ERROR]: "member-1 is unreachable" });
    expect(routeErrors(new TypeError("Failed to fetch"), fields)).toEqual({ [FORM_ERROR]: "Failed to fetch" });
  });

  it("pins a 409 on the name only when the server did not name a field", () => {
    const taken = () => "That name is taken.";
    expect(conflictOn(new ApiClientError(409, "exists"), "name", taken)).toEqual({ name: "That name is taken." });
    expect(conflictOn(new ApiClientError(409, "exists", { name: "Exists." }), "name", taken)).toEqual({});
    expect(conflictOn(new ApiClientError(422, "bad"), "name", taken)).toEqual({});
  });

  it("finds the step of a field by its top-level name", () => {
    const stepOf = stepOfFieldIn(["tenant", "name", "review"] as const, { tenant: ["tenant"], name: ["name", "labels"], review: [] });
    expect(stepOf("labels.3")).toBe("name");
    expect(stepOf("tenant")).toBe("tenant");
    expect(stepOf(FORM_ERROR)).toBeUndefined();
    expect(stepOf("nam")).toBeUndefined();
  });

  it("lists the steps holding errors in step order, whatever the order of the fields", () => {
    const stepOf = (f: string) => (f === "name" ? "name" : f.startsWith("quota") ? "quota" : undefined);
    expect(failedSteps(["tenant", "name", "quota"] as const, ["quota.cpu", FORM_ERROR, "name", "quota.memory"], stepOf)).toEqual(["name", "quota"]);
    expect(failedSteps(["tenant", "name"] as const, [FORM_ERROR, "other"], stepOf)).toEqual([]);
  });

  it("names the fields of react-hook-form's nested errors, not the form-level ones", () => {
    const errors = {
      name: { type: "server", message: "Taken." },
      labels: [undefined, { type: "validate", message: "Bad key." }],
      root: { server: { type: "server", message: "Failed." } },
      empty: undefined,
    };
    expect(errorFields(errors)).toEqual(["name", "labels.1"]);
    expect(errorFields({})).toEqual([]);
  });
});

describe("schema errors on a form", () => {
  it("adds the schema's errors on Next and the submit where the form's own checks say nothing", () => {
    const schema = () => ({ name: "Too long.", "labels.1": "Bad value.", [FORM_ERROR]: "Unknown field owner." });
    // While typing: the form's own checks only.
    expect(withSchemaErrors({ name: "Required." }, false, schema)).toEqual({ name: "Required." });
    // A later step's own error must not hide the schema's error on this step's field.
    expect(withSchemaErrors({ name: "Required.", token: "Enter a token." }, true, schema)).toEqual({ name: "Required.", "labels.1": "Bad value.", token: "Enter a token." });
    expect(withSchemaErrors({}, true, schema)).toEqual(schema());
    expect(withSchemaErrors({}, true, () => ({}))).toEqual({});
  });

  it("puts an error about a key of a key-value list on the row holding the key", () => {
    const rows = [{ key: "" }, { key: " zone " }, { key: "kubernetes.io/os" }];
    expect(keyRowTarget("labels", "labels.zone", rows)).toBe("labels.1");
    expect(keyRowTarget("labels", "labels.kubernetes.io/os", rows)).toBe("labels.2");
    expect(keyRowTarget("labels", "labels.gone", rows)).toBeUndefined();
    expect(keyRowTarget("labels", "labels", rows)).toBeUndefined();
    expect(keyRowTarget("labels", "labels.", rows)).toBeUndefined();
    expect(keyRowTarget("labels", "labelsX.zone", rows)).toBeUndefined();
  });

  it("reports the API schema's messages by field path", async () => {
    const schema = z.object({ username: createUserBodySchema.shape.username, password: createUserBodySchema.shape.password });
    const resolve = zodResolver(schema);
    const out = await resolve({ username: "Bad Name", password: "short" }, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(out.errors.username?.message).toMatch(/lowercase letters/);
    expect(out.errors.password?.message).toBe("At least 10 characters.");
    const ok = await resolve({ username: " alice ", password: "long enough pw" }, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(ok.errors).toEqual({});
    expect(ok.values).toEqual({ username: "alice", password: "long enough pw" });
  });
});

describe("changed values", () => {
  it("counts white space around a text and a missing key as no change", () => {
    expect(sameValues({ hard: { pods: " 7 ", cpu: "" }, scopes: [] }, { hard: { pods: "7" }, scopes: [] })).toBe(true);
    expect(sameValues({ hard: { pods: "8" } }, { hard: { pods: "7" } })).toBe(false);
    expect(sameValues({ hard: { cpu: "1" } }, { hard: {} })).toBe(false);
  });

  it("compares lists in order", () => {
    expect(sameValues({ scopes: ["BestEffort"] }, { scopes: [] })).toBe(false);
    expect(sameValues({ scopes: ["A", "B"] }, { scopes: ["B", "A"] })).toBe(false);
    expect(sameValues({ scopes: ["A", "B"] }, { scopes: ["A", "B"] })).toBe(true);
  });
});
