import { describe, expect, it } from "vitest";
import { ApiClientError } from "@/lib/client/api";
import { routeErrors } from "@/components/ui/form-errors";
import { AUTH_FIELDS, prometheusAuthBody, prometheusAuthErrors, prometheusAuthForm, prometheusAuthTarget } from "./cluster-form-model";

describe("Prometheus credentials in the cluster form", () => {
  it("leaves prometheusAuth out while nothing changes, so stored credentials stay", () => {
    for (const current of ["none", "bearer", "basic"] as const) {
      const form = prometheusAuthForm(current);
      expect(prometheusAuthBody(form)).toBeUndefined();
      expect(prometheusAuthErrors(form)).toEqual({});
    }
  });

  it("sends new credentials, trimmed (passwords as typed)", () => {
    expect(prometheusAuthBody({ ...prometheusAuthForm("none"), type: "bearer", token: " abc " })).toEqual({ type: "bearer", token: "abc" });
    expect(prometheusAuthBody({ ...prometheusAuthForm("bearer"), token: "new" })).toEqual({ type: "bearer", token: "new" });
    expect(prometheusAuthBody({ ...prometheusAuthForm("bearer"), type: "basic", username: " ops ", password: " p w " })).toEqual({
      type: "basic",
      username: "ops",
      password: " p w ",
    });
  });

  it("removes stored credentials when switched to none", () => {
    expect(prometheusAuthBody({ ...prometheusAuthForm("basic"), type: "none" })).toEqual({ type: "none" });
  });

  it("asks for what a new type needs", () => {
    expect(prometheusAuthErrors({ ...prometheusAuthForm("none"), type: "bearer" })).toEqual({ [AUTH_FIELDS.token]: "validation.tokenRequired" });
    expect(prometheusAuthErrors({ ...prometheusAuthForm("none"), type: "bearer", token: "a b" })).toEqual({ [AUTH_FIELDS.token]: "validation.tokenChars" });
    expect(prometheusAuthErrors({ ...prometheusAuthForm("bearer"), type: "basic" })).toEqual({
      [AUTH_FIELDS.username]: "validation.usernameRequired",
      [AUTH_FIELDS.password]: "validation.passwordRequired",
    });
    // Changing one half of stored basic credentials needs the other half too.
    expect(prometheusAuthErrors({ ...prometheusAuthForm("basic"), username: "a:b" })).toEqual({
      [AUTH_FIELDS.username]: "validation.usernameColon",
      [AUTH_FIELDS.password]: "validation.passwordRequired",
    });
  });

  it("puts the server's field errors on the credential inputs", () => {
    const err = new ApiClientError(422, "Some fields are not valid.", { "prometheusAuth.token": "Enter a bearer token.", prometheusAuth: "Choose none, bearer or basic." });
    expect(routeErrors(err, prometheusAuthTarget)).toEqual({
      [AUTH_FIELDS.token]: "Enter a bearer token.",
      [AUTH_FIELDS.type]: "Choose none, bearer or basic.",
    });
    expect(prometheusAuthTarget("displayName")).toBeUndefined();
  });
});
