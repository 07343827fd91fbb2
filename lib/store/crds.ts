import "server-only";

// The console's own state, as custom resources of group pilothouse.dev in the
// host cluster (namespaced: several console installations can share a host).

export const GROUP = "pilothouse.dev";
export const VERSION = "v1alpha1";
export const API_VERSION = `${GROUP}/${VERSION}`;

/**
 * The generation of the schemas below: bump it whenever one changes
 * (crds.test.ts fails until the recorded fingerprint matches). A console
 * never applies a CRD older than the one in the host cluster, so during a
 * rolling upgrade an old replica that restarts does not drop the new fields
 * (the API server prunes fields its schema does not know).
 */
export const SCHEMA_GENERATION = 5;
export const SCHEMA_ANNOTATION = `${GROUP}/schema-generation`;

type Schema = Record<string, unknown>;

const str = { type: "string" } as const;
const bool = { type: "boolean" } as const;

function crd(kind: string, plural: string, spec: Schema, status: Schema, columns: Schema[] = [], shortNames: string[] = []) {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: {
      name: `${plural}.${GROUP}`,
      labels: { "app.kubernetes.io/part-of": "pilothouse" },
      annotations: { [SCHEMA_ANNOTATION]: String(SCHEMA_GENERATION) },
    },
    spec: {
      group: GROUP,
      scope: "Namespaced",
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List`, shortNames, categories: ["pilothouse"] },
      versions: [
        {
          name: VERSION,
          served: true,
          storage: true,
          additionalPrinterColumns: [
            ...columns,
            { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
          ],
          schema: {
            openAPIV3Schema: {
              type: "object",
              properties: {
                spec: { type: "object", properties: spec },
                status: { type: "object", properties: status },
              },
            },
          },
        },
      ],
    },
  };
}

export const crds = [
  crd(
    "Cluster",
    "clusters",
    {
      displayName: str,
      server: str,
      credentialsSecret: str,
      insecureSkipTLSVerify: bool,
      prometheusURL: str,
      gatewayURL: str,
      description: str,
    },
    {
      phase: { type: "string", enum: ["Pending", "Active"] },
      kubeSystemUID: str,
      version: str,
      registeredBy: str,
      registeredAt: str,
    },
    [
      { name: "Server", type: "string", jsonPath: ".spec.server" },
      { name: "Phase", type: "string", jsonPath: ".status.phase" },
      { name: "Version", type: "string", jsonPath: ".status.version" },
    ],
    ["phc"],
  ),
  crd(
    "User",
    "users",
    {
      username: str,
      displayName: str,
      email: str,
      provider: { type: "string", enum: ["local", "oidc"] },
      subject: str,
      passwordHash: str,
      groups: { type: "array", items: str },
      disabled: bool,
    },
    { lastLoginAt: str },
    [
      { name: "Username", type: "string", jsonPath: ".spec.username" },
      { name: "Provider", type: "string", jsonPath: ".spec.provider" },
      { name: "Disabled", type: "boolean", jsonPath: ".spec.disabled" },
    ],
    ["phu"],
  ),
  crd(
    "AccessToken",
    "accesstokens",
    // parent: the token that made this one (a token never outlives it, and goes with it).
    { user: str, displayName: str, hash: str, expiresAt: str, parent: str },
    {},
    [
      { name: "User", type: "string", jsonPath: ".spec.user" },
      { name: "Expires", type: "string", jsonPath: ".spec.expiresAt" },
    ],
  ),
  crd(
    "Tenant",
    "tenants",
    {
      displayName: str,
      description: str,
      clusters: { type: "array", items: str },
      projectLimitPerMember: { type: "integer", minimum: 0 },
      // resource → quantity maps: { quota: {...}, limits: { default: {...}, ... } } and { <cluster>: {...} }
      defaults: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
      budget: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
      podSecurity: { type: "string", enum: ["baseline", "restricted", "privileged"] },
    },
    {},
    [{ name: "Display name", type: "string", jsonPath: ".spec.displayName" }],
    ["pht"],
  ),
  crd(
    "Role",
    "roles",
    {
      displayName: str,
      description: str,
      scope: { type: "string", enum: ["platform", "cluster", "tenant", "project"] },
      tenant: str,
      rules: {
        type: "array",
        items: {
          type: "object",
          properties: {
            resources: { type: "array", items: str },
            verbs: { type: "array", items: str },
            effect: { type: "string", enum: ["allow", "deny"] },
          },
        },
      },
    },
    {},
    [
      { name: "Scope", type: "string", jsonPath: ".spec.scope" },
      { name: "Tenant", type: "string", jsonPath: ".spec.tenant" },
    ],
    ["phr"],
  ),
  crd(
    "RoleBinding",
    "rolebindings",
    {
      subject: { type: "object", properties: { kind: { type: "string", enum: ["User", "Group"] }, name: str } },
      role: str,
      scope: {
        type: "object",
        properties: {
          type: { type: "string", enum: ["platform", "tenant", "cluster", "project"] },
          tenant: str,
          cluster: str,
          namespace: str,
        },
      },
    },
    {},
    [
      { name: "Subject", type: "string", jsonPath: ".spec.subject.name" },
      { name: "Role", type: "string", jsonPath: ".spec.role" },
      { name: "Scope", type: "string", jsonPath: ".spec.scope.type" },
    ],
    ["phrb"],
  ),
  crd(
    "PromotionLane",
    "promotionlanes",
    {
      tenant: str,
      displayName: str,
      description: str,
      stages: {
        type: "array",
        items: {
          type: "object",
          properties: { name: str, cluster: str, namespace: str, workload: str, container: str, requireApproval: bool },
        },
      },
    },
    {},
    [{ name: "Tenant", type: "string", jsonPath: ".spec.tenant" }],
    ["phl"],
  ),
  crd(
    "Promotion",
    "promotions",
    { lane: str, tenant: str, from: str, to: str, container: str, image: str, previousImage: str, requestedBy: str, requestedAt: str },
    {
      phase: { type: "string", enum: ["WaitingApproval", "Promoted", "Rejected", "Failed", "RolledBack"] },
      approvedBy: str,
      approvedAt: str,
      promotedAt: str,
      rejectedBy: str,
      rejectedAt: str,
      rolledBackBy: str,
      rolledBackAt: str,
      message: str,
    },
    [
      { name: "Lane", type: "string", jsonPath: ".spec.lane" },
      { name: "To", type: "string", jsonPath: ".spec.to" },
      { name: "Phase", type: "string", jsonPath: ".status.phase" },
    ],
  ),
  crd(
    "ChartRepository",
    "chartrepositories",
    {
      // No tenant: a platform-wide repository (admins); else one tenant's (its admins).
      tenant: str,
      displayName: str,
      description: str,
      type: { type: "string", enum: ["http", "oci"] },
      url: str,
      plainHTTP: bool,
      // A Secret in the console's namespace with username/password (HTTP basic or registry login).
      credentialsSecret: str,
      createdBy: str,
    },
    {},
    [
      { name: "Tenant", type: "string", jsonPath: ".spec.tenant" },
      { name: "URL", type: "string", jsonPath: ".spec.url" },
    ],
    ["phcr"],
  ),
];
