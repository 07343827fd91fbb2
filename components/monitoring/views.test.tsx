import { describe, expect, it, vi } from "vitest";
import { clustersKey } from "@/lib/clusters/queries";
import type { AlertsResponse } from "@/lib/monitoring/series";
import cluster from "@/messages/en/cluster.json";
import common from "@/messages/en/common.json";
import errors from "@/messages/en/errors.json";
import monitoring from "@/messages/en/monitoring.json";
import overview from "@/messages/en/overview.json";
import projects from "@/messages/en/projects.json";
import zhMonitoring from "@/messages/zh-CN/monitoring.json";
import { AlertsListView } from "./alerts-list";
import { ClusterDashboard } from "./cluster-dashboard";
import { PlatformOverview } from "./platform-overview";
import { ProjectMonitoring } from "./project-monitoring";
import { renderView } from "../../test/support/render";

vi.mock("next/navigation", () => ({
  usePathname: () => "/monitoring",
  useSearchParams: () => new URLSearchParams("range=6h"),
  useRouter: () => ({ push: () => undefined, replace: () => undefined }),
}));

// Server-renders the dashboards with the real messages: every text resolves,
// the test hooks are there, and nothing but skeletons renders before the
// browser (charts load only on screen).

function render(node: React.ReactNode, messages: Record<string, unknown> = { common, errors, cluster, overview, projects, monitoring }, locale = "en") {
  return renderView(node, {
    messages,
    locale,
    manageClusters: true,
    seed: (qc) =>
      qc.setQueryData(clustersKey, {
        items: [
          { name: "host", displayName: "Host", prometheusURL: "http://p", health: { status: "Ready" }, labels: {} },
          { name: "member-2", displayName: "Member 2", health: { status: "Ready" }, labels: {} },
        ],
      }),
  });
}

const alerts: AlertsResponse = {
  alerts: [
    {
      cluster: "host",
      name: "KubePodCrashLooping",
      state: "firing",
      severity: "warning",
      namespace: "shop",
      summary: "Pod shop/api is crash looping.",
      activeAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      labels: { pod: "api" },
    },
    { cluster: "host", name: "KubeNodeNotReady", state: "pending", severity: "critical", labels: {} },
  ],
  errors: [{ cluster: "member-2", code: "unavailable", message: "The Prometheus of \"member-2\" is unreachable." }],
};

describe("monitoring views", () => {
  it("lists alerts with state, severity, where and since when, and per-cluster errors", () => {
    const html = render(<AlertsListView data={alerts} />);
    expect(html).toContain('data-testid="alerts-list"');
    expect(html).toContain('data-testid="alert-host-KubePodCrashLooping"');
    expect(html).toContain("Firing");
    expect(html).toContain("Critical");
    expect(html).toContain("namespace shop");
    expect(html).toContain("5m ago");
    expect(html).toContain("is unreachable");
  });

  it("filters alerts to a namespace", () => {
    const html = render(<AlertsListView data={alerts} namespace="other" />);
    expect(html).toContain("No alerts are firing or pending.");
  });

  it("renders the overview with a card per cluster and the no-metrics state where Prometheus is missing", () => {
    const html = render(<PlatformOverview clusters={["host", "member-2"]} />);
    expect(html).toContain('data-testid="monitoring-cluster-host"');
    expect(html).toContain('data-testid="chart-cluster_cpu_utilisation-host"');
    expect(html).toContain('data-testid="chart-compare"');
    expect(html).toContain("No metrics: this cluster has no Prometheus configured.");
    // The range comes from the address.
    expect(html).toMatch(/aria-pressed="true"[^>]*>6h</);
    expect(html).not.toContain("data-points");
  });

  it("shows a large fleet a page of cards with a filter and compares only the clusters shown", () => {
    const many = Array.from({ length: 1000 }, (_, i) => `c-${String(i).padStart(4, "0")}`);
    const html = render(<PlatformOverview clusters={many} />);
    expect(html.match(/data-testid="monitoring-cluster-/g)).toHaveLength(12);
    expect(html).toContain('data-testid="monitoring-cluster-c-0011"');
    expect(html).not.toContain('data-testid="monitoring-cluster-c-0012"');
    expect(html).toContain("Showing 12 of 1000 clusters, those that need attention first.");
    expect(html).toContain("Show 12 more");
    expect(html).toContain("Filter clusters by name");
    expect(html).toContain("One metric of the 12 clusters shown first");
  });

  it("tells users without cluster dashboards where theirs are", () => {
    const html = render(<PlatformOverview clusters={[]} />);
    expect(html).toContain("You may not see any cluster");
    expect(html).toContain('href="/projects"');
  });

  it("renders the cluster dashboard and, for admins, the PromQL explorer", () => {
    const html = render(<ClusterDashboard cluster="host" canExplore nodesListed={false} />);
    expect(html).toContain('data-testid="chart-cluster_cpu_usage-host"');
    expect(html).toContain('data-testid="promql-explorer"');
    expect(render(<ClusterDashboard cluster="host" canExplore={false} nodesListed={false} />)).not.toContain("promql-explorer");
  });

  it("renders the project dashboard with a cluster switcher for a project on several clusters", () => {
    const project = {
      name: "shop",
      tenant: "acme",
      displayName: "",
      description: "",
      requester: "",
      nodeSelector: {},
      pipelineRunRetention: 50,
      clusters: [
        { cluster: "host", phase: "Active", quota: null },
        { cluster: "member-2", phase: "Active", quota: null },
        { cluster: "gone", phase: "Missing", quota: null },
      ],
    };
    const html = render(<ProjectMonitoring project={project} />);
    expect(html).toContain('data-testid="project-monitoring"');
    expect(html).toContain('data-cluster="host"');
    expect(html).toContain(">Member 2</button>");
    expect(html).not.toContain(">gone</button>");
  });

  it("renders in Chinese", () => {
    const html = render(<AlertsListView data={alerts} />, { common, errors, cluster, overview, projects, monitoring: zhMonitoring }, "zh-CN");
    expect(html).toContain("触发中");
  });
});
