"use client";

import { SectionNav } from "@/components/ui/section-nav";

const items = [
  { key: "mine", href: "/access" },
  { key: "tenants", href: "/access/tenants" },
  { key: "users", href: "/access/users" },
  { key: "roles", href: "/access/roles" },
  { key: "whoCan", href: "/access/who-can" },
  { key: "audit", href: "/access/audit" },
] as const;

/** The sections of Access, as tabs under each section's title. */
export function AccessNav() {
  return <SectionNav namespace="access.nav" items={items} />;
}
