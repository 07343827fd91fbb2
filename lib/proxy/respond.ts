import type { ServerResponse } from "node:http";
import { ConnectTimeoutError } from "@/lib/k8s/connection";
import type { Status } from "@/lib/k8s/types";
import { SECURITY_HEADERS } from "./headers";

/** Answers with a Status (the proxy's every refusal); a response already under way is cut instead. */
export function sendStatus(res: ServerResponse, s: Status, extraHeaders: Record<string, string> = {}) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(s);
  res.writeHead(s.code, {
    ...SECURITY_HEADERS,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    ...extraHeaders,
  });
  res.end(body);
}

/** A cluster that cannot be reached now: clients may retry in a few seconds. */
export const RETRY = { "retry-after": "5" } as const;

/** The cluster could not be reached at all (as opposed to failing mid-answer): its health should know. */
export function failedToConnect(err: unknown): boolean {
  return err instanceof ConnectTimeoutError || ["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND"].includes((err as NodeJS.ErrnoException)?.code ?? "");
}
