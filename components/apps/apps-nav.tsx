"use client";

import { SectionNav } from "@/components/ui/section-nav";

const items = [
  { key: "catalog", href: "/apps", also: ["/apps/catalog"] },
  { key: "releases", href: "/apps/releases" },
  { key: "repositories", href: "/apps/repositories" },
] as const;

/** The sections of Apps, as tabs under the title; a chart's page belongs to the catalog. */
export function AppsNav() {
  return <SectionNav namespace="apps.nav" items={items} />;
}
