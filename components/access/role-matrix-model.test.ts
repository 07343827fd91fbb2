import { describe, expect, it } from "vitest";
import type { Vocabulary } from "@/lib/access/queries";
import { emptyMatrix, hasRules, matrixFromRules, rulesFromMatrix, setDeny, toggleVerb } from "./role-matrix-model";

const vocab: Vocabulary = {
  verbs: ["get", "list", "watch", "create", "delete"],
  matrix: [
    { id: "workloads", resources: ["apps/deployments", "apps/statefulsets"] },
    { id: "config", resources: ["core/configmaps", "core/secrets"] },
  ],
  sets: {},
};

describe("role matrix", () => {
  it("groups rows with the same verbs and effect into one rule, in matrix and vocabulary order", () => {
    let s = emptyMatrix();
    s = toggleVerb(s, "apps/statefulsets", "list", true);
    s = toggleVerb(s, "apps/statefulsets", "get", true);
    s = toggleVerb(s, "apps/deployments", "get", true);
    s = toggleVerb(s, "apps/deployments", "list", true);
    s = toggleVerb(s, "core/secrets", "get", true);
    s = setDeny(s, "core/secrets", true);
    expect(rulesFromMatrix(s, vocab)).toEqual([
      { resources: ["apps/deployments", "apps/statefulsets"], verbs: ["get", "list"], effect: "allow" },
      { resources: ["core/secrets"], verbs: ["get"], effect: "deny" },
    ]);
  });

  it("reads its own rules back", () => {
    const rules = [
      { resources: ["apps/deployments"], verbs: ["get", "list", "watch"], effect: "allow" as const },
      { resources: ["core/secrets"], verbs: ["get"], effect: "deny" as const },
    ];
    const s = matrixFromRules(rules, vocab);
    expect(s.extra).toEqual([]);
    expect(rulesFromMatrix(s, vocab)).toEqual(rules);
  });

  it("ticks every verb for an allowed '*', and keeps rules it cannot show", () => {
    const s = matrixFromRules(
      [
        { resources: ["core/configmaps"], verbs: ["*"], effect: "allow" },
        { resources: ["core/nodes"], verbs: ["get"], effect: "allow" },
        { resources: ["core/configmaps"], verbs: ["delete"], effect: "deny" },
        { resources: ["core/secrets"], verbs: ["*"], effect: "deny" },
      ],
      vocab,
    );
    expect(s.matrix["core/configmaps"]).toEqual({ verbs: vocab.verbs, deny: false });
    expect(s.extra).toEqual([
      { resources: ["core/nodes"], verbs: ["get"], effect: "allow" },
      { resources: ["core/configmaps"], verbs: ["delete"], effect: "deny" },
      { resources: ["core/secrets"], verbs: ["*"], effect: "deny" },
    ]);
    expect(rulesFromMatrix(s, vocab).slice(1)).toEqual(s.extra);
  });

  it("knows an empty matrix grants nothing", () => {
    expect(hasRules(emptyMatrix())).toBe(false);
    const s = toggleVerb(toggleVerb(emptyMatrix(), "core/secrets", "get", true), "core/secrets", "get", false);
    expect(hasRules(s)).toBe(false);
    expect(rulesFromMatrix(s, vocab)).toEqual([]);
  });
});
