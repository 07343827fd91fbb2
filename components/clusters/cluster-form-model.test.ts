import { describe, expect, it } from "vitest";
import { ApiClientError } from "@/lib/client/api";
import { routeErrors } from "@/components/ui/form-errors";
import { FORM_ERROR, failedSteps } from "@/components/ui/form-errors";
import {
  ADD_CLUSTER_STEPS,
  AUTH_FIELDS,
  type AddClusterValues,
  addClusterErrors,
  clusterSummary,
  createClusterBody,
  createClusterTarget,
  errorsOfStep,
  labelField,
  newLabelRow,
  prometheusAuthBody,
  prometheusAuthErrors,
  prometheusAuthForm,
  prometheusAuthTarget,
  stepOfField,
} from "./cluster-form-model";

describe("Prometheus credentials in the cluster form", () => {
  it("leaves prometheusAuth out while nothing changes, so stored credentials stay", () => {
    for (const current of ["none", "bearer", "basic"] as const) {
      const form = prometheusAuthForm(current);
      expect(prometheusAuthBody(form)).toBeUndefined();
      expect(prometheusAuthErrors(form)).toEqual({});
    }
  });

  it("sends new credentials, trimmed (passwords as typed)", () => {
    expect(prometheusAuthBody({ ...prometheusAuthForm("none"), type: "bearer", token: " abc " })).toEqual({ type: "bearer", token: "abc" });
    expect(prometheusAuthBody({ ...prometheusAuthForm("bearer"), token: "new" })).toEqual({ type: "bearer", token: "new" });
    expect(prometheusAuthBody({ ...prometheusAuthForm("bearer"), type: "basic", username: " ops ", password: " p w " })).toEqual({
      type: "basic",
      username: "ops",
      password: " p w ",
    });
  });

  it("removes stored credentials when switched to none", () => {
    expect(prometheusAuthBody({ ...prometheusAuthForm("basic"), type: "none" })).toEqual({ type: "none" });
  });

  it("asks for what a new type needs", () => {
    expect(prometheusAuthErrors({ ...prometheusAuthForm("none"), type: "bearer" })).toEqual({ [AUTH_FIELDS.token]: "validation.tokenRequired" });
    expect(prometheusAuthErrors({ ...prometheusAuthForm("none"), type: "bearer", token: "a b" })).toEqual({ [AUTH_FIELDS.token]: "validation.tokenChars" });
    expect(prometheusAuthErrors({ ...prometheusAuthForm("bearer"), type: "basic" })).toEqual({
      [AUTH_FIELDS.username]: "validation.usernameRequired",
      [AUTH_FIELDS.password]: "validation.passwordRequired",
    });
    // Changing one half of stored basic credentials needs the other half too.
    expect(prometheusAuthErrors({ ...prometheusAuthForm("basic"), username: "a:b" })).toEqual({
      [AUTH_FIELDS.username]: "validation.usernameColon",
      [AUTH_FIELDS.password]: "validation.passwordRequired",
    });
  });

  it("puts the server's field errors on the credential inputs", () => {
    const err = new ApiClientError(422, "Some fields are not valid.", { "prometheusAuth.token": "Enter a bearer token.", prometheusAuth: "Choose none, bearer or basic." });
    expect(routeErrors(err, prometheusAuthTarget)).toEqual({
      [AUTH_FIELDS.token]: "Enter a bearer token.",
      [AUTH_FIELDS.type]: "Choose none, bearer or basic.",
    });
    expect(prometheusAuthTarget("displayName")).toBeUndefined();
  });
});

function values(over: Partial<AddClusterValues> = {}): AddClusterValues {
  return {
    name: "",
    displayName: "",
    description: "",
    labels: [newLabelRow("region"), newLabelRow("env")],
    prometheusURL: "",
    source: "kubeconfig",
    kubeconfig: "",
    server: "",
    caData: "",
    token: "",
    skipTLS: false,
    allowInsecure: false,
    ...over,
  };
}

const KUBECONFIG = "apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: kubeconfig-secret-token\n";
const CONTEXTS = [
  { name: "member-1", cluster: "m1", user: "admin", server: "https://10.0.0.1:6443" },
  { name: "member-2", cluster: "m2", user: "admin", server: "https://10.0.0.2:6443" },
];

describe("steps of the add-cluster form", () => {
  it("puts every field of the form on its step, and the form-level error on none", () => {
    for (const f of ["name", "displayName", "description", "prometheusURL", "labels.label-7"]) expect(stepOfField(f), f).toBe("basic");
    for (const f of ["source", "kubeconfig", "kubeconfigFile", "context", "server", "caData", "token", "skipTLS", "allowInsecure"]) expect(stepOfField(f), f).toBe("connection");
    expect(stepOfField(FORM_ERROR)).toBeUndefined();
    expect(stepOfField("somethingElse")).toBeUndefined();
  });

  it("checks on Next only the fields of the step shown", () => {
    const empty = values();
    expect(errorsOfStep(addClusterErrors(empty, true), "basic")).toEqual({ name: "validation.nameRequired" });
    expect(errorsOfStep(addClusterErrors(empty, true), "connection")).toEqual({ kubeconfig: "validation.kubeconfigRequired" });
    expect(errorsOfStep(addClusterErrors(empty, true), "review")).toEqual({});
    // A bad label row is the first step's, whatever the connection holds.
    const row = newLabelRow("pilothouse.dev/x", "1");
    const badLabel = values({ name: "ok", labels: [row], source: "token", server: "http://insecure" });
    expect(errorsOfStep(addClusterErrors(badLabel, true), "basic")).toEqual({ [labelField(row)]: "validation.labelKeyReserved" });
    expect(errorsOfStep(addClusterErrors(badLabel, true), "connection")).toEqual({ server: "validation.serverHttps", token: "validation.tokenRequired" });
    // Without a step: all of them, as on submit.
    expect(Object.keys(errorsOfStep(addClusterErrors(badLabel, true))).sort()).toEqual([labelField(row), "server", "token"].sort());
  });

  it("sends the server's field errors to the step holding their input", () => {
    const kube = values({ name: "m2", kubeconfig: KUBECONFIG });
    const token = values({ name: "m2", source: "token", server: "https://a", token: "t" });
    const stepOf = (v: AddClusterValues, field: string) => stepOfField(createClusterTarget(v)(field, "")!);
    // The TLS failure of a kubeconfig's cluster is shown on the kubeconfig; of a token's, on the CA.
    expect(createClusterTarget(kube)("ca", "")).toBe("kubeconfig");
    expect(createClusterTarget(token)("ca", "")).toBe("caData");
    expect(stepOf(kube, "credentials")).toBe("connection");
    expect(stepOf(token, "insecureSkipTLSVerify")).toBe("connection");
    expect(stepOf(kube, "name")).toBe("basic");
    const errors = { kubeconfig: "TLS verification failed.", name: "Taken.", [FORM_ERROR]: "Not registered." };
    expect(failedSteps(ADD_CLUSTER_STEPS, Object.keys(errors), stepOfField)).toEqual(["basic", "connection"]);
  });
});

describe("review of the add-cluster form", () => {
  it("shows a kubeconfig's chosen context and its server, never the kubeconfig", () => {
    const v = values({ name: " member-2 ", displayName: "Member two", labels: [newLabelRow("region", "eu"), newLabelRow("env")], kubeconfig: KUBECONFIG });
    const s = clusterSummary(createClusterBody(v, "member-2"), CONTEXTS);
    expect(s).toEqual({
      name: "member-2",
      displayName: "Member two",
      description: undefined,
      labels: ["region=eu"],
      prometheusURL: undefined,
      source: "kubeconfig",
      context: "member-2",
      server: "https://10.0.0.2:6443",
      tls: "kubeconfig",
      allowInsecure: false,
    });
    expect(JSON.stringify(s)).not.toContain("kubeconfig-secret-token");
    // Contexts not read yet: the server picks the kubeconfig's current one.
    expect(clusterSummary(createClusterBody(v, ""), [])).toMatchObject({ context: undefined, server: undefined });
  });

  it("says whether a token and a CA were given, never what they are, and the TLS choice", () => {
    const v = values({
      name: "edge",
      source: "token",
      server: " https://edge.example.com:6443 ",
      token: "very-secret-token",
      caData: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
      skipTLS: true,
      allowInsecure: true,
    });
    const s = clusterSummary(createClusterBody(v, ""), CONTEXTS);
    expect(s).toMatchObject({ source: "token", server: "https://edge.example.com:6443", caGiven: true, tokenGiven: true, tls: "skip", allowInsecure: true });
    expect(JSON.stringify(s)).not.toContain("very-secret-token");
    expect(JSON.stringify(s)).not.toContain("MIIB");
    expect(clusterSummary(createClusterBody({ ...v, caData: "", skipTLS: false, allowInsecure: false }, ""), [])).toMatchObject({ caGiven: false, tls: "verify", allowInsecure: false });
  });
});
