import { afterEach, describe, expect, it } from "vitest";
import { ApiClientError, buildRequest, causeFields, jsonOf, responseError, setCsrfToken, statusError } from "./api";

const json = (status: number, body: unknown, statusText = "") => new Response(JSON.stringify(body), { status, statusText, headers: { "content-type": "application/json" } });

describe("responseError", () => {
  it("keeps a Kubernetes Status: message verbatim, reason as code, causes by field", async () => {
    const e = await responseError(
      json(422, {
        kind: "Status",
        apiVersion: "v1",
        status: "Failure",
        message: 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
        reason: "Invalid",
        details: {
          causes: [
            { reason: "FieldValueInvalid", message: "Invalid value: -1: must be greater than or equal to 0", field: "spec.replicas" },
            { reason: "FieldValueRequired", message: "Required value", field: "spec.template.spec.containers[0].image" },
            { reason: "FieldValueInvalid", message: "second complaint", field: "spec.replicas" },
            { reason: "FieldValueForbidden", message: "no field here" },
          ],
        },
        code: 422,
      }),
    );
    expect(e).toBeInstanceOf(ApiClientError);
    expect(e.status).toBe(422);
    expect(e.message).toBe('Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(e.code).toBe("Invalid");
    expect(e.fields).toEqual({
      "spec.replicas": "Invalid value: -1: must be greater than or equal to 0; second complaint",
      "spec.template.spec.containers[0].image": "Required value",
    });
    expect(e.causes).toHaveLength(4);
    expect(e.causes[3]).toEqual({ reason: "FieldValueForbidden", message: "no field here" });
  });

  it("keeps the console API's error with its fields and code", async () => {
    const e = await responseError(json(422, { error: { code: "validation_failed", message: "Some fields are not valid.", fields: { name: "Enter a tenant name." } } }));
    expect([e.status, e.message, e.code, e.fields, e.causes]).toEqual([422, "Some fields are not valid.", "validation_failed", { name: "Enter a tenant name." }, []]);
  });

  it("takes the answer's HTTP status over the Status code, and the reason when there is no message", async () => {
    const e = await responseError(json(409, { kind: "Status", status: "Failure", reason: "Conflict", code: 0 }));
    expect([e.status, e.message, e.code]).toEqual([409, "Conflict", "Conflict"]);
  });

  it("falls back to the HTTP status for bodies that are neither", async () => {
    expect((await responseError(new Response("<html>bad gateway</html>", { status: 502, statusText: "Bad Gateway" }))).message).toBe("502 Bad Gateway");
    expect((await responseError(json(500, { something: "else" }, "Internal Server Error"))).message).toBe("500 Internal Server Error");
    expect((await responseError(json(500, null))).status).toBe(500);
  });
});

describe("statusError", () => {
  it("reads a watch's ERROR event: 410 Gone from the Status code", () => {
    const e = statusError({ kind: "Status", status: "Failure", message: "too old resource version: 1 (2)", reason: "Expired", code: 410 });
    expect([e.status, e.message, e.code]).toEqual([410, "too old resource version: 1 (2)", "Expired"]);
  });
});

describe("causeFields", () => {
  it("names a cause by its reason when it has no message", () => {
    expect(causeFields([{ field: "metadata.name", reason: "FieldValueRequired" }])).toEqual({ "metadata.name": "FieldValueRequired" });
  });
});

describe("buildRequest", () => {
  afterEach(() => setCsrfToken(undefined));

  it("sends the session's CSRF token on writes, never on reads", () => {
    setCsrfToken("tok-1");
    const [, get] = buildRequest("/api/tenants");
    expect(get.headers).toEqual({ accept: "application/json" });
    const [path, post] = buildRequest("/api/tenants", { method: "POST", body: { name: "acme" } });
    expect(path).toBe("/api/tenants");
    expect(post).toMatchObject({ method: "POST", body: '{"name":"acme"}', credentials: "same-origin" });
    expect(post.headers).toEqual({ accept: "application/json", "content-type": "application/json", "x-csrf-token": "tok-1" });
    expect(buildRequest("/x", { method: "DELETE" })[1].headers).toEqual({ accept: "application/json", "x-csrf-token": "tok-1" });
  });

  it("sends a string body as it is, with its content type", () => {
    const [, init] = buildRequest("/x", { method: "PATCH", body: "kind: Pod\n", contentType: "application/apply-patch+yaml" });
    expect(init.body).toBe("kind: Pod\n");
    expect((init.headers as Record<string, string>)["content-type"]).toBe("application/apply-patch+yaml");
  });
});

describe("jsonOf", () => {
  it("reads JSON, and nothing from 204 or an empty body", async () => {
    expect(await jsonOf(json(200, { a: 1 }))).toEqual({ a: 1 });
    expect(await jsonOf(new Response(null, { status: 204 }))).toBeUndefined();
    expect(await jsonOf(new Response("", { status: 202 }))).toBeUndefined();
  });
});
