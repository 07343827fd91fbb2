import { describe, expect, it } from "vitest";
import { K8sError } from "@/lib/k8s/api";
import { ConnectTimeoutError } from "@/lib/k8s/connection";
import type { Status } from "@/lib/k8s/types";
import { ApiError } from "./errors";
import { errorResponse } from "./handler";

async function answer(e: unknown) {
  const res = errorResponse(e);
  return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
}

describe("errorResponse", () => {
  it("keeps typed API errors as they are", async () => {
    const r = await answer(new ApiError("validation_failed", "bad name", { name: "bad name" }));
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("validation_failed");
  });

  it("answers 503 with the reason when a cluster cannot be reached, not 500", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:20100"), { code: "ECONNREFUSED" });
    const r = await answer(refused);
    expect(r.status).toBe(503);
    expect(r.body.error.message).toMatch(/unreachable: connection refused \(127\.0\.0\.1:20100\)/);
    expect((await answer(new ConnectTimeoutError("host-store", 3000))).status).toBe(503);
    expect((await answer(new Error("cluster host-store did not answer within 15000 ms"))).status).toBe(503);
  });

  it("maps the host cluster's Status codes", async () => {
    const status = (code: number): Status => ({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: `m${code}`, reason: "", code });
    expect((await answer(new K8sError(status(404), "host"))).status).toBe(404);
    expect((await answer(new K8sError(status(409), "host"))).status).toBe(409);
    expect((await answer(new K8sError(status(503), "host"))).status).toBe(503);
  });

  it("hides anything else behind a 500 without details", async () => {
    const r = await answer(new TypeError("x is undefined"));
    expect(r.status).toBe(500);
    expect(r.body.error.message).not.toContain("undefined");
  });
});
