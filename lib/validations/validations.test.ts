import { describe, expect, it } from "vitest";
import { createClusterBodySchema, updateClusterBodySchema } from "./cluster";
import { createBindingBodySchema, createRoleBodySchema, createTenantBodySchema, updateTenantBodySchema } from "./tenancy";
import { lineText, multilineText } from "./text";

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("lineText / multilineText", () => {
  it("accepts any script", () => {
    expect(lineText(100).safeParse("Zahlungsverkehr 支付 платежи ✓").success).toBe(true);
    expect(multilineText(500).safeParse("line one\nline two\twith a tab").success).toBe(true);
  });

  it.each([
    ["a NUL", "evil\u0000"],
    ["an escape sequence", "\u001b[31mred"],
    ["a DEL", "a\u007fb"],
    ["a C1 control", "a\u009bb"],
    ["a right-to-left override", "\u202etxt.exe"],
    ["a direction isolate", "a\u2066b"],
  ])("refuses %s in a name or a description", (_what, v) => {
    expect(lineText(100).safeParse(v).success).toBe(false);
    expect(multilineText(500).safeParse(v).success).toBe(false);
  });

  it("keeps line breaks out of one-line text", () => {
    expect(lineText(100).safeParse("a\nb").success).toBe(false);
  });

  it("counts the limit after trimming", () => {
    expect(lineText(3).safeParse("  abc  ").success).toBe(true);
    expect(lineText(3).safeParse("abcd").success).toBe(false);
  });
});

describe("display names and descriptions in the API bodies", () => {
  it("refuse control characters with a field error", () => {
    expect(issues(updateTenantBodySchema.safeParse({ displayName: "\u202eevil\u0000" }))).toHaveProperty("displayName");
    expect(issues(createTenantBodySchema.safeParse({ name: "t", description: "a\u0007" }))).toHaveProperty("description");
    expect(issues(updateClusterBodySchema.safeParse({ displayName: "x\u001b" }))).toHaveProperty("displayName");
    expect(issues(createClusterBodySchema.safeParse({ source: "token", name: "c", server: "https://a", token: "t", description: "\u0000" }))).toHaveProperty(
      "description",
    );
  });
});

describe("role rules", () => {
  const role = (resources: string[]) => createRoleBodySchema.safeParse({ name: "r", scope: "tenant", tenant: "t", rules: [{ resources, verbs: ["get"] }] });

  it.each([["*"], ["@readable"], ["console/members"], ["core/pods"], ["core/pods/log"], ["apps/*"], ["core/pods/*"], ["rbac.authorization.k8s.io/roles"], ["nonresource:/metrics"]])(
    "accepts %s",
    (r) => {
      expect(role([r]).success).toBe(true);
    },
  );

  it.each([["../etc"], ["a/../b"], [".x/y"], ["core/Pods"], ["core/pods/log/x"], ["core/"], ["/pods"], ["core/pods/"]])("refuses %s", (r) => {
    expect(issues(role([r]))).toHaveProperty("rules.0.resources.0");
  });
});

describe("role binding subjects", () => {
  const binding = (kind: string, name: string) => createBindingBodySchema.safeParse({ subject: { kind, name }, role: "cluster-admin", scope: { type: "cluster", cluster: "c" } });

  it("refuses group names no user can carry", () => {
    expect(issues(binding("Group", "a,b"))).toEqual({ "subject.name": expect.stringMatching(/no spaces or commas/) });
    expect(issues(binding("Group", "a b"))).toHaveProperty("subject.name");
    expect(issues(binding("Group", "g".repeat(129)))).toHaveProperty("subject.name");
  });

  it("accepts ordinary groups and users", () => {
    expect(binding("Group", "auditors").success).toBe(true);
    expect(binding("Group", "oidc:platform-team").success).toBe(true);
    expect(binding("User", "alice").success).toBe(true);
  });
});

describe("tenant Pod Security level and host-cluster acknowledgement", () => {
  it("take the three Kubernetes levels and a boolean", () => {
    for (const level of ["baseline", "restricted", "privileged"]) {
      expect(createTenantBodySchema.safeParse({ name: "t", podSecurity: level, acknowledgeHostCluster: true }).success).toBe(true);
      expect(updateTenantBodySchema.safeParse({ podSecurity: level, acknowledgeHostCluster: false }).success).toBe(true);
    }
    expect(createTenantBodySchema.parse({ name: "t" })).not.toHaveProperty("podSecurity");
  });

  it("refuse anything else with a field error", () => {
    expect(issues(createTenantBodySchema.safeParse({ name: "t", podSecurity: "none" }))).toEqual({ podSecurity: "Choose baseline, restricted or privileged." });
    expect(issues(updateTenantBodySchema.safeParse({ podSecurity: "Baseline" }))).toHaveProperty("podSecurity");
    expect(issues(updateTenantBodySchema.safeParse({ acknowledgeHostCluster: "yes" }))).toEqual({ acknowledgeHostCluster: "Send true or false." });
  });
});
