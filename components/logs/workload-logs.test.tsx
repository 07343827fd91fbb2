import { describe, expect, it } from "vitest";
import common from "@/messages/en/common.json";
import logs from "@/messages/en/logs.json";
import zhCommon from "@/messages/zh-CN/common.json";
import zhLogs from "@/messages/zh-CN/logs.json";
import { daemonsets } from "@/components/kinds/daemonset";
import { deployments } from "@/components/kinds/deployment";
import { jobs } from "@/components/kinds/job";
import { statefulsets } from "@/components/kinds/statefulset";
import { renderView } from "../../test/support/render";
import { LogRows } from "./log-rows";
import { search } from "./merge";
import { LogRow, WorkloadLogs, WorkloadLogsView } from "./workload-logs";

// Server-rendered with the real messages (a missing key fails): the toolbar,
// a row with its pod colour and marked matches, the markers, the empty states.

const never = () => new Promise<never>(() => undefined);

describe("workload logs", () => {
  it.each([
    ["en", { common, logs }, ["Follow", "Previous containers", "Lines per container", "Last 5 minutes", "Wrap lines", "Only matching lines", "Connecting…"]],
    ["zh-CN", { common: zhCommon, logs: zhLogs }, ["实时跟踪", "上一个容器", "每个容器的行数", "最近 5 分钟", "自动换行", "只显示匹配的行", "连接中…"]],
  ])("offer follow, previous, since, tail, search, wrap and download (%s)", (locale, messages, texts) => {
    const html = renderView(<WorkloadLogsView cluster="member-1" kind="deployments" ns="shop" name="web" open={never} />, { messages, locale });
    for (const text of texts) expect(html).toContain(text);
    expect(html).toContain('data-testid="workload-logs-output"');
    expect(html).toContain('role="log"');
    expect(html).toContain('type="search"');
  });

  it("say so when a workload has no selector", () => {
    const html = renderView(<WorkloadLogs cluster="member-1" kind="deployments" workload={{ metadata: { name: "odd", namespace: "shop" }, spec: {} }} />, { messages: { common, logs } });
    expect(html).toContain("This workload has no pod selector.");
  });

  it("draw a row with its pod in colour and the matches marked", () => {
    const line = { key: 1, seq: 1, kind: "line" as const, pod: "web-1", container: "app", ts: "2026-12-07T04:22:22.5Z", text: "GET /cart 200 get" };
    const html = renderView(<LogRow line={line} prefix={{ timestamps: true, containers: true }} colour="#38bdf8" marker="" search={search("get")} current={false} />, { messages: { common, logs } });
    expect(html).toContain('data-pod="web-1"');
    expect(html).toContain("color:#38bdf8");
    expect(html).toContain("web-1/app");
    expect(html).toContain("2026-12-07T04:22:22.5Z");
    expect(html.match(/<mark[^>]*>/g)).toHaveLength(2);
    expect(html).toMatch(/<mark[^>]*>GET<\/mark> \/cart 200 <mark[^>]*>get<\/mark>/);
  });

  it("draw a pod's joined and left markers", () => {
    const left = { key: 1, seq: 2, kind: "left" as const, pod: "web-2", container: "", ts: "", text: "" };
    const html = renderView(<LogRow line={left} prefix={{ timestamps: false, containers: false }} colour="#f472b6" marker="pod web-2 left" current={false} />, { messages: { common, logs } });
    expect(html).toContain('data-event="left"');
    expect(html).toContain("pod web-2 left");
  });

  it("render only the rows in view of many", () => {
    const html = renderView(
      <LogRows count={20_000} columns={() => 40} row={(i) => `row ${i}`} rowKey={(i) => i} wrap={false} stick={false} onStick={() => undefined} label="Logs of web" />,
      { messages: { common, logs } },
    );
    expect(html).toContain('data-rows="20000"');
    expect((html.match(/data-testid="log-row"/g) ?? []).length).toBeLessThan(50);
    expect(html).toContain("height:400024px");
  });

  it("are a tab of deployments, statefulsets, daemonsets and jobs, for those who may read pods' logs", () => {
    for (const k of [deployments, statefulsets, daemonsets, jobs]) {
      expect(k.tabs?.find((t) => t.key === "logs")?.requires, k.slug).toEqual({ verb: "get", resource: "core/pods/log" });
    }
  });
});
