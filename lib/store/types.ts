import type { KubeObject } from "@/lib/k8s/types";

// Server-side shapes of the console's custom resources. Some carry secrets
// (password hashes, token hashes): map them to views before they leave the server.

export interface ClusterResource extends KubeObject {
  spec: {
    displayName?: string;
    server: string;
    credentialsSecret: string;
    insecureSkipTLSVerify?: boolean;
    prometheusURL?: string;
    /** Where the cluster's HTTP data plane (its gateway) answers, for trying routes from the console. */
    gatewayURL?: string;
    description?: string;
  };
  status?: {
    phase?: "Pending" | "Active";
    kubeSystemUID?: string;
    version?: string;
    registeredBy?: string;
    registeredAt?: string;
  };
}

export interface UserResource extends KubeObject {
  spec: {
    username: string;
    displayName?: string;
    email?: string;
    provider: "local" | "oidc";
    subject?: string;
    passwordHash?: string;
    groups?: string[];
    disabled?: boolean;
  };
  status?: { lastLoginAt?: string };
}

export interface AccessTokenResource extends KubeObject {
  /** parent: id of the token that made this one (none when made by a signed-in person). */
  spec: { user: string; displayName: string; hash: string; expiresAt?: string; parent?: string };
}

export type ScopeType = "platform" | "tenant" | "cluster" | "project";

export interface RoleBindingResource extends KubeObject {
  spec: {
    subject: { kind: "User" | "Group"; name: string };
    role: string;
    scope: { type: ScopeType; tenant?: string; cluster?: string; namespace?: string };
  };
}

export interface SecretResource extends KubeObject {
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

export type ResourceList = Record<string, string>;

export interface LimitDefaults {
  default?: ResourceList;
  defaultRequest?: ResourceList;
  max?: ResourceList;
  min?: ResourceList;
}

export interface TenantResource extends KubeObject {
  spec: {
    displayName?: string;
    description?: string;
    clusters?: string[];
    /** Most projects one member may create in the tenant (unset: no limit). */
    projectLimitPerMember?: number;
    /** What new projects get unless their creator says otherwise. */
    defaults?: { quota?: ResourceList; limits?: LimitDefaults };
    /** Per cluster: the most the tenant's projects' quotas may add up to. */
    budget?: Record<string, ResourceList>;
    /** The Pod Security Admission level its projects' namespaces enforce (unset: baseline). */
    podSecurity?: "baseline" | "restricted" | "privileged";
  };
}

export interface RoleResource extends KubeObject {
  spec: {
    displayName?: string;
    description?: string;
    scope: ScopeType;
    tenant?: string;
    rules: { resources: string[]; verbs: string[]; effect?: "allow" | "deny" }[];
  };
}

export interface PromotionLaneResource extends KubeObject {
  spec: {
    tenant: string;
    displayName?: string;
    description?: string;
    stages: { name: string; cluster: string; namespace: string; workload: string; container?: string; requireApproval?: boolean }[];
  };
}

export interface PromotionResource extends KubeObject {
  spec: {
    lane: string;
    tenant: string;
    from: string;
    to: string;
    container: string;
    image: string;
    previousImage: string;
    requestedBy: string;
    requestedAt: string;
  };
  status?: {
    phase?: "WaitingApproval" | "Promoted" | "Rejected" | "Failed" | "RolledBack";
    approvedBy?: string;
    approvedAt?: string;
    promotedAt?: string;
    rejectedBy?: string;
    rejectedAt?: string;
    rolledBackBy?: string;
    rolledBackAt?: string;
    message?: string;
  };
}

export interface ChartRepositoryResource extends KubeObject {
  spec: {
    tenant?: string;
    displayName?: string;
    description?: string;
    type: "http" | "oci";
    url: string;
    /** OCI only: the registry speaks plain HTTP (a lab or loopback registry). */
    plainHTTP?: boolean;
    credentialsSecret?: string;
    createdBy?: string;
  };
}
