import { describe, expect, it } from "vitest";
import { type DeploymentForm, buildDeployment, checkPortName, emptyForm, fieldForCause, serverFieldErrors, validateForm } from "./deployment-form-model";

const form = (over: Partial<DeploymentForm> = {}): DeploymentForm => ({ ...emptyForm(), name: "web", image: "nginx:1.27", ...over });

describe("validateForm", () => {
  it("accepts a minimal form", () => {
    expect(validateForm(form())).toEqual({});
  });
  it("checks name, image and replicas", () => {
    expect(validateForm(form({ name: "", image: "", replicas: "x" }))).toEqual({
      name: { code: "required" },
      image: { code: "required" },
      replicas: { code: "replicas" },
    });
    expect(validateForm(form({ name: "Web_1" })).name).toEqual({ code: "dnsLabel" });
    expect(validateForm(form({ name: "a".repeat(64) })).name).toEqual({ code: "tooLong", values: { max: 63 } });
    expect(validateForm(form({ image: "nginx latest" })).image).toEqual({ code: "imageSpaces" });
    expect(validateForm(form({ replicas: "-1" })).replicas).toEqual({ code: "replicas" });
    expect(validateForm(form({ replicas: "0" })).replicas).toBeUndefined();
  });
  it("checks ports, ignoring blank rows", () => {
    const e = validateForm(
      form({
        ports: [
          { name: "", containerPort: "80", protocol: "TCP" },
          { name: "", containerPort: "", protocol: "TCP" },
          { name: "", containerPort: "70000", protocol: "TCP" },
          { name: "", containerPort: "80", protocol: "TCP" },
          { name: "", containerPort: "80", protocol: "UDP" },
          { name: "", containerPort: "http", protocol: "TCP" },
          { name: "", containerPort: "80", protocol: "SCTP" },
          { name: "", containerPort: "0", protocol: "TCP" },
        ],
      }),
    );
    expect(e).toEqual({
      "ports.2.containerPort": { code: "port" },
      "ports.3.containerPort": { code: "portDuplicate" },
      "ports.5.containerPort": { code: "port" },
      "ports.7.containerPort": { code: "port" },
    });
  });
  it("checks port names as IANA service names, unique, with a port", () => {
    const row = (name: string, containerPort = "80", protocol: "TCP" | "UDP" = "TCP") => ({ name, containerPort, protocol });
    const e = validateForm(
      form({
        ports: [
          row("http"),
          row("metrics-9", "9090"),
          row("Web", "81"),
          row("8080", "82"),
          row("a-very-long-name", "83"),
          row("-web", "84"),
          row("we--b", "85"),
          row("http", "86"),
          row("dns", "", "UDP"),
          row("x", "87"),
        ],
      }),
    );
    expect(e).toEqual({
      "ports.2.name": { code: "portName" },
      "ports.3.name": { code: "portName" },
      "ports.4.name": { code: "tooLong", values: { max: 15 } },
      "ports.5.name": { code: "portName" },
      "ports.6.name": { code: "portName" },
      "ports.7.name": { code: "portNameDuplicate" },
      "ports.8.containerPort": { code: "required" },
    });
    expect(checkPortName("a".repeat(15))).toBeUndefined();
    expect(checkPortName("1a")).toBeUndefined();
  });
  it("checks env names", () => {
    const e = validateForm(
      form({
        env: [
          { name: "A", value: "1" },
          { name: "", value: "" },
          { name: "", value: "orphan" },
          { name: "A", value: "2" },
          { name: "B=C", value: "" },
          { name: "my.var-1", value: "" },
        ],
      }),
    );
    expect(e).toEqual({ "env.2.name": { code: "required" }, "env.3.name": { code: "envDuplicate" }, "env.4.name": { code: "envName" } });
  });
  it("checks quantities field by field, with checkQuantity's hint", () => {
    const e = validateForm(form({ requests: { cpu: "2 cores", memory: "512Mi" }, limits: { cpu: "1", memory: "2GB" } }));
    expect(Object.keys(e).sort()).toEqual(["limits.memory", "requests.cpu"]);
    expect(e["limits.memory"]).toEqual({ code: "quantity", values: { hint: expect.stringContaining("2G") } });
  });
  it("refuses a request above its limit", () => {
    expect(validateForm(form({ requests: { cpu: "2", memory: "" }, limits: { cpu: "500m", memory: "" } }))).toEqual({
      "requests.cpu": { code: "requestOverLimit", values: { limit: "500m" } },
    });
    expect(validateForm(form({ requests: { cpu: "250m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } }))).toEqual({});
  });
  it("checks probes", () => {
    const e = validateForm(
      form({
        liveness: { kind: "http", path: "healthz", port: "", initialDelaySeconds: "x", periodSeconds: "0" },
        readiness: { kind: "tcp", path: "", port: "http", initialDelaySeconds: "", periodSeconds: "" },
      }),
    );
    expect(e).toEqual({
      "liveness.path": { code: "probePath" },
      "liveness.port": { code: "required" },
      "liveness.initialDelaySeconds": { code: "seconds" },
      "liveness.periodSeconds": { code: "period" },
    });
    expect(validateForm(form({ readiness: { kind: "tcp", path: "", port: "Bad_Name", initialDelaySeconds: "", periodSeconds: "" } }))).toEqual({
      "readiness.port": { code: "probePort" },
    });
  });
});

describe("buildDeployment", () => {
  it("makes a minimal deployment", () => {
    expect(buildDeployment(form({ replicas: "2" }), "shop")).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "shop", labels: { app: "web" } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
      },
    });
  });
  it("includes ports, env, resources and probes", () => {
    const d = buildDeployment(
      form({
        ports: [
          { name: "http", containerPort: "8080", protocol: "TCP" },
          { name: "", containerPort: "", protocol: "UDP" },
          { name: "", containerPort: "5353", protocol: "UDP" },
        ],
        env: [{ name: "MODE", value: "prod" }, { name: "", value: "" }],
        requests: { cpu: "250m", memory: "" },
        limits: { cpu: "", memory: "512Mi" },
        liveness: { kind: "http", path: "/healthz", port: "8080", initialDelaySeconds: "5", periodSeconds: "10" },
        readiness: { kind: "tcp", path: "/", port: "http", initialDelaySeconds: "", periodSeconds: "" },
      }),
      "shop",
    );
    expect(d.spec?.template?.spec?.containers[0]).toEqual({
      name: "web",
      image: "nginx:1.27",
      ports: [
        { name: "http", containerPort: 8080, protocol: "TCP" },
        { containerPort: 5353, protocol: "UDP" },
      ],
      env: [{ name: "MODE", value: "prod" }],
      resources: { requests: { cpu: "250m" }, limits: { memory: "512Mi" } },
      livenessProbe: { httpGet: { path: "/healthz", port: 8080 }, initialDelaySeconds: 5, periodSeconds: 10 },
      readinessProbe: { tcpSocket: { port: "http" } },
    });
  });
});

describe("server errors on the right field", () => {
  it("maps API server field paths to form fields", () => {
    const c = "spec.template.spec.containers[0]";
    expect(fieldForCause("metadata.name")).toBe("name");
    expect(fieldForCause(`${c}.image`)).toBe("image");
    expect(fieldForCause(`${c}.name`)).toBe("name");
    expect(fieldForCause("spec.replicas")).toBe("replicas");
    expect(fieldForCause(`${c}.ports[1].containerPort`)).toBe("ports.1.containerPort");
    expect(fieldForCause(`${c}.ports[0].name`)).toBe("ports.0.name");
    expect(fieldForCause(`${c}.ports[0]`)).toBe("ports.0.containerPort");
    expect(fieldForCause(`${c}.env[0].name`)).toBe("env.0.name");
    expect(fieldForCause(`${c}.env[0].value`)).toBe("env.0.value");
    expect(fieldForCause(`${c}.resources.requests[cpu]`)).toBe("requests.cpu");
    expect(fieldForCause(`${c}.resources.limits.memory`)).toBe("limits.memory");
    expect(fieldForCause(`${c}.resources.requests`)).toBe("resources");
    expect(fieldForCause(`${c}.livenessProbe.httpGet.path`)).toBe("liveness.path");
    expect(fieldForCause(`${c}.readinessProbe.tcpSocket.port`)).toBe("readiness.port");
    expect(fieldForCause(`${c}.readinessProbe.periodSeconds`)).toBe("readiness.periodSeconds");
    expect(fieldForCause("spec.template.metadata.labels")).toBe("name");
    expect(fieldForCause("spec.strategy.type")).toBeUndefined();
  });
  it("keeps the server's words", () => {
    const { fields, other } = serverFieldErrors([
      { field: "spec.template.spec.containers[0].image", message: "Required value", reason: "FieldValueRequired" },
      { field: "spec.template.spec.containers[0].image", message: "must not have leading spaces" },
      { field: "spec.strategy", message: "Invalid value" },
      { message: "something else" },
    ]);
    expect(fields).toEqual({ image: { server: "Required value; must not have leading spaces" } });
    expect(other).toEqual(["spec.strategy: Invalid value", "something else"]);
  });
});
