// Shared by the tenant page (server) and TenantDetail (client): a "use client"
// module's plain values are not readable on the server.
export const TENANT_TABS = ["members", "quota", "roles", "settings"] as const;
export type TenantTab = (typeof TENANT_TABS)[number];
