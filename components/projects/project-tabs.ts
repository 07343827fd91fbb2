// Shared by the project page (server) and ProjectDetail (client): a "use client"
// module's plain values are not readable on the server.
export const PROJECT_TABS = ["overview", "quotas", "monitoring", "settings"] as const;
export type ProjectTab = (typeof PROJECT_TABS)[number];
