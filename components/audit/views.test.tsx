import type { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import access from "@/messages/en/access.json";
import common from "@/messages/en/common.json";
import errors from "@/messages/en/errors.json";
import zhAccess from "@/messages/zh-CN/access.json";
import zhCommon from "@/messages/zh-CN/common.json";
import zhErrors from "@/messages/zh-CN/errors.json";
import { ApiClientError } from "@/lib/client/api";
import { type AuditEvent, type AuditPage, type HealthAnswer, auditPagesKey, healthKey } from "./audit-api";
import type { AuditFilters } from "./audit-model";
import { type AuditList, AuditTrail, AuditTrailView } from "./audit-trail";
import { AuditDetails, AuditFailing, AuditOff, AuditTable } from "./audit-views";
import { renderView } from "../../test/support/render";

const ADDRESS = "user=maya&result=refused";

vi.mock("next/navigation", () => ({
  usePathname: () => "/access/audit",
  useSearchParams: () => new URLSearchParams(ADDRESS),
  useRouter: () => ({ push: () => undefined, replace: () => undefined, refresh: () => undefined }),
}));

// Server-renders the audit page's views with fixtures and the real messages of
// both languages: every text resolves, and the hooks the browser tests use are there.

const EN = { access, common, errors };
const ZH = { access: zhAccess, common: zhCommon, errors: zhErrors };
const NOW = new Date("2026-12-07T10:05:00Z");

function render(node: React.ReactNode, messages: Record<string, unknown> = EN, seed?: (qc: QueryClient) => void) {
  return renderView(node, { messages, locale: messages === ZH ? "zh-CN" : "en", seed, now: NOW, user: { name: "maya", username: "maya" } });
}

/** The opening tag of the element with this data-testid. */
function tag(html: string, testId: string): string {
  const m = new RegExp(`<[a-z]+[^>]*data-testid="${testId}"[^>]*>`).exec(html);
  expect(m, testId).toBeTruthy();
  return m![0];
}

const event = (e: Partial<AuditEvent> & Pick<AuditEvent, "id" | "result">): AuditEvent => ({
  time: "2026-12-07T10:00:00Z",
  requestId: `req-${e.id}`,
  event: "request",
  user: "maya",
  groups: [],
  via: "session",
  source: "10.0.0.7",
  tenant: "acme",
  cluster: "member-1",
  namespace: "acme-dev",
  verb: "update",
  apiGroup: "apps",
  resource: "deployments",
  name: "checkout",
  status: 200,
  reason: null,
  details: null,
  ...e,
});

const allowed = event({ id: "41", result: "allowed", groups: ["developers", "acme"] });
const refused = event({
  id: "40",
  result: "refused",
  time: "2026-12-07T09:05:00Z",
  user: "omar",
  via: "token",
  verb: "delete",
  apiGroup: null,
  resource: "secrets",
  name: "db-credentials",
  namespace: "acme-prod",
  status: 403,
  reason: "omar may not delete secrets in acme-prod",
  details: { tokenId: "t-1234", path: "/clusters/member-1/api/v1/namespaces/acme-prod/secrets/db-credentials" },
});
const failed = event({ id: "39", result: "failed", time: "2026-12-06T10:00:00Z", tenant: null, cluster: null, namespace: null, verb: "create", apiGroup: null, resource: "/api/tenants", name: "acme", status: 500, via: null });
const EVENTS = [allowed, refused, failed];

const list = (l: Partial<AuditList> = {}): AuditList => ({
  status: "success",
  events: EVENTS,
  hasMore: false,
  loadingMore: false,
  stale: false,
  loadMore: () => undefined,
  retry: () => undefined,
  ...l,
});

const view = (l: Partial<AuditList> = {}, { filters = {}, health, messages = EN }: { filters?: AuditFilters; health?: HealthAnswer; messages?: Record<string, unknown> } = {}) =>
  render(<AuditTrailView filters={filters} onApply={() => undefined} list={list(l)} health={health} />, messages);

describe("the audit table", () => {
  it("shows each event: age, user and how, where, verb, resource, object and result", () => {
    for (const m of [EN, ZH]) {
      const html = render(<AuditTable events={EVENTS} />, m);
      expect(tag(html, "audit-row-41")).toContain('data-result="allowed"');
      expect(tag(html, "audit-row-40")).toContain('data-result="refused"');
      expect(tag(html, "audit-row-39")).toContain('data-result="failed"');
      expect(html).toContain("acme · member-1/acme-dev");
      expect(html).toContain(">db-credentials<");
      expect(html).toContain(">/api/tenants<");
      expect(html).toContain(">apps<");
      // The exact time on hover.
      expect(html).toContain('dateTime="2026-12-07T09:05:00Z"');
      expect(html).toContain("omar may not delete secrets in acme-prod");
      expect(html).toContain('aria-expanded="false"');
      expect(html).not.toContain('data-testid="audit-details-41"');
    }
    const en = render(<AuditTable events={EVENTS} />);
    expect(en).toMatch(/>Allowed<[\s\S]*>Refused<[\s\S]*>Failed</);
    expect(en).toContain(">5m<");
    expect(en).toContain(">with a token<");
    expect(en).toContain(">signed in<");
    expect(render(<AuditTable events={[{ ...allowed, via: "kubectl" }, { ...refused, via: "sso" }]} />)).toMatch(/>with kubectl<[\s\S]*>via sso</);
    expect(en).toContain("Show the details of event 40");
    const zh = render(<AuditTable events={EVENTS} />, ZH);
    expect(zh).toMatch(/>允许<[\s\S]*>拒绝<[\s\S]*>失败</);
    expect(zh).toContain(">使用令牌<");
    expect(zh).toContain("1小时前");
  });

  it("colours results green, red and amber, and gives the reason of refused rows only", () => {
    const html = render(<AuditTable events={[allowed, refused, failed, { ...allowed, id: "38", reason: "nothing to explain" }]} />);
    const row = (id: string) => html.slice(html.indexOf(`data-testid="audit-row-${id}"`), html.indexOf("</tr>", html.indexOf(`data-testid="audit-row-${id}"`)));
    expect(row("41")).toContain("bg-emerald-100");
    expect(row("40")).toContain("bg-red-100");
    expect(row("39")).toContain("bg-amber-100");
    expect(row("38")).not.toContain("nothing to explain");
  });

  it("opens a row to its groups, source address, request id and details", () => {
    for (const m of [EN, ZH]) {
      const html = render(<AuditDetails event={refused} />, m);
      expect(html).toContain(">10.0.0.7<");
      expect(html).toContain(">req-40<");
      expect(html).toContain("&quot;tokenId&quot;: &quot;t-1234&quot;");
      const groups = render(<AuditDetails event={allowed} />, m);
      expect(groups).toMatch(/>developers<[\s\S]*>acme</);
      expect(groups).not.toContain("tokenId");
    }
    expect(render(<AuditDetails event={refused} />)).toContain(">Source address<");
    expect(render(<AuditDetails event={refused} />, ZH)).toContain(">来源地址<");
  });
});

describe("the audit page", () => {
  it("takes its filters from the address, fetches in the browser and exports the same query", () => {
    const page: AuditPage = { items: [refused], next: "MjAyNi0xMi0wN1QwOTowNTowMC4wMDBafDQw" };
    for (const m of [EN, ZH]) {
      const html = render(<AuditTrail />, m, (qc) => {
        qc.setQueryData(auditPagesKey({ user: "maya", result: "refused" }), { pages: [page], pageParams: [undefined] });
        qc.setQueryData(healthKey, { status: "ok", audit: { ready: true, failing: false, queued: 0, dropped: 0 } } satisfies HealthAnswer);
      });
      expect(tag(html, "audit-filters")).toContain('role="search"');
      expect(html).toContain('value="maya"');
      expect(html).toMatch(/<option value="refused" selected="">/);
      expect(tag(html, "audit-row-40")).toContain('data-result="refused"');
      expect(tag(html, "audit-export-csv")).toContain('href="/api/audit?user=maya&amp;result=refused&amp;format=csv"');
      expect(tag(html, "audit-export-jsonl")).toContain('href="/api/audit?user=maya&amp;result=refused&amp;format=jsonl"');
      expect(tag(html, "audit-export-csv")).toContain("download");
      expect(html).toContain('data-testid="audit-load-more"');
      expect(html).not.toContain('data-testid="audit-failing"');
    }
  });

  it("labels every filter by its visible name", () => {
    const html = view();
    for (const label of ["User", "Tenant", "Cluster", "Namespace", "Verb", "Resource", "Result", "Since", "Until", "Object name"]) {
      const m = new RegExp(`<label for="([^"]+)"[^>]*>${label}</label>`).exec(html);
      expect(m, label).toBeTruthy();
      expect(html).toContain(`id="${m![1]}"`);
    }
    expect(html).toContain('type="datetime-local"');
    const zh = view({}, { messages: ZH });
    for (const label of ["用户", "租户", "集群", "命名空间", "操作", "资源", "结果", "开始时间", "结束时间", "对象名称"]) expect(zh).toContain(`>${label}</label>`);
  });

  it("shows since and until in the console's time zone", () => {
    const html = view({}, { filters: { since: "2026-12-07T08:00:00Z", until: "2026-12-07T09:30:00Z" } });
    expect(html).toContain('value="2026-12-07T08:00"');
    expect(html).toContain('value="2026-12-07T09:30"');
    expect(html).toContain("Times are in UTC.");
  });

  it("offers the next page until it holds the cap, then asks for narrower filters", () => {
    expect(view({ hasMore: true })).toContain("3 events shown · more are older");
    expect(tag(view({ hasMore: true, loadingMore: true }), "audit-load-more")).toContain("disabled");
    expect(view({ hasMore: false })).not.toContain("audit-load-more");
    expect(view({}, { messages: ZH })).toContain("已显示 3 个事件");
    const many = Array.from({ length: 2_000 }, (_, i) => event({ id: String(10_000 - i), result: "allowed" }));
    const capped = view({ events: many, hasMore: true });
    expect(capped).not.toContain("audit-load-more");
    expect(capped).toContain('data-testid="audit-capped"');
    expect(capped).toContain("newest 2,000 events");
  });

  it("says when nothing matches, and when nothing is recorded yet", () => {
    for (const m of [EN, ZH]) expect(view({ events: [] }, { messages: m })).toContain('data-testid="audit-empty"');
    expect(view({ events: [] })).toContain("Nothing has been recorded that you may see yet.");
    expect(view({ events: [] }, { filters: { user: "nobody" } })).toContain("No event matches these filters.");
    expect(view({ events: [] }, { messages: ZH })).toContain("没有审计事件");
  });

  it("puts the API's word on a bad filter under that filter", () => {
    const bad = new ApiClientError(422, "The query is not valid.", { since: "since is after until." }, "validation_failed");
    const html = view({ status: "error", events: [], error: bad }, { filters: { since: "2026-12-08T00:00:00Z", until: "2026-12-07T00:00:00Z" } });
    expect(html).toContain("since is after until.");
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('data-testid="error-state"');
  });

  it("says the trail is off and how to turn it on, instead of an error", () => {
    const off = new ApiClientError(503, "The audit trail is off: the console has no database. Set PILOTHOUSE_DATABASE_URL to a PostgreSQL URL and restart it.", {}, "unavailable");
    for (const m of [EN, ZH]) {
      const html = view({ status: "error", events: [], error: off }, { messages: m });
      expect(html).toContain('data-testid="audit-off"');
      expect(html).toContain("<code");
      expect(html).toContain("PILOTHOUSE_DATABASE_URL");
      expect(html).toContain("make demo");
      expect(html).not.toContain("audit-filters");
      expect(html).not.toContain("error-state");
      expect(html).not.toContain("audit-export-csv");
    }
    expect(render(<AuditOff />)).toContain("The audit trail is off");
    expect(render(<AuditOff />, ZH)).toContain("审计记录未开启");
    // Another 503 is an error, with a retry.
    const down = new ApiClientError(503, "The host cluster answered: connection refused", {}, "unavailable");
    const html = view({ status: "error", events: [], error: down }, { health: { status: "ok", audit: { ready: true, failing: false } } });
    expect(html).toContain('data-testid="error-state"');
    expect(html).not.toContain("audit-off");
  });

  it("warns, above the events, when the database does not take rows", () => {
    const health: HealthAnswer = { status: "ok", audit: { ready: true, failing: true, queued: 1200, dropped: 3, lastError: "connect ECONNREFUSED 10.0.0.9:5432" } };
    const en = view({}, { health });
    expect(en).toContain('data-testid="audit-failing"');
    expect(en).toContain("The audit database is not taking rows: 1,200 waiting, 3 dropped");
    expect(en).toContain("Last error: connect ECONNREFUSED 10.0.0.9:5432");
    expect(en.indexOf("audit-failing")).toBeLessThan(en.indexOf("audit-row-41"));
    const zh = render(<AuditFailing audit={health.audit!} />, ZH);
    expect(zh).toContain("审计数据库未能写入记录：1,200 条等待中，3 条已丢弃");
    expect(zh).toContain("最近一次错误：connect ECONNREFUSED 10.0.0.9:5432");
    expect(view({}, { health: { status: "ok", audit: { ready: true, failing: false, queued: 0, dropped: 0 } } })).not.toContain("audit-failing");
  });
});
