import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, type ConsoleProcess, type Session, signIn, startConsole } from "../../test/support/console";
import { kubectl, uniqueName } from "../../test/support/fleet";

// Security headers on everything Next.js answers (next.config.ts): pages, API
// answers (also refusals), 404s and static assets. The browser side — that the
// policy really lets the console work — is e2e/csp.spec.ts.

const namespace = uniqueName("ph-headers");
let con: ConsoleProcess;
let session: Session;

beforeAll(async () => {
  con = await startConsole({ namespace });
  session = await signIn(con.url, "admin", ADMIN_PASSWORD);
}, 180_000);

afterAll(async () => {
  await con?.stop();
  await kubectl("host", ["delete", "namespace", namespace, "--wait=false"]).catch(() => undefined);
});

/** The CSP's directives by name. */
function directives(csp: string | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of (csp ?? "").split(";")) {
    const [name, ...values] = d.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}

function expectSecurityHeaders(res: Response, what: string) {
  const h = res.headers;
  const csp = directives(h.get("content-security-policy"));
  expect(csp.get("frame-ancestors"), `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(csp.get("default-src"), what).toEqual(["'self'"]);
  expect(csp.get("object-src"), what).toEqual(["'none'"]);
  expect(csp.get("base-uri"), what).toEqual(["'self'"]);
  expect(csp.get("form-action"), what).toEqual(["'self'"]);
  expect(csp.get("connect-src"), what).toEqual(["'self'"]);
  // A production build: no eval, no scripts from anywhere but the console.
  expect(csp.get("script-src"), what).toEqual(["'self'", "'unsafe-inline'"]);
  expect(h.get("x-content-type-options"), what).toBe("nosniff");
  expect(h.get("x-frame-options"), what).toBe("DENY");
  expect(h.get("referrer-policy"), what).toBe("same-origin");
  expect(h.get("cross-origin-opener-policy"), what).toBe("same-origin");
  const pp = h.get("permissions-policy") ?? "";
  for (const feature of ["camera", "microphone", "geolocation"]) expect(pp, what).toContain(`${feature}=()`);
}

describe("security headers", () => {
  it("on a page", async () => {
    const res = await fetch(`${con.url}/sign-in`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expectSecurityHeaders(res, "/sign-in");
  });

  it("on a signed-in page", async () => {
    const res = await session.fetch("/");
    expect(res.status).toBe(200);
    expectSecurityHeaders(res, "/ (signed in)");
  });

  it("on API answers, with and without a session, and on a refusal", async () => {
    const health = await fetch(`${con.url}/api/healthz`);
    expect(health.status).toBe(200);
    expectSecurityHeaders(health, "/api/healthz");
    const live = await fetch(`${con.url}/api/livez`);
    expect(live.status).toBe(200);
    expectSecurityHeaders(live, "/api/livez");
    const me = await session.fetch("/api/session");
    expect(me.status).toBe(200);
    expectSecurityHeaders(me, "/api/session");
    const anonymous = await fetch(`${con.url}/api/session`);
    expect(anonymous.status).toBe(401);
    expectSecurityHeaders(anonymous, "/api/session (401)");
  });

  it("on a 404, a page and an API path alike", async () => {
    for (const p of ["/no-such-page", "/api/no-such-route"]) {
      const res = await session.fetch(p);
      expect(res.status, p).toBe(404);
      expectSecurityHeaders(res, `${p} (404)`);
    }
  });

  it("on a static asset the pages load", async () => {
    const html = await (await fetch(`${con.url}/sign-in`)).text();
    const asset = /(\/_next\/static\/[^"']+\.js)/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const res = await fetch(`${con.url}${asset}`);
    expect(res.status).toBe(200);
    expectSecurityHeaders(res, asset!);
  });
});
