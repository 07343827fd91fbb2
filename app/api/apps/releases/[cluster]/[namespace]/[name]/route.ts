import { withApi } from "@/lib/api/handler";
import { releaseDetail, uninstallRelease, upgradeRelease } from "@/lib/apps/releases";
import { type ReleaseDetail, releaseParamsSchema, upgradeBodySchema } from "@/lib/validations/apps";
import { parseParams } from "@/lib/validations/params";

export const dynamic = "force-dynamic";

const P = ["cluster", "namespace", "name"] as const;

/** A release: status, history, values, notes and the objects it owns. */
export const GET = withApi({ params: P }, async ({ rt, principal, params }): Promise<ReleaseDetail> => {
  const r = parseParams(releaseParamsSchema, params);
  return releaseDetail(rt, principal, r.cluster, r.namespace, r.name);
});

/** Upgrades the release to a chart version with the given values (all of them: earlier values are not kept). */
export const PUT = withApi({ params: P, body: upgradeBodySchema }, async ({ rt, principal, params, body }) => {
  const r = parseParams(releaseParamsSchema, params);
  return upgradeRelease(rt, principal, r.cluster, r.namespace, r.name, body);
});

export const DELETE = withApi({ params: P }, async ({ rt, principal, params }) => {
  const r = parseParams(releaseParamsSchema, params);
  await uninstallRelease(rt, principal, r.cluster, r.namespace, r.name);
  return null;
});
