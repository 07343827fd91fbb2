import { describe, expect, it } from "vitest";
import type { Store } from "@/lib/store/store";
import type { UserResource } from "@/lib/store/types";
import { Authenticator } from "./authenticate";

// Tool tokens (helm's) through the authenticator: the live user behind them, the
// one cluster they are for, and nothing for a user who is gone or disabled.

const users = new Map<string, UserResource>([
  ["carol", { metadata: { name: "carol" }, spec: { username: "carol", provider: "local", groups: ["dev"] } }],
  ["off", { metadata: { name: "off" }, spec: { username: "off", provider: "local", disabled: true } }],
]);
const store = { userByName: (n: string) => users.get(n), token: () => undefined } as unknown as Store;

describe("tool tokens in the authenticator", () => {
  const a = new Authenticator(store, "x".repeat(32));

  it("resolve to the user, marked as a tool bound to one cluster", () => {
    const r = a.authenticateSync({ authorization: `Bearer ${a.toolToken("carol", "member-1", 60_000)}` });
    expect(r).toMatchObject({ ok: true, principal: { name: "carol", username: "carol", groups: ["dev"], via: "token", tool: { cluster: "member-1" } } });
  });

  it("are refused for a disabled or deleted user, and when signed by another console", () => {
    expect(a.authenticateSync({ authorization: `Bearer ${a.toolToken("off", "member-1", 60_000)}` })).toMatchObject({ ok: false, reason: "user is disabled" });
    expect(a.authenticateSync({ authorization: `Bearer ${a.toolToken("gone", "member-1", 60_000)}` })).toMatchObject({ ok: false });
    const other = new Authenticator(store, "y".repeat(32));
    expect(a.authenticateSync({ authorization: `Bearer ${other.toolToken("carol", "member-1", 60_000)}` })).toMatchObject({ ok: false, reason: "invalid token" });
  });
});
