import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_PASSWORD,
  type ConsoleProcess,
  Session,
  adminToken,
  fleetKubeconfigText,
  signIn,
  startConsole,
} from "../../test/support/console";
import { eventually, kubectl, uniqueName } from "../../test/support/fleet";

// Console processes keep no state of their own: two of them on one host
// cluster see each other's writes through watches, within a second.

let a: ConsoleProcess;
let b: ConsoleProcess;
let token: string;
const namespace = uniqueName("ph-shared");

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

beforeAll(async () => {
  [a, b] = await Promise.all([startConsole({ namespace }), startConsole({ namespace })]);
  token = await adminToken(a);
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await kubectl("host", ["delete", "namespace", namespace, "--wait=false"]).catch(() => undefined);
});

describe("two console processes on one host cluster", () => {
  it("share the registered host cluster and the bootstrap admin", async () => {
    const res = await fetch(`${b.url}/api/clusters`, { headers: bearer(token) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { name: string }[] };
    expect(body.items.map((c) => c.name)).toContain("host");
  });

  it("make a cluster added through one usable through the other within a second", async () => {
    const res = await fetch(`${a.url}/api/clusters`, {
      method: "POST",
      headers: { ...bearer(token), "content-type": "application/json" },
      body: JSON.stringify({ source: "kubeconfig", name: "member-1", displayName: "Member one", labels: { env: "dev" }, kubeconfig: fleetKubeconfigText("member-1") }),
    });
    expect(res.status).toBe(201);
    const added = Date.now();
    await eventually(async () => (await fetch(`${b.url}/clusters/member-1/api/v1/namespaces/default`, { headers: bearer(token) })).status === 200, {
      timeoutMs: 3_000,
      intervalMs: 20,
      what: "member-1 through console B",
    });
    expect(Date.now() - added).toBeLessThan(1_000);
    const view = (await (await fetch(`${b.url}/api/clusters/member-1`, { headers: bearer(token) })).json()) as {
      displayName: string;
      labels: Record<string, string>;
    };
    expect(view).toMatchObject({ displayName: "Member one", labels: { env: "dev" } });
  });

  it("store the credentials in a Secret owned by the Cluster, never in its spec", async () => {
    const cr = JSON.parse((await kubectl("host", ["get", "clusters.pilothouse.dev", "member-1", "-n", namespace, "-o", "json"])).stdout);
    expect(JSON.stringify(cr.spec)).not.toMatch(/BEGIN|token|key/i);
    const secret = JSON.parse((await kubectl("host", ["get", "secret", cr.spec.credentialsSecret, "-n", namespace, "-o", "json"])).stdout);
    expect(secret.metadata.ownerReferences[0]).toMatchObject({ kind: "Cluster", name: "member-1", uid: cr.metadata.uid });
    expect(Object.keys(secret.data)).toEqual(expect.arrayContaining(["server", "ca.crt", "tls.crt", "tls.key"]));
    // And the API never returns them.
    const list = await (await fetch(`${a.url}/api/clusters`, { headers: bearer(token) })).text();
    expect(list).not.toMatch(/BEGIN|tls\.key|ca\.crt/);
  });

  it("refuse a duplicate registration of the same cluster under another name, saving nothing", async () => {
    const res = await fetch(`${b.url}/api/clusters`, {
      method: "POST",
      headers: { ...bearer(token), "content-type": "application/json" },
      body: JSON.stringify({ source: "kubeconfig", name: "again", kubeconfig: fleetKubeconfigText("member-1") }),
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { fields: Record<string, string> } };
    expect(body.error.fields.kubeconfig).toMatch(/same cluster as "member-1"/);
    const crs = await kubectl("host", ["get", "clusters.pilothouse.dev", "-n", namespace, "-o", "name"]);
    expect(crs.stdout).not.toMatch(/again/);
  });

  it("remove a cluster through one and stop proxying it on the other", async () => {
    const del = await fetch(`${b.url}/api/clusters/member-1`, { method: "DELETE", headers: bearer(token) });
    expect(del.status).toBe(204);
    await eventually(async () => (await fetch(`${a.url}/clusters/member-1/api/v1/namespaces/default`, { headers: bearer(token) })).status === 404, {
      timeoutMs: 2_000,
      intervalMs: 20,
      what: "member-1 gone on console A",
    });
    await eventually(async () => (await kubectl("host", ["get", "secret", "-n", namespace, "-l", "pilothouse.dev/cluster=member-1", "-o", "name"])).stdout.trim() === "", {
      timeoutMs: 10_000,
      what: "credentials Secret deleted",
    });
  });

  it("revoke a token on every process at once", async () => {
    const s = await signIn(a.url, "admin", ADMIN_PASSWORD);
    const created = (await (await s.fetch("/api/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "short-lived" }) })).json()) as {
      id: string;
      token: string;
    };
    expect((await fetch(`${b.url}/api/session`, { headers: bearer(created.token) })).status).toBe(200);
    expect((await s.fetch(`/api/tokens/${created.id}`, { method: "DELETE" })).status).toBe(204);
    await eventually(async () => (await fetch(`${b.url}/api/session`, { headers: bearer(created.token) })).status === 401, {
      timeoutMs: 1_000,
      intervalMs: 20,
      what: "revoked token refused by B",
    });
  });
});

describe("sign-in", () => {
  const username = uniqueName("dora");
  const password = "correct horse battery staple";

  beforeAll(async () => {
    await kubectl("host", ["apply", "-f", "-"], {
      input: JSON.stringify({
        apiVersion: "pilothouse.dev/v1alpha1",
        kind: "User",
        metadata: { name: username, namespace },
        spec: { username, provider: "local", passwordHash: await hash(password) },
      }),
    });
    await eventually(async () => {
      try {
        await signIn(a.url, username, password);
        return true;
      } catch {
        return false;
      }
    }, { timeoutMs: 5_000, what: "new user can sign in" });
  });

  it("refuses a wrong password, then locks the name for this client after five failures", async () => {
    const victim = uniqueName("locked");
    for (let i = 0; i < 5; i++) {
      await expect(signIn(a.url, victim, "nope")).rejects.toThrow(/sign-in .* failed/);
    }
    const s = new Session(a.url);
    const csrf = (await (await s.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await s.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, username: victim, password: "nope", json: "true" }).toString(),
    });
    expect(res.headers.get("location") ?? (await res.text())).toMatch(/error=locked%3A\d+|error=locked:\d+/);
  });

  it("cuts a disabled user off at once, on every process, and refuses new sign-ins", async () => {
    const s = await signIn(a.url, username, password);
    const onB = new Session(b.url);
    onB.cookies = s.cookies;
    expect((await s.fetch("/api/session")).status).toBe(200);
    expect((await onB.fetch("/api/session")).status).toBe(200);
    await kubectl("host", ["patch", "users.pilothouse.dev", username, "-n", namespace, "--type=merge", "-p", '{"spec":{"disabled":true}}']);
    const t0 = Date.now();
    await eventually(async () => (await s.fetch("/api/session")).status === 401 && (await onB.fetch("/api/session")).status === 401, {
      timeoutMs: 2_000,
      intervalMs: 20,
      what: "disabled user refused",
    });
    expect(Date.now() - t0).toBeLessThan(1_000);
    await expect(signIn(a.url, username, password)).rejects.toThrow(/failed/);
  });

  it("keeps sessions in HttpOnly SameSite cookies and ends them on sign-out", async () => {
    const s = new Session(a.url);
    const csrf = (await (await s.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await s.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, username: "admin", password: ADMIN_PASSWORD, json: "true" }).toString(),
    });
    const cookie = res.headers.getSetCookie().find((c) => c.includes("session-token"));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const signedIn = await s.fetch("/api/session");
    expect(signedIn.status).toBe(200);
    const csrf2 = (await (await s.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    await s.fetch("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf2.csrfToken, json: "true" }).toString(),
    });
    expect((await s.fetch("/api/session")).status).toBe(401);
  });

  it("rejects cookie-authenticated writes without the CSRF token", async () => {
    const s = await signIn(a.url, "admin", ADMIN_PASSWORD);
    const forged = await fetch(`${a.url}/api/tokens`, {
      method: "POST",
      headers: { cookie: s.header(), "content-type": "application/json" },
      body: JSON.stringify({ name: "csrf" }),
    });
    expect(forged.status).toBe(403);
    const proxied = await fetch(`${a.url}/clusters/host/api/v1/namespaces/default/configmaps`, {
      method: "POST",
      headers: { cookie: s.header(), "content-type": "application/json" },
      body: JSON.stringify({ metadata: { name: "csrf" }, data: {} }),
    });
    expect(proxied.status).toBe(403);
    expect(((await proxied.json()) as { message: string }).message).toMatch(/CSRF/);
  });
});
