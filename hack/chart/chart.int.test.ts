import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parse, parseAllDocuments, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleProcess, ADMIN_PASSWORD, adminToken, bearerCall, registerFleetCluster, signIn, startConsole } from "../../test/support/console";
import { fleetClusters, fleetDir, kubectl, repoRoot, uniqueName } from "../../test/support/fleet";

// The Helm chart (deploy/helm/pilothouse) against the fleet's real apiservers:
// lint, server-side dry runs of what it renders, and a console started with
// nothing but the chart's ServiceAccount and RBAC in the host cluster.

const execFileP = promisify(execFile);
const chart = path.join(repoRoot, "deploy/helm/pilothouse");
const fullValues = path.join(repoRoot, "hack/chart/full-values.yaml");
const helmBin = path.join(fleetDir, "bin", "helm");
const RELEASE = "pilothouse";
const helmHome = mkdtempSync(path.join(tmpdir(), "pilothouse-helm-"));

interface Obj {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  [k: string]: unknown;
}

async function helm(args: string[]): Promise<string> {
  // Helm's caches and config stay out of $HOME.
  const env = { ...process.env, HELM_CACHE_HOME: helmHome, HELM_CONFIG_HOME: helmHome, HELM_DATA_HOME: helmHome, KUBECONFIG: "/dev/null" };
  try {
    return (await execFileP(helmBin, args, { env, timeout: 60_000, maxBuffer: 16 << 20 })).stdout;
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`helm ${args.join(" ")}: ${x.message}\n${x.stdout ?? ""}${x.stderr ?? ""}`);
  }
}

const template = (namespace: string, extra: string[] = []) => helm(["template", RELEASE, chart, "--namespace", namespace, "--kube-version", "1.37.2", ...extra]);
const objects = (text: string): Obj[] =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as Obj | null)
    .filter((o): o is Obj => !!o);
const yamlOf = (objs: Obj[]) => objs.map((o) => `---\n${stringify(o)}`).join("");

async function kubectlAs(args: string[], opts: { input?: string; kubeconfig?: string; context?: string } = {}) {
  try {
    return await kubectl(opts.context ?? "host", args, { input: opts.input, kubeconfig: opts.kubeconfig });
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`kubectl ${args.join(" ")}: ${x.stderr || x.message}`);
  }
}

/** Server-side dry run of objects into a cluster; kubectl's output, or the error naming what the server refused. */
const dryRun = (context: string, objs: Obj[]) => kubectlAs(["apply", "--dry-run=server", "-f", "-"], { context, input: yamlOf(objs) });

describe("Helm chart deploy/helm/pilothouse", () => {
  const hostNs = uniqueName("chart-it");
  const memberNs = uniqueName("chart-it");

  beforeAll(async () => {
    if (!existsSync(helmBin)) throw new Error(`${helmBin} is missing: run \`make fleet-build\``);
    await kubectlAs(["create", "namespace", hostNs]);
    // The apiserver warns about every workload whose pods would break the restricted Pod Security level.
    await kubectlAs(["label", "namespace", hostNs, "pod-security.kubernetes.io/enforce=restricted", "pod-security.kubernetes.io/warn=restricted"]);
    await kubectlAs(["create", "namespace", memberNs], { context: "member-1" });
  });
  afterAll(async () => {
    await kubectlAs(["delete", "namespace", hostNs, "--wait=false"]).catch(() => undefined);
    await kubectlAs(["delete", "namespace", memberNs, "--wait=false"], { context: "member-1" }).catch(() => undefined);
    rmSync(helmHome, { recursive: true, force: true });
  });

  it("passes helm lint, also --strict, with default and full values", async () => {
    expect(await helm(["lint", chart])).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
    expect(await helm(["lint", "--strict", chart])).toMatch(/0 chart\(s\) failed/);
    expect(await helm(["lint", "--strict", chart, "-f", fullValues])).toMatch(/0 chart\(s\) failed/);
  });

  it("refuses an unknown hostAccess", async () => {
    await expect(template(hostNs, ["--set", "hostAccess=admin"])).rejects.toThrow(/hostAccess/);
  });

  it("renders least privilege and a restricted pod by default", async () => {
    const objs = objects(await template(hostNs, ["--include-crds"]));
    const kinds = objs.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(kinds).toEqual(expect.arrayContaining([`ServiceAccount/${RELEASE}`, `Deployment/${RELEASE}`, `Service/${RELEASE}`, `PodDisruptionBudget/${RELEASE}`, `Role/${RELEASE}`]));
    expect(objs.some((o) => o.kind === "Ingress" || o.kind === "HTTPRoute" || o.kind === "ClusterRoleBinding" && JSON.stringify(o).includes("cluster-admin"))).toBe(false);

    // The CRDs are the chart's crds/, the only cluster-wide right is get on them by name.
    const crdNames = objs.filter((o) => o.kind === "CustomResourceDefinition").map((o) => o.metadata.name).sort();
    expect(crdNames).toEqual(readdirSync(path.join(chart, "crds")).map((f) => f.replace(/\.yaml$/, "")).sort());
    const clusterRoles = objs.filter((o) => o.kind === "ClusterRole") as unknown as { rules: { apiGroups: string[]; resources: string[]; resourceNames?: string[]; verbs: string[] }[] }[];
    expect(clusterRoles).toHaveLength(1);
    expect(clusterRoles[0].rules).toEqual([{ apiGroups: ["apiextensions.k8s.io"], resources: ["customresourcedefinitions"], resourceNames: crdNames, verbs: ["get"] }]);
    // Namespaced rules: in the release namespace, and get on the namespace kube-system only.
    for (const r of objs.filter((o) => o.kind === "Role" || o.kind === "RoleBinding")) {
      expect([hostNs, "kube-system"]).toContain(r.metadata.namespace);
      if (r.kind === "Role" && r.metadata.namespace === "kube-system") {
        expect(r.rules).toEqual([{ apiGroups: [""], resources: ["namespaces"], resourceNames: ["kube-system"], verbs: ["get"] }]);
      }
    }

    const dep = objs.find((o) => o.kind === "Deployment") as unknown as {
      spec: { replicas: number; template: { spec: Record<string, unknown> & { containers: Record<string, unknown>[] } } };
    };
    expect(dep.spec.replicas).toBe(2);
    const pod = dep.spec.template.spec;
    const c = pod.containers[0] as Record<string, unknown> & { env: { name: string; value?: string }[] };
    const appVersion = (parse(readFileSync(path.join(chart, "Chart.yaml"), "utf8")) as { appVersion: string }).appVersion;
    expect(c.image).toBe(`ghcr.io/pilothouse/console:${appVersion}`);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    expect(c.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(c.readinessProbe).toMatchObject({ httpGet: { path: "/api/healthz" } });
    expect(c.livenessProbe).toMatchObject({ httpGet: { path: "/api/livez" } });
    expect((c.volumeMounts as { mountPath: string }[]).map((m) => m.mountPath)).toEqual(expect.arrayContaining(["/tmp", "/app/.next/cache"]));
    const env = Object.fromEntries(c.env.map((e) => [e.name, e.value]));
    expect(env).toMatchObject({ PILOTHOUSE_NAMESPACE: hostNs, PILOTHOUSE_REGISTER_HOST: "false", HOSTNAME: "0.0.0.0", PORT: "3000" });
    expect(env.PILOTHOUSE_KUBECONFIG).toBeUndefined();
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(pod.topologySpreadConstraints).toHaveLength(2);
  });

  it("dry-runs with default values on the host's apiserver", async () => {
    const objs = objects(await template(hostNs, ["--include-crds"]));
    const { stdout: out, stderr } = await dryRun("host", objs);
    expect(out).toMatch(new RegExp(`deployment.apps/${RELEASE} (created|configured) \\(server dry run\\)`));
    expect(stderr).not.toMatch(/PodSecurity/);
    expect(out).toMatch(/clusterrole.rbac.authorization.k8s.io\/\S+-crds (created|configured) \(server dry run\)/);
  });

  it("dry-runs with every option on (full-values.yaml); the HTTPRoute on member-1, the host has no Gateway API", async () => {
    const objs = objects(await template(hostNs, ["--include-crds", "-f", fullValues]));
    const byKind = (k: string) => objs.filter((o) => o.kind === k);
    expect(byKind("Ingress")).toHaveLength(1);
    expect(byKind("HTTPRoute")).toHaveLength(1);
    const dep = byKind("Deployment")[0] as unknown as { spec: { replicas: number; template: { spec: { containers: { env: { name: string }[] }[] } } } };
    expect(dep.spec.replicas).toBe(3);
    expect(dep.spec.template.spec.containers[0].env.map((e) => e.name)).toEqual(
      expect.arrayContaining([
        "PILOTHOUSE_URL",
        "PILOTHOUSE_ADMIN_PASSWORD",
        "NEXTAUTH_SECRET",
        "PILOTHOUSE_DATABASE_URL",
        "OIDC_ISSUER",
        "OIDC_CLIENT_ID",
        "OIDC_CLIENT_SECRET",
        "OIDC_NAME",
        "OIDC_GROUPS_CLAIM",
        "PILOTHOUSE_TLS_CERT_FILE",
        "PILOTHOUSE_TLS_KEY_FILE",
        "PILOTHOUSE_TLS_CA_FILE",
        "PILOTHOUSE_KUBECONFIG",
        "PILOTHOUSE_MAX_BODY_BYTES",
      ]),
    );
    // hostAccess: full binds cluster-admin and uses a token that outlives the pod.
    expect(byKind("ClusterRoleBinding").some((b) => (b as unknown as { roleRef: { name: string } }).roleRef.name === "cluster-admin")).toBe(true);
    expect(byKind("Secret").map((s) => (s as unknown as { type: string }).type)).toEqual(["kubernetes.io/service-account-token"]);

    const hasGatewayAPI = await kubectlAs(["get", "crd", "httproutes.gateway.networking.k8s.io"]).then(
      () => true,
      () => false,
    );
    expect(hasGatewayAPI, "the host has Gateway API now: dry-run the HTTPRoute there").toBe(false);
    const { stdout: out, stderr } = await dryRun("host", objs.filter((o) => o.kind !== "HTTPRoute"));
    expect(stderr).not.toMatch(/PodSecurity/);
    expect(out).toMatch(/ingress.networking.k8s.io\/\S+ (created|configured) \(server dry run\)/);
    expect(out).toMatch(/poddisruptionbudget.policy\/\S+ (created|configured) \(server dry run\)/);
    const route = byKind("HTTPRoute").map((o) => ({ ...o, metadata: { ...o.metadata, namespace: memberNs } }));
    expect((await dryRun("member-1", route)).stdout).toMatch(/httproute.gateway.networking.k8s.io\/\S+ created \(server dry run\)/);
  });

  describe("the console with only the chart's ServiceAccount", () => {
    const saKubeconfig = path.join(helmHome, "sa-kubeconfig");
    let rbacObjects: Obj[] = [];
    let console_: ConsoleProcess | undefined;
    let saToken = "";

    beforeAll(async () => {
      // As Helm does with crds/: created when absent, never changed.
      for (const f of readdirSync(path.join(chart, "crds"))) {
        await kubectlAs(["create", "-f", path.join(chart, "crds", f)]).catch((e: Error) => {
          if (!/AlreadyExists/.test(e.message)) throw e;
        });
      }
      rbacObjects = objects(await template(hostNs, ["--show-only", "templates/serviceaccount.yaml", "--show-only", "templates/rbac.yaml"]));
      await kubectlAs(["apply", "-f", "-"], { input: yamlOf(rbacObjects) });
      saToken = (await kubectlAs(["create", "token", RELEASE, "-n", hostNs, "--duration=1h"])).stdout.trim();
      const host = fleetClusters().find((c) => c.name === "host")!;
      const hostKc = parse(readFileSync(host.kubeconfig, "utf8")) as { clusters: { cluster: Record<string, unknown> }[] };
      writeFileSync(
        saKubeconfig,
        stringify({
          apiVersion: "v1",
          kind: "Config",
          clusters: [{ name: "host", cluster: hostKc.clusters[0].cluster }],
          users: [{ name: "console", user: { token: saToken } }],
          contexts: [{ name: "sa", context: { cluster: "host", user: "console", namespace: hostNs } }],
          "current-context": "sa",
        }),
        { mode: 0o600 },
      );
      console_ = await startConsole({
        namespace: hostNs,
        env: { PILOTHOUSE_KUBECONFIG: saKubeconfig, PILOTHOUSE_CONTEXT: "sa", PILOTHOUSE_REGISTER_HOST: "false" },
      });
    });
    afterAll(async () => {
      await console_?.stop();
      // The cluster-wide and kube-system objects outlive the namespace.
      await kubectlAs(["delete", "--ignore-not-found", "-f", "-"], { input: yamlOf(rbacObjects.filter((o) => !o.metadata.namespace || o.metadata.namespace === "kube-system")) }).catch(
        () => undefined,
      );
    });

    it("starts without creating its namespace or applying CRDs, signs in, registers member-1, proxies, keeps state in CRDs", async () => {
      const c = console_!;
      const session = await signIn(c.url, "admin", ADMIN_PASSWORD);
      expect((await session.fetch("/api/session")).status).toBe(200);
      const token = await adminToken(c);
      await registerFleetCluster(c, token, "member-1");
      const pods = await bearerCall(c.url, token, "GET", "/clusters/member-1/api/v1/pods?limit=5");
      expect(pods.status).toBe(200);
      expect(pods.body.kind).toBe("PodList");

      const tenant = uniqueName("t").slice(0, 40);
      const made = await bearerCall(c.url, token, "POST", "/api/tenants", { name: tenant, clusters: ["member-1"] });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const stored = JSON.parse((await kubectlAs(["get", "tenants.pilothouse.dev", tenant, "-n", hostNs, "-o", "json"])).stdout) as { spec: { clusters: string[] } };
      expect(stored.spec.clusters).toEqual(["member-1"]);
      const cluster = JSON.parse((await kubectlAs(["get", "clusters.pilothouse.dev", "member-1", "-n", hostNs, "-o", "json"])).stdout) as { status: { phase: string } };
      expect(cluster.status.phase).toBe("Active");
      // Everything it did, it was allowed to do.
      expect(c.logs()).not.toMatch(/forbidden/i);
    });

    it("is refused what the chart does not grant", async () => {
      // can-i prints yes/no and exits 1 on no.
      const canI = async (...args: string[]) =>
        (await kubectl("sa", ["auth", "can-i", ...args], { kubeconfig: saKubeconfig }).catch((e: { stdout?: string; message: string }) => ({ stdout: e.stdout ?? e.message }))).stdout.trim();
      expect(await canI("list", "secrets", "-n", hostNs)).toBe("yes");
      // A namespace's own Roles govern requests for it (RBAC puts the request in that namespace).
      expect(await canI("get", "namespaces/kube-system", "-n", "kube-system")).toBe("yes");
      expect((await kubectlAs(["get", "namespace", "kube-system", "-o", "name"], { kubeconfig: saKubeconfig, context: "sa" })).stdout.trim()).toBe("namespace/kube-system");
      expect(await canI("get", "customresourcedefinitions/tenants.pilothouse.dev")).toBe("yes");
      for (const args of [
        ["list", "secrets", "-n", "kube-system"],
        ["list", "nodes"],
        ["list", "namespaces"],
        ["create", "namespaces"],
        ["get", "namespaces/default", "-n", "default"],
        ["delete", "namespaces/" + hostNs, "-n", hostNs],
        ["get", "configmaps", "-n", "kube-system"],
        ["patch", "customresourcedefinitions/tenants.pilothouse.dev"],
        ["get", "customresourcedefinitions/httproutes.gateway.networking.k8s.io"],
        ["list", "pods", "-n", hostNs],
      ]) {
        expect(await canI(...args), args.join(" ")).toMatch(/^no/);
      }
      // And the apiserver itself answers 403.
      const denied = await kubectlAs(["get", "secrets", "-n", "kube-system"], { kubeconfig: saKubeconfig, context: "sa" }).then(
        () => "allowed",
        (e: Error) => e.message,
      );
      expect(denied).toMatch(/Forbidden|forbidden/);
      const nodes = await kubectlAs(["get", "nodes"], { kubeconfig: saKubeconfig, context: "sa" }).then(
        () => "allowed",
        (e: Error) => e.message,
      );
      expect(nodes).toMatch(/forbidden/i);
    });
  });

  describe("hostAccess: full", () => {
    const fullNs = uniqueName("chart-it-full");
    let objs: Obj[] = [];
    let console_: ConsoleProcess | undefined;

    beforeAll(async () => {
      await kubectlAs(["create", "namespace", fullNs]);
      objs = objects(
        await template(fullNs, ["--set", "hostAccess=full", ...["serviceaccount", "rbac", "host-access"].flatMap((t) => ["--show-only", `templates/${t}.yaml`])]),
      );
      await kubectlAs(["apply", "-f", "-"], { input: yamlOf(objs) });
    });
    afterAll(async () => {
      await console_?.stop();
      await kubectlAs(["delete", "--ignore-not-found", "-f", "-"], { input: yamlOf(objs.filter((o) => !o.metadata.namespace || o.metadata.namespace === "kube-system")) }).catch(
        () => undefined,
      );
      await kubectlAs(["delete", "namespace", fullNs, "--wait=false"]).catch(() => undefined);
    });

    it("registers the host with the long-lived token of the chart's kubeconfig, and proxies to it", async () => {
      const secretName = `${RELEASE}-host-token`;
      // The token controller fills the Secret.
      let token = "";
      for (let i = 0; i < 100 && !token; i++) {
        const s = JSON.parse((await kubectlAs(["get", "secret", secretName, "-n", fullNs, "-o", "json"])).stdout) as { data?: { token?: string } };
        token = Buffer.from(s.data?.token ?? "", "base64").toString("utf8");
        if (!token) await new Promise((r) => setTimeout(r, 100));
      }
      expect(token).not.toBe("");
      // The chart's kubeconfig as the pod reads it, its paths and in-cluster address moved to this machine.
      const cm = objs.find((o) => o.kind === "ConfigMap") as unknown as { data: { kubeconfig: string } };
      const kc = parse(cm.data.kubeconfig) as { clusters: { cluster: Record<string, string> }[]; users: { user: Record<string, string> }[] };
      expect(kc.users[0].user["token-file"]).toBe("/var/run/pilothouse/host-token/token");
      const host = fleetClusters().find((c) => c.name === "host")!;
      const hostCluster = (parse(readFileSync(host.kubeconfig, "utf8")) as { clusters: { cluster: Record<string, string> }[] }).clusters[0].cluster;
      const dir = mkdtempSync(path.join(helmHome, "full-"));
      writeFileSync(path.join(dir, "token"), token, { mode: 0o600 });
      writeFileSync(path.join(dir, "ca.crt"), Buffer.from(hostCluster["certificate-authority-data"], "base64"));
      kc.clusters[0].cluster = { server: hostCluster.server, "certificate-authority": path.join(dir, "ca.crt") };
      kc.users[0].user["token-file"] = path.join(dir, "token");
      writeFileSync(path.join(dir, "kubeconfig"), stringify(kc), { mode: 0o600 });

      console_ = await startConsole({
        namespace: fullNs,
        env: { PILOTHOUSE_KUBECONFIG: path.join(dir, "kubeconfig"), PILOTHOUSE_CONTEXT: "host", PILOTHOUSE_REGISTER_HOST: "true", PILOTHOUSE_HOST_CLUSTER_NAME: "host" },
      });
      const admin = await adminToken(console_);
      const nodes = await bearerCall(console_.url, admin, "GET", "/clusters/host/api/v1/nodes");
      expect(nodes.status).toBe(200);
      expect(nodes.body.kind).toBe("NodeList");
      const stored = JSON.parse((await kubectlAs(["get", "secret", "cluster-host-credentials", "-n", fullNs, "-o", "json"])).stdout) as { data: { token: string } };
      expect(Buffer.from(stored.data.token, "base64").toString("utf8")).toBe(token);
    });
  });
});
