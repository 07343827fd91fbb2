import { readFileSync } from "node:fs";
import path from "node:path";
import type { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import apps from "@/messages/en/apps.json";
import common from "@/messages/en/common.json";
import errors from "@/messages/en/errors.json";
import zhApps from "@/messages/zh-CN/apps.json";
import zhCommon from "@/messages/zh-CN/common.json";
import zhErrors from "@/messages/zh-CN/errors.json";
import { projectsQuery } from "@/lib/access/queries";
import { canQueryKey } from "@/lib/access/use-can";
import type { CatalogAnswer, ChartDetail, PreviewAnswer, ReleaseDetail, RepositoriesAnswer } from "@/lib/query/apps";
import { renderView } from "../../test/support/render";
import { PLATFORM, repositoryBody, repositoryErrors } from "./add-repository-dialog";
import { CatalogView, catalogFilterOf } from "./catalog-view";
import { ChartBody, ChartFacts } from "./chart-detail";
import { DiffView } from "./diff-view";
import { InstallDialog } from "./install-dialog";
import { ReleaseFacts, ReleaseView, objectHref, releasesListHref } from "./release-detail";
import { ReleasesTable } from "./releases-view";
import { RepositoriesView } from "./repositories-view";

vi.mock("next/navigation", () => ({
  usePathname: () => "/apps",
  useSearchParams: () => new URLSearchParams(),
  useRouter: () => ({ push: () => undefined, replace: () => undefined, refresh: () => undefined }),
}));

// Server-renders the apps views with fixtures and the real messages of both
// languages: every text must resolve, and the hooks the browser tests use must be there.

const EN = { common, errors, apps };
const ZH = { common: zhCommon, errors: zhErrors, apps: zhApps };
const NOW = new Date("2026-12-07T18:30:00Z");

function render(node: React.ReactNode, messages: Record<string, unknown> = EN, seed?: (qc: QueryClient) => void) {
  return renderView(node, { messages, locale: messages === ZH ? "zh-CN" : "en", seed, now: NOW });
}

const chartDir = path.resolve(import.meta.dirname, "../../hack/fleet/charts/echo");
const echo: ChartDetail = {
  repo: "fleet",
  repoDisplayName: "Fleet charts",
  name: "echo",
  displayName: "Echo web app",
  description: "A web app that answers HTTP with its pod's name.",
  category: "Web",
  keywords: ["web", "http", "demo"],
  latest: "1.2.0",
  appVersion: "1.2.0",
  versions: 1,
  version: "1.2.0",
  versionsList: [{ version: "1.2.0", appVersion: "1.2.0" }],
  readme: readFileSync(path.join(chartDir, "README.md"), "utf8"),
  valuesYAML: readFileSync(path.join(chartDir, "values.yaml"), "utf8"),
  schema: JSON.parse(readFileSync(path.join(chartDir, "values.schema.json"), "utf8")) as Record<string, unknown>,
  home: "https://github.com/pilothouse-dev/pilothouse",
  sources: [],
};

const release: ReleaseDetail = {
  name: "echo",
  namespace: "acme-payments",
  cluster: "member-1",
  revision: 3,
  status: "deployed",
  chart: "echo",
  chartVersion: "1.2.0",
  appVersion: "1.2.0",
  updated: "2026-12-07T18:16:19.403795087Z",
  history: [
    { revision: 3, status: "deployed", chart: "echo-1.2.0", appVersion: "1.2.0", updated: "2026-12-07T18:16:19Z", description: "Rollback to 1" },
    { revision: 2, status: "superseded", chart: "echo-1.2.0", appVersion: "1.2.0", updated: "2026-12-07T18:10:00Z", description: "Upgrade complete" },
    { revision: 1, status: "superseded", chart: "echo-1.2.0", appVersion: "1.2.0", updated: "2026-12-07T18:00:00Z", description: "Install complete" },
  ],
  values: "replicaCount: 1\n",
  notes: "echo runs 1 pod(s) behind the Service echo:80.\n",
  objects: [
    { apiVersion: "v1", kind: "Service", name: "echo", namespace: "acme-payments" },
    { apiVersion: "apps/v1", kind: "Deployment", name: "echo", namespace: "acme-payments" },
    { apiVersion: "example.com/v1", kind: "Widget", name: "w", namespace: "acme-payments" },
  ],
  source: { repo: "fleet", chart: "echo" },
};

describe("CatalogView", () => {
  const answer: CatalogAnswer = {
    items: [echo],
    categories: ["Web"],
    unavailable: [{ repo: "down", error: "The repository index could not be read from http://127.0.0.1:1/index.yaml: ECONNREFUSED" }],
  };

  it.each([EN, ZH])("draws a card per chart and a warning per unreadable repository (%#)", (messages) => {
    const html = render(<CatalogView answer={answer} filtered={false} />, messages);
    expect(html).toContain('data-testid="chart-card-fleet-echo"');
    expect(html).toContain('href="/apps/catalog/fleet/echo"');
    expect(html).toContain("Echo web app");
    expect(html).toContain("1.2.0");
    expect(html).toContain('data-testid="repo-unavailable-down"');
    expect(html).toContain("ECONNREFUSED");
  });

  it("tells an empty catalog from a search without matches", () => {
    expect(render(<CatalogView answer={{ items: [], categories: [], unavailable: [] }} filtered={false} />)).toContain('href="/apps/repositories"');
    expect(render(<CatalogView answer={{ items: [], categories: [], unavailable: [] }} filtered />)).toContain("No charts match the search.");
  });

  it("reads its filters from the address", () => {
    expect(catalogFilterOf(new URLSearchParams("q=echo&category=Web"))).toEqual({ q: "echo", category: "Web", repo: "" });
  });
});

describe("the chart page", () => {
  it.each([EN, ZH])("draws the README, the default values and the facts (%#)", (messages) => {
    const html = render(
      <>
        <ChartFacts detail={echo} />
        <ChartBody detail={echo} />
      </>,
      messages,
    );
    expect(html).toContain('data-testid="markdown"');
    expect(html).toContain("<table");
    expect(html).toContain('data-testid="default-values"');
    expect(html).toContain("replicaCount: 2");
    expect(html).toContain('rel="noopener noreferrer"');
  });
});

describe("InstallDialog", () => {
  const seed = (qc: QueryClient, mayCreate = true) => {
    qc.setQueryData(projectsQuery().queryKey, {
      items: [{ cluster: "member-1", namespace: "acme-payments", tenant: "acme", displayName: "Payments", description: "", requester: "", phase: "Active" }],
    });
    // The project is offered only where the caller may create the Secret helm records the release in.
    qc.setQueryData(canQueryKey([{ verb: "create", resource: "core/secrets", cluster: "member-1", namespace: "acme-payments" }]), [mayCreate]);
  };

  it("offers no project where the caller may not create Secrets, and says why", () => {
    const html = render(<InstallDialog mode={{ kind: "install", chart: echo }} onClose={() => undefined} />, EN, (qc) => seed(qc, false));
    expect(html).not.toContain('value="member-1/acme-payments"');
    expect(html).toContain("None of your projects lets you install apps");
  });

  it.each([EN, ZH])("offers the chart's schema as a form started from its defaults (%#)", (messages) => {
    const html = render(<InstallDialog mode={{ kind: "install", chart: echo }} onClose={() => undefined} />, messages, seed);
    expect(html).toMatch(/<label[^>]*>Replicas<\/label>/);
    expect(html).toMatch(/type="number" step="1" min="0" max="20"[^>]*name="f.f0"/);
    expect(html).toContain("Image repository");
    expect(html).toContain('data-testid="values-group-route"');
    expect(html).toContain('value="member-1/acme-payments"');
    expect(html).toContain('aria-pressed="true"');
  });

  it("offers YAML when the chart has no schema", () => {
    const html = render(<InstallDialog mode={{ kind: "install", chart: { ...echo, schema: undefined } }} onClose={() => undefined} />, EN, seed);
    expect(html).not.toContain("Replicas");
    expect(html).toContain("Values (YAML)");
    expect(html).toContain('name="yaml"');
  });
});

describe("DiffView", () => {
  const preview: PreviewAnswer = {
    installed: true,
    objects: [
      { kind: "Deployment", name: "echo", apiVersion: "apps/v1", namespace: "acme-payments", change: "changed", lines: ["@@", " spec:", "-  replicas: 1", "+  replicas: 2", "@@"] },
      { kind: "Service", name: "echo", apiVersion: "v1", namespace: "acme-payments", change: "unchanged", lines: [] },
    ],
  };

  it.each([EN, ZH])("colours each object's added and removed lines (%#)", (messages) => {
    const html = render(<DiffView preview={preview} />, messages);
    expect(html).toContain('data-testid="diff-Deployment-echo" data-change="changed"');
    expect(html).toContain('data-testid="diff-Service-echo" data-change="unchanged"');
    expect(html).toMatch(/data-line="removed"[^>]*>-  replicas: 1</);
    expect(html).toMatch(/data-line="added"[^>]*>\+  replicas: 2</);
  });

  it("sums up a fresh install", () => {
    expect(render(<DiffView preview={{ installed: false, objects: [{ ...preview.objects[0], change: "added", lines: ["+a"] }] }} />)).toContain("1 object to create.");
  });
});

describe("releases", () => {
  it.each([EN, ZH])("lists a project's releases with their state (%#)", (messages) => {
    const html = render(
      <ReleasesTable rows={[{ ...release, updated: "2026-12-07 18:16:19.403795087 +0000 UTC" }]} />,
      messages,
    );
    expect(html).toContain('href="/apps/releases/member-1/acme-payments/echo"');
    expect(html).toContain('data-status="deployed"');
    expect(html).toContain('dateTime="2026-12-07T18:16:19.403+00:00"');
  });

  it.each([EN, ZH])("draws a release: facts, notes, objects linked where the console has a page, history with roll back (%#)", (messages) => {
    const html = render(
      <>
        <ReleaseFacts release={release} />
        <ReleaseView release={release} onValues={() => undefined} onRollback={() => undefined} />
      </>,
      messages,
    );
    expect(html).toContain('data-testid="release-revision">3<');
    expect(html).toContain('href="/c/member-1/ns/acme-payments/deployments/echo"');
    expect(html).toContain('href="/c/member-1/ns/acme-payments/services/echo"');
    expect(html).toContain('data-testid="release-object-Widget-w"');
    expect(html).toContain("runs 1 pod(s)");
    // Every revision but the current one can be rolled back to.
    expect(html.match(/Roll back to revision|回滚到版本/g)).toHaveLength(2);
  });

  it("links objects the console has pages for, only those", () => {
    expect(objectHref("member-1", "ns", { apiVersion: "apps/v1", kind: "Deployment", name: "d" })).toBe("/c/member-1/ns/ns/deployments/d");
    expect(objectHref("member-1", "ns", { apiVersion: "apps/v1", kind: "StatefulSet", name: "s", namespace: "other" })).toBe("/c/member-1/ns/other/statefulsets/s");
    expect(objectHref("member-1", "ns", { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", name: "r" })).toBeUndefined();
    expect(releasesListHref("member-1", "acme")).toBe("/apps/releases?cluster=member-1&namespace=acme");
  });
});

describe("repositories", () => {
  const answer: RepositoriesAnswer = {
    items: [
      { name: "fleet", displayName: "Fleet charts", description: "", url: "http://127.0.0.1:20100", type: "http", plainHTTP: false, hasCredentials: false, charts: 3, fetchedAt: "2026-12-07T18:25:00Z", canEdit: true },
      { name: "down", displayName: "down", description: "", url: "oci://127.0.0.1:1/charts", type: "oci", plainHTTP: true, tenant: "acme", hasCredentials: true, charts: 0, error: "ECONNREFUSED", canEdit: false },
    ],
    canCreatePlatform: true,
    canCreateIn: ["acme"],
  };

  it.each([EN, ZH])("lists repositories with their state; Add for those who may (%#)", (messages) => {
    const html = render(<RepositoriesView answer={answer} />, messages);
    expect(html).toContain('data-testid="repo-row-fleet"');
    expect(html).toContain('data-testid="repo-error-down"');
    expect(html).toContain('data-testid="add-repository"');
  });

  it("hides Add from those who may add nowhere", () => {
    expect(render(<RepositoriesView answer={{ ...answer, canCreatePlatform: false, canCreateIn: [] }} />)).not.toContain('data-testid="add-repository"');
  });

  it("checks the Add form and builds the body", () => {
    const v = { name: "Charts", displayName: "", description: "", url: "ftp://x", plainHTTP: true, scope: "", username: "", password: "p" };
    expect(repositoryErrors(v, true)).toEqual({ name: "namePattern", url: "urlPattern", scope: "scopeRequired", username: "usernameRequired" });
    expect(repositoryErrors({ ...v, name: "", url: "", password: "" }, false)).toEqual({});
    expect(repositoryErrors({ ...v, name: "x", url: "oci://registry.example.com/charts", scope: PLATFORM, password: "" }, true)).toEqual({});
    expect(repositoryErrors({ ...v, name: "x", url: "https://me:secret@charts.example.com", scope: PLATFORM, password: "" }, true)).toEqual({ url: "urlCredentials" });
    // Plain HTTP is an OCI registry's choice only.
    expect(repositoryBody({ ...v, url: "oci://127.0.0.1:5000/charts" }).plainHTTP).toBe(true);
    expect(repositoryBody({ ...v, url: "http://127.0.0.1:5000/" }).plainHTTP).toBeUndefined();
    expect(repositoryBody({ name: " fleet ", displayName: "", description: "", url: "http://x/ ", plainHTTP: false, scope: PLATFORM, username: "", password: "" })).toEqual({
      name: "fleet",
      url: "http://x/",
      plainHTTP: undefined,
      displayName: undefined,
      description: undefined,
      tenant: undefined,
      username: undefined,
      password: undefined,
    });
    expect(repositoryBody({ ...v, name: "t", url: "http://x", scope: "acme", username: "u" }).tenant).toBe("acme");
  });
});
