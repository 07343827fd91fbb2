import type { KubeObject } from "../types";

export interface NamespaceObject extends KubeObject {
  status?: { phase?: "Active" | "Terminating" };
}

export const namespacesPath = "/api/v1/namespaces";
export const namespacePath = (name: string) => `/api/v1/namespaces/${encodeURIComponent(name)}`;

export const TENANT_LABEL = "pilothouse.dev/tenant";

export const namespaceTenant = (n: NamespaceObject) => n.metadata.labels?.[TENANT_LABEL] ?? "";
export const namespaceDisplayName = (n: NamespaceObject) => n.metadata.annotations?.["pilothouse.dev/display-name"] ?? "";
export const namespacePhase = (n: NamespaceObject) => n.status?.phase ?? "Active";
