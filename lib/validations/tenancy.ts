import { z } from "zod";
import { lineText, multilineText } from "./text";
import { dnsLabelName } from "./common";

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
export type CreateTenantBody = z.infer<typeof createTenantBodySchema>;

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
export type UpdateTenantBody = z.infer<typeof updateTenantBodySchema>;

export const createUserBodySchema = z.object({
  username: userName,
  displayName: lineText(100).optional(),
  email: z.union([z.email("Enter an email address."), z.literal("")]).optional(),
  password: z.string({ error: "Enter a password." }).min(10, "At least 10 characters.").max(200, "At most 200 characters."),
  groups: z.array(groupName).max(50).default([]),
});
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

export const updateUserBodySchema = z
  .object({
    displayName: lineText(100).optional(),
    email: z.union([z.email("Enter an email address."), z.literal("")]).optional(),
    groups: z.array(groupName).max(50).optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(10, "At least 10 characters.").max(200, "At most 200 characters.").optional(),
  })
  .strict();
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

const ruleSchema = z.object({
  resources: z
    .array(z.string().trim().regex(RESOURCE, "Not a resource: use <group|core>/<resource>[/<subresource>], <group>/*, @<set>, console/<area> or *."))
    .min(1, "Pick at least one resource.")
    .max(200),
  verbs: z.array(z.enum(VERBS, { error: "Not a verb." })).min(1, "Pick at least one verb.").max(9),
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
export type CreateRoleBody = z.infer<typeof createRoleBodySchema>;

export const updateRoleBodySchema = z
  .object({
    displayName: lineText(100).optional(),
    description: multilineText(500).optional(),
    rules: z.array(ruleSchema).min(1, "Add at least one permission.").max(100).optional(),
  })
  .strict();
export type UpdateRoleBody = z.infer<typeof updateRoleBodySchema>;

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
export type CreateBindingBody = z.infer<typeof createBindingBodySchema>;

const checkSchema = z.object({
  verb: z.string().trim().min(1).max(32),
  resource: z.string().trim().min(1).max(256),
  cluster: z.string().trim().max(63).optional(),
  namespace: z.string().trim().max(63).optional(),
  tenant: z.string().trim().max(63).optional(),
});

export const canIBodySchema = z.object({ checks: z.array(checkSchema).min(1).max(200) });
export type CanIBody = z.infer<typeof canIBodySchema>;

export const whoCanQuerySchema = checkSchema;
export type WhoCanQuery = z.infer<typeof whoCanQuerySchema>;

export const listBindingsQuerySchema = z.object({
  tenant: z.string().trim().max(63).optional(),
  cluster: z.string().trim().max(63).optional(),
  namespace: z.string().trim().max(63).optional(),
  subject: z.string().trim().max(253).optional(),
});
export type ListBindingsQuery = z.infer<typeof listBindingsQuerySchema>;

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
export type CreateProjectBody = z.infer<typeof createProjectBodySchema>;

export const updateProjectBodySchema = z
  .object({
    displayName: lineText(100).optional(),
    description: multilineText(500).optional(),
    addClusters: z.array(dnsLabelName("cluster")).max(50).optional(),
    removeClusters: z.array(dnsLabelName("cluster")).max(50).optional(),
  })
  .strict();
export type UpdateProjectBody = z.infer<typeof updateProjectBodySchema>;
