import { z } from "@/lib/validations/zod";
import { lineText, multilineText } from "./text";
import { dnsLabelName } from "./common";

// Tenants, users, roles, role bindings, permissions and projects: the schemas
// the /api routes validate with, the types of what clients send (z.input: before
// defaults) and of what the routes answer. Shared by route handlers and the
// browser, so nothing here may import server code.

// <group|core>/<resource>[/<subresource>] with DNS-style groups ("../etc" is no group), a set, a console area or *.
const GROUP = "[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*";
const PLURAL = "[a-z0-9](?:[-a-z0-9]*[a-z0-9])?";
const RESOURCE = new RegExp(
  `^(\\*|@[A-Za-z]+|console\\/(\\*|[a-z][a-z-]*)|nonresource:\\/?[\\w./*-]*|${GROUP}\\/(\\*|${PLURAL}(\\/(\\*|${PLURAL}))?))$`,
);
const VERBS = ["*", "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"] as const;

export const userName = z
  .string({ error: "Enter a user name." })
  .trim()
  .min(1, "Enter a user name.")
  .max(253, "At most 253 characters.")
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "Use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit.");

const groupName = z
  .string()
  .trim()
  .min(1, "Enter a group name.")
  .max(128, "At most 128 characters.")
  .regex(/^[^\s,]+$/, "Group names have no spaces or commas.");

export const SCOPE_TYPES = ["platform", "tenant", "cluster", "project"] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

export const scopeSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("platform") }),
  z.object({ type: z.literal("tenant"), tenant: dnsLabelName("tenant") }),
  z.object({ type: z.literal("cluster"), cluster: dnsLabelName("cluster") }),
  z.object({ type: z.literal("project"), cluster: dnsLabelName("cluster"), namespace: dnsLabelName("project") }),
]);

/** Pod Security Admission levels, as Kubernetes names them; a tenant's projects enforce one. */
export const POD_SECURITY_LEVELS = ["baseline", "restricted", "privileged"] as const;
export type PodSecurityLevel = (typeof POD_SECURITY_LEVELS)[number];
const podSecurity = z.enum(POD_SECURITY_LEVELS, { error: "Choose baseline, restricted or privileged." });
// Giving a tenant the host cluster needs this set: the console's own state lives there.
const acknowledgeHostCluster = z.boolean({ error: "Send true or false." }).optional();

export const createTenantBodySchema = z.object({
  name: dnsLabelName("tenant", 40),
  displayName: lineText(100).optional(),
  description: multilineText(500).optional(),
  clusters: z.array(dnsLabelName("cluster")).max(100).default([]),
  managers: z.array(userName).max(50).default([]),
  podSecurity: podSecurity.optional(),
  acknowledgeHostCluster,
});
export type CreateTenantBody = z.input<typeof createTenantBodySchema>;

export const updateTenantBodySchema = z
  .object({
    displayName: lineText(100).optional(),
    description: multilineText(500).optional(),
    clusters: z.array(dnsLabelName("cluster")).max(100).optional(),
    projectLimitPerMember: z.number().int("A whole number.").min(0, "At least 0.").max(10_000).nullable().optional(),
    defaults: z.lazy(() => tenantSettingsSchema.shape.defaults),
    budget: z.lazy(() => tenantSettingsSchema.shape.budget),
    podSecurity: podSecurity.optional(),
    acknowledgeHostCluster,
  })
  .strict();
export type UpdateTenantBody = z.input<typeof updateTenantBodySchema>;

export const createUserBodySchema = z.object({
  username: userName,
  displayName: lineText(100).optional(),
  email: z.union([z.email("Enter an email address."), z.literal("")]).optional(),
  password: z.string({ error: "Enter a password." }).min(10, "At least 10 characters.").max(200, "At most 200 characters."),
  groups: z.array(groupName).max(50).default([]),
});
export type CreateUserBody = z.input<typeof createUserBodySchema>;

export const updateUserBodySchema = z
  .object({
    displayName: lineText(100).optional(),
    email: z.union([z.email("Enter an email address."), z.literal("")]).optional(),
    groups: z.array(groupName).max(50).optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(10, "At least 10 characters.").max(200, "At most 200 characters.").optional(),
  })
  .strict();
export type UpdateUserBody = z.input<typeof updateUserBodySchema>;

const ruleSchema = z.object({
  resources: z
    .array(z.string().trim().regex(RESOURCE, "Not a resource: use <group|core>/<resource>[/<subresource>], <group>/*, @<set>, console/<area> or *."))
    .min(1, "Pick at least one resource.")
    .max(200),
  // Checked against the verbs, typed as strings: clients build rules from the vocabulary the server sends.
  verbs: z
    .array(z.string({ error: "Not a verb." }).refine((v) => (VERBS as readonly string[]).includes(v), "Not a verb."))
    .min(1, "Pick at least one verb.")
    .max(9),
  effect: z.enum(["allow", "deny"]).default("allow"),
});

export const createRoleBodySchema = z.object({
  name: dnsLabelName("role", 63),
  displayName: lineText(100).optional(),
  description: multilineText(500).optional(),
  scope: z.enum(["tenant", "project"], { error: "Custom roles are bound at tenant or project scope." }),
  tenant: dnsLabelName("tenant"),
  rules: z.array(ruleSchema).min(1, "Add at least one permission.").max(100),
});
export type CreateRoleBody = z.input<typeof createRoleBodySchema>;

export const updateRoleBodySchema = z
  .object({
    displayName: lineText(100).optional(),
    description: multilineText(500).optional(),
    rules: z.array(ruleSchema).min(1, "Add at least one permission.").max(100).optional(),
  })
  .strict();
export type UpdateRoleBody = z.input<typeof updateRoleBodySchema>;

export const createBindingBodySchema = z.object({
  subject: z
    .object({
      kind: z.enum(["User", "Group"], { error: "The subject is a User or a Group." }),
      name: z.string().trim().min(1, "Choose a user or group.").max(253),
    })
    // A group name that no user can carry would bind nobody.
    .refine((s) => s.kind !== "Group" || groupName.safeParse(s.name).success, { message: "Group names have no spaces or commas (at most 128 characters).", path: ["name"] }),
  role: z.string().trim().min(1, "Choose a role.").max(63),
  scope: scopeSchema,
});
export type CreateBindingBody = z.input<typeof createBindingBodySchema>;

const checkSchema = z.object({
  verb: z.string().trim().min(1).max(32),
  resource: z.string().trim().min(1).max(256),
  cluster: z.string().trim().max(63).optional(),
  namespace: z.string().trim().max(63).optional(),
  tenant: z.string().trim().max(63).optional(),
});

export const canIBodySchema = z.object({ checks: z.array(checkSchema).min(1).max(200) });
export type CanIBody = z.input<typeof canIBodySchema>;

export const whoCanQuerySchema = checkSchema;
export type WhoCanQuery = z.input<typeof whoCanQuerySchema>;

export const listBindingsQuerySchema = z.object({
  tenant: z.string().trim().max(63).optional(),
  cluster: z.string().trim().max(63).optional(),
  namespace: z.string().trim().max(63).optional(),
  subject: z.string().trim().max(253).optional(),
});
export type ListBindingsQuery = z.input<typeof listBindingsQuerySchema>;

const resourceList = z.record(z.string().regex(/^[a-z0-9.\/-]+$/, "Not a resource name."), z.string().max(64));
const limitDefaults = z
  .object({ default: resourceList.optional(), defaultRequest: resourceList.optional(), max: resourceList.optional(), min: resourceList.optional() })
  .strict();

export const tenantSettingsSchema = z.object({
  projectLimitPerMember: z.number().int("A whole number.").min(0, "At least 0.").max(10_000).nullable().optional(),
  defaults: z.object({ quota: resourceList.optional(), limits: limitDefaults.optional() }).strict().optional(),
  budget: z.record(dnsLabelName("cluster"), resourceList).optional(),
});

export const createProjectBodySchema = z.object({
  tenant: dnsLabelName("tenant"),
  clusters: z.array(dnsLabelName("cluster")).min(1, "Choose at least one cluster.").max(50),
  name: dnsLabelName("project", 63),
  displayName: lineText(100).optional(),
  description: multilineText(500).optional(),
  nodeSelector: z
    .record(
      z.string().regex(/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/, "Not a label key."),
      z.string().regex(/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/, "Not a label value.").max(63),
    )
    .optional(),
  quota: resourceList.optional(),
  limits: limitDefaults.optional(),
});
export type CreateProjectBody = z.input<typeof createProjectBodySchema>;

export const updateProjectBodySchema = z
  .object({
    displayName: lineText(100).optional(),
    description: multilineText(500).optional(),
    addClusters: z.array(dnsLabelName("cluster")).max(50).optional(),
    removeClusters: z.array(dnsLabelName("cluster")).max(50).optional(),
    /** How many runs of each pipeline the console keeps; null: the default (50). */
    pipelineRunRetention: z
      .number({ error: "Enter a number of runs." })
      .int("A whole number of runs.")
      .min(1, "Keep at least 1 run.")
      .max(1000, "At most 1000 runs.")
      .nullable()
      .optional(),
  })
  .strict();
export type UpdateProjectBody = z.input<typeof updateProjectBodySchema>;

export const listProjectsQuerySchema = z.object({ tenant: z.string().max(63).optional(), cluster: z.string().max(63).optional() });
export type ListProjectsQuery = z.input<typeof listProjectsQuerySchema>;

export const listRolesQuerySchema = z.object({ tenant: z.string().max(63).optional(), scope: z.enum(SCOPE_TYPES).optional() });
export type ListRolesQuery = z.input<typeof listRolesQuerySchema>;

export const listUsersQuerySchema = z.object({ q: z.string().max(100).optional() });

export const permissionsQuerySchema = z.object({ user: z.string().max(253).optional() });

// ---- answers ----

export type Scope = z.output<typeof scopeSchema>;
export type Subject = z.output<typeof createBindingBodySchema>["subject"];
export type SubjectKind = Subject["kind"];
export type Effect = "allow" | "deny";
/** A role's rule as the API answers it: the effect always said. */
export type RoleRule = z.input<typeof ruleSchema>;
export type ResourceList = Record<string, string>;
export type LimitDefaults = NonNullable<z.output<typeof limitDefaults>>;
export type TenantDefaults = { quota?: ResourceList; limits?: LimitDefaults };

export interface Tenant {
  name: string;
  displayName: string;
  description: string;
  clusters: string[];
  /** User names holding tenant-admin. */
  managers: string[];
  /** The Pod Security Admission level its projects enforce. */
  podSecurity: PodSecurityLevel;
  createdAt?: string;
  projects: number;
  members: number;
  /** How many projects one member may request; null: no limit. */
  projectLimitPerMember: number | null;
  defaults: TenantDefaults;
  /** Per cluster, what all its projects' quotas may add up to. */
  budget: Record<string, ResourceList>;
}

export interface User {
  name: string;
  username: string;
  displayName: string;
  email: string;
  provider: "local" | "oidc";
  groups: string[];
  disabled: boolean;
  lastLoginAt?: string | null;
  createdAt?: string;
}

/** What tenant and project managers get from GET /api/users: enough to pick a member. */
export type UserSummary = Pick<User, "name" | "username" | "displayName"> & Partial<Omit<User, "name" | "username" | "displayName">>;

export interface Group {
  name: string;
  members: number;
}

export interface Role {
  name: string;
  displayName: string;
  description: string;
  scope: ScopeType;
  /** The tenant of a custom role; none for built-in roles. */
  tenant?: string | null;
  builtin: boolean;
  rules: RoleRule[];
}

export interface Vocabulary {
  verbs: string[];
  matrix: { id: string; resources: string[] }[];
  /** Named sets of resources a rule may name as "@<set>". */
  sets: Record<string, string[]>;
}

export interface RolesResponse {
  items: Role[];
  vocabulary: Vocabulary;
}

export interface Binding {
  name: string;
  subject: Subject;
  role: string;
  scope: Scope;
  createdAt?: string;
}

/** "user" (bound directly) or "group:<group>". */
export type BindingVia = "user" | `group:${string}`;

export interface EffectiveBinding {
  binding: Binding;
  via: BindingVia;
  /** Null when the bound role no longer exists. */
  role: Role | null;
}

export interface PermissionsResponse {
  user: { name: string; username: string; displayName: string; groups: string[] };
  bindings: EffectiveBinding[];
}

export type CanICheck = WhoCanQuery;

export interface CanIResponse {
  results: { allowed: boolean }[];
}

export interface WhoCanResponse {
  users: { name: string; username: string }[];
  groups: string[];
}

/** Where a project's namespace is on one cluster. */
export type ProjectPhase = "Active" | "Provisioning" | "Terminating";

export interface ProjectCluster {
  cluster: string;
  // Tolerant: a newer server may report phases this client does not know.
  phase: ProjectPhase | (string & {});
  quota: { hard: ResourceList; used: ResourceList } | null;
}

/** A project: one name in one tenant, a namespace on each of its clusters. */
export interface Project {
  name: string;
  tenant: string;
  displayName: string;
  description: string;
  requester: string;
  nodeSelector: Record<string, string>;
  clusters: ProjectCluster[];
  createdAt?: string;
  /** Runs of each pipeline the console keeps (the project's setting, else the default). */
  pipelineRunRetention: number;
}

/** A project's namespace on one cluster (what project-scoped bindings refer to). */
export interface ProjectNamespace {
  cluster: string;
  namespace: string;
  tenant: string;
  displayName: string;
  description: string;
  requester: string;
  phase: ProjectCluster["phase"];
}

export interface ProjectDetail extends Project {
  members: Binding[];
}

/** The outcome of a multi-cluster operation on one cluster. */
export interface ClusterResult {
  cluster: string;
  ok: boolean;
  error?: string;
}

export interface ProjectChange {
  project: Project;
  results: ClusterResult[];
}

export interface TenantQuotaProject {
  namespace: string;
  name: string;
  hard: ResourceList;
  used: ResourceList;
}

export interface TenantQuotaCluster {
  cluster: string;
  budget: ResourceList;
  allocated: ResourceList;
  used: ResourceList;
  /** Projects the caller may see. */
  projects: TenantQuotaProject[];
  /** The tenant's other projects here, summed without their names; null when the caller sees them all. */
  otherProjects: { hard: ResourceList; used: ResourceList } | null;
}

export interface TenantQuota {
  clusters: TenantQuotaCluster[];
}
