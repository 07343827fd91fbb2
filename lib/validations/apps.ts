import { z } from "@/lib/validations/zod";
import { dnsLabelName, dnsLabelRef } from "./common";
import type { ObjectDiff } from "@/lib/apps/manifest-diff";

// Apps: chart repositories (platform-wide or a tenant's), the catalog built
// from their indexes, and Helm releases in projects.

const repoURL = z
  .string({ error: "Enter the repository's address." })
  .trim()
  .max(2048, "At most 2048 characters.")
  .refine((v) => {
    try {
      const u = new URL(v);
      return ["http:", "https:", "oci:"].includes(u.protocol) && !!u.hostname && !u.username && !u.password;
    } catch {
      return false;
    }
  }, "Enter the address as an http://, https:// (a repository with an index.yaml) or oci:// URL (charts in an OCI registry), without credentials in it.");

export const createRepositoryBodySchema = z
  .object({
    name: dnsLabelName("repository", 40),
    displayName: z.string().trim().max(80, "At most 80 characters.").optional(),
    description: z.string().trim().max(500, "At most 500 characters.").optional(),
    /** http(s):// for a repository with an index.yaml, oci://registry/path for charts in an OCI registry. */
    url: repoURL,
    /** OCI only: the registry speaks plain HTTP. */
    plainHTTP: z.boolean().optional(),
    /** No tenant: platform-wide (platform admins only). */
    tenant: dnsLabelRef("tenant").optional(),
    username: z.string().max(256, "At most 256 characters.").optional(),
    password: z.string().max(4096, "At most 4096 characters.").optional(),
  })
  .strict()
  .refine((b) => !b.password || !!b.username, { path: ["username"], message: "Enter the user name that goes with the password." })
  .refine((b) => !b.plainHTTP || b.url.startsWith("oci://"), { path: ["plainHTTP"], message: "Plain HTTP is a choice for OCI registries only; give an http:// address instead." });
export type CreateRepositoryBody = z.input<typeof createRepositoryBodySchema>;

export interface RepositoryView {
  name: string;
  displayName: string;
  description: string;
  url: string;
  type: "http" | "oci";
  plainHTTP: boolean;
  tenant?: string;
  hasCredentials: boolean;
  charts: number;
  /** When the index was last read; the error of the last attempt if it failed. */
  fetchedAt?: string;
  error?: string;
  canEdit: boolean;
}

export interface RepositoriesAnswer {
  items: RepositoryView[];
  canCreatePlatform: boolean;
  canCreateIn: string[];
}

export const catalogQuerySchema = z
  .object({
    q: z.string().max(100, "At most 100 characters.").optional(),
    category: z.string().max(63, "At most 63 characters.").optional(),
    repo: dnsLabelRef("repository").optional(),
  })
  .strict();

export interface CatalogChart {
  repo: string;
  repoDisplayName: string;
  tenant?: string;
  name: string;
  displayName: string;
  description: string;
  category?: string;
  keywords: string[];
  latest: string;
  appVersion?: string;
  icon?: string;
  versions: number;
}

export interface CatalogAnswer {
  items: CatalogChart[];
  categories: string[];
  /** Repositories whose index could not be read: their charts are missing from items. */
  unavailable: { repo: string; error: string }[];
}

export const chartQuerySchema = z.object({ version: z.string().max(64).optional() }).strict();

export interface ChartDetail extends CatalogChart {
  version: string;
  versionsList: { version: string; appVersion?: string; created?: string }[];
  readme: string;
  valuesYAML: string;
  /** values.schema.json, parsed; absent when the chart has none. */
  schema?: Record<string, unknown>;
  home?: string;
  sources: string[];
}

const releaseName = dnsLabelName("release", 53);

export const installBodySchema = z
  .object({
    repo: dnsLabelRef("repository"),
    chart: dnsLabelRef("chart"),
    version: z.string({ error: "Choose a version." }).min(1, "Choose a version.").max(64),
    cluster: dnsLabelRef("cluster"),
    namespace: dnsLabelRef("project"),
    name: releaseName,
    /** The release's values as YAML (what the form or the editor produced). */
    values: z.string().max(512 * 1024, "At most 512 KiB of values.").default(""),
  })
  .strict();
export type InstallBody = z.input<typeof installBodySchema>;

export const upgradeBodySchema = z
  .object({
    repo: dnsLabelRef("repository"),
    chart: dnsLabelRef("chart"),
    version: z.string({ error: "Choose a version." }).min(1, "Choose a version.").max(64),
    values: z.string().max(512 * 1024, "At most 512 KiB of values.").default(""),
  })
  .strict();
export type UpgradeBody = z.input<typeof upgradeBodySchema>;

export const previewBodySchema = installBodySchema.extend({
  /** Previewing an upgrade of the release of that name; otherwise an install, refused (409) when the name is taken. */
  upgrade: z.boolean().optional().default(false),
});
export type PreviewBody = z.input<typeof previewBodySchema>;

export const rollbackBodySchema = z.object({ revision: z.number({ error: "Choose a revision." }).int().min(1, "Choose a revision.") }).strict();

export const releasesQuerySchema = z.object({ cluster: dnsLabelRef("cluster"), namespace: dnsLabelRef("project") }).strict();

export interface ReleaseView {
  name: string;
  namespace: string;
  cluster: string;
  revision: number;
  status: string;
  chart: string;
  chartVersion: string;
  appVersion: string;
  updated: string;
}

export interface ReleasesAnswer {
  items: ReleaseView[];
}

export interface RevisionView {
  revision: number;
  status: string;
  chart: string;
  appVersion: string;
  updated: string;
  description: string;
}

export interface ReleaseObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface ReleaseDetail extends ReleaseView {
  history: RevisionView[];
  /** The user-supplied values of the current revision, as YAML. */
  values: string;
  notes: string;
  objects: ReleaseObject[];
  /** The repository it was installed or last upgraded from (a release label the console sets), else one of the caller's with that chart. */
  source?: { repo: string; chart: string };
}

export interface PreviewAnswer {
  /** False: a fresh install (everything is added). */
  installed: boolean;
  objects: ObjectDiff[];
}

export const repoParamsSchema = z.object({ name: dnsLabelRef("repository") });
export const chartParamsSchema = z.object({ repo: dnsLabelRef("repository"), chart: dnsLabelRef("chart") });
export const releaseParamsSchema = z.object({ cluster: dnsLabelRef("cluster"), namespace: dnsLabelRef("project"), name: dnsLabelRef("release") });
export const revisionParamsSchema = releaseParamsSchema.extend({
  revision: z.coerce.number({ error: "Not a revision number." }).int("Not a revision number.").min(1, "Not a revision number."),
});
