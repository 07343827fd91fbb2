import type { Status } from "@/lib/k8s/types";

/** A Kubernetes Status failure, the answer the proxy gives whenever it refuses. */
export function status(code: number, reason: string, message: string, details?: Status["details"]): Status {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, details, code };
}
