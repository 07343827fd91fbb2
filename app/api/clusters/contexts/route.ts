import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { KubeconfigError, listContexts } from "@/lib/k8s/kubeconfig";
import { type KubeconfigContexts, listContextsBodySchema } from "@/lib/validations/cluster";

export const dynamic = "force-dynamic";

/** The contexts of a pasted kubeconfig, for the "choose a context" step. Saves nothing. */
export const POST = withApi({ action: { area: "console/clusters", verb: "create" }, body: listContextsBodySchema, readOnly: true }, async ({ body }): Promise<KubeconfigContexts> => {
  try {
    return listContexts(body.kubeconfig);
  } catch (e) {
    if (e instanceof KubeconfigError) throw new ApiError("validation_failed", e.message, { [e.field]: e.message });
    throw e;
  }
});
