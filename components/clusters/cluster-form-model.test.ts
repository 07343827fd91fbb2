import { describe, expect, it } from "vitest";
import { ApiClientError } from "@/lib/client/api";
import { FORM_ERROR, failedSteps, routeErrors, schemaErrors } from "@/components/ui/form-errors";
import { createClusterBodySchema, updateClusterBodySchema } from "@/lib/validations/cluster";
import {
  ADD_CLUSTER_STEPS,
  ADD_CLUSTER_STEP_FIELDS,
  AUTH_FIELDS,
  type AddClusterValues,
  addClusterDefaults,
  addClusterErrors,
  clusterSummary,
  createClusterBody,
  createClusterTarget,
  gatewayURLError,
  metaErrors,
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
  return { ...addClusterDefaults(), ...over };
}

const KUBECONFIG = "apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: kubeconfig-secret-token\n";
const CONTEXTS = [
  { name: "member-1", cluster: "m1", user: "admin", server: "https://10.0.0.1:6443" },
  { name: "member-2", cluster: "m2", user: "admin", server: "https://10.0.0.2:6443" },
];

describe("steps of the add-cluster form", () => {
  it("puts every field of the form on its step, and the form-level error on none", () => {
    for (const s of ADD_CLUSTER_STEPS) for (const f of ADD_CLUSTER_STEP_FIELDS[s]) expect(stepOfField(f)).toBe(s);
    for (const f of ["name", "displayName", "description", "prometheusURL", "gatewayURL", "labels.2"]) expect(stepOfField(f), f).toBe("basic");
    for (const f of ["source", "kubeconfig", "kubeconfigFile", "context", "server", "caData", "token", "skipTLS", "allowInsecure"]) expect(stepOfField(f), f).toBe("connection");
    expect(stepOfField(FORM_ERROR)).toBeUndefined();
    expect(stepOfField("somethingElse")).toBeUndefined();
  });

  it("asks on Next for what the step shown needs: Next checks its fields, which hold these errors", () => {
    // What checkFields(ADD_CLUSTER_STEP_FIELDS[step]) applies of the form's errors.
    const onStep = (errors: Record<string, string>, step: (typeof ADD_CLUSTER_STEPS)[number]) => Object.fromEntries(Object.entries(errors).filter(([f]) => stepOfField(f) === step));
    const empty = addClusterErrors(values(), true);
    expect(onStep(empty, "basic")).toEqual({ name: "validation.nameRequired" });
    expect(onStep(empty, "connection")).toEqual({ kubeconfig: "validation.kubeconfigRequired" });
    expect(onStep(empty, "review")).toEqual({});
    // A bad label row is the first step's, whatever the connection holds.
    const badLabel = addClusterErrors(values({ name: "ok", labels: [newLabelRow("env"), newLabelRow("pilothouse.dev/x", "1")], source: "token", server: "http://insecure" }), true);
    expect(onStep(badLabel, "basic")).toEqual({ "labels.1": "validation.labelKeyReserved" });
    expect(onStep(badLabel, "connection")).toEqual({ server: "validation.serverHttps", token: "validation.tokenRequired" });
    expect(Object.keys(badLabel).sort()).toEqual(["labels.1", "server", "token"]);
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

describe("the gateway address of the cluster forms", () => {
  const meta = (gatewayURL: string) => ({ displayName: "x", description: "", prometheusURL: "", gatewayURL, labels: [] });

  it("takes an http(s) address, with a port or a path, or nothing", () => {
    for (const ok of ["", "  ", "http://127.0.0.1:20160", "https://gateway.example.com", "http://gw.internal:8080/edge"]) {
      expect(gatewayURLError(ok), ok).toBeUndefined();
      expect(updateClusterBodySchema.safeParse({ gatewayURL: ok.trim() }).success, ok).toBe(true);
    }
  });

  it("refuses what is not an address, credentials, a query and a fragment, in the form and on the server alike", () => {
    const cases: [string, string, RegExp][] = [
      ["javascript:alert(1)", "validation.url", /http:\/\/ or https:\/\//],
      ["ftp://gw.example.com", "validation.url", /http:\/\/ or https:\/\//],
      ["gw.example.com:8080", "validation.url", /http:\/\/ or https:\/\//],
      ["http://user:secret@gw.example.com", "validation.urlCredentials", /user name or password/],
      ["http://token@gw.example.com", "validation.urlCredentials", /user name or password/],
      ["http://gw.example.com/?x=1", "validation.urlQuery", /query .* or fragment/],
      ["http://gw.example.com/#top", "validation.urlQuery", /query .* or fragment/],
      ["http://gw.example.com/?", "validation.urlQuery", /query .* or fragment/],
    ];
    for (const [url, key, server] of cases) {
      expect(gatewayURLError(url), url).toBe(key);
      expect(metaErrors(meta(url), true), url).toEqual({ gatewayURL: key });
      const r = updateClusterBodySchema.safeParse({ gatewayURL: url });
      expect(r.success, url).toBe(false);
      expect(r.error!.issues[0].path, url).toEqual(["gatewayURL"]);
      expect(r.error!.issues[0].message, url).toMatch(server);
    }
  });

  it("is sent when given, shown in the review, and its server error lands on its input on the first step", () => {
    const v = values({ name: "m1", kubeconfig: KUBECONFIG, gatewayURL: " http://127.0.0.1:20160 " });
    const body = createClusterBody(v, "");
    expect(body.gatewayURL).toBe("http://127.0.0.1:20160");
    expect(createClusterBody(values({ name: "m1", kubeconfig: KUBECONFIG }), "").gatewayURL).toBeUndefined();
    expect(clusterSummary(body, CONTEXTS).gatewayURL).toBe("http://127.0.0.1:20160");
    expect(createClusterTarget(v)("gatewayURL", "")).toBe("gatewayURL");
    expect(stepOfField("gatewayURL")).toBe("basic");
    const bad = values({ name: "m1", kubeconfig: KUBECONFIG, gatewayURL: "http://a:b@gw" });
    expect(addClusterErrors(bad, true)).toEqual({ gatewayURL: "validation.urlCredentials" });
    expect(schemaErrors(createClusterBodySchema, createClusterBody(bad, ""), createClusterTarget(bad))).toHaveProperty("gatewayURL");
  });
});

describe("labels of the cluster forms", () => {
  it("keys a row's error by its position: react-hook-form keeps a list's errors only as a list", () => {
    const rows = [newLabelRow("region", "eu"), newLabelRow("", "orphan"), newLabelRow("region", "us"), newLabelRow("bad key", "x")];
    expect(metaErrors({ displayName: "x", description: "", prometheusURL: "", gatewayURL: "", labels: rows }, true)).toEqual({
      "labels.1": "validation.labelKeyRequired",
      "labels.2": "validation.labelKeyDuplicate",
      "labels.3": "validation.labelKey",
    });
    // Removing a row moves the errors below it up with their rows.
    expect(metaErrors({ displayName: "x", description: "", prometheusURL: "", gatewayURL: "", labels: rows.slice(1) }, true)).toEqual({
      "labels.0": "validation.labelKeyRequired",
      "labels.2": "validation.labelKey",
    });
  });

  it("puts the server's error about a label key on the row holding that key, in both forms", () => {
    const v = values({ labels: [newLabelRow("region", "eu"), newLabelRow("team", "a b")] });
    expect(createClusterTarget(v)("labels.team", "")).toBe("labels.1");
    expect(createClusterTarget(v)("labels.gone", "")).toBeUndefined();
    expect(stepOfField(createClusterTarget(v)("labels.team", "")!)).toBe("basic");
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
      gatewayURL: undefined,
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
