import { withApi } from "@/lib/api/handler";
import { installRelease, listReleases } from "@/lib/apps/releases";
import { type ReleasesAnswer, installBodySchema, releasesQuerySchema } from "@/lib/validations/apps";

export const dynamic = "force-dynamic";

/** The Helm releases of a project on a cluster, as helm lists them for the caller. */
export const GET = withApi({ query: releasesQuerySchema }, async ({ rt, principal, query }): Promise<ReleasesAnswer> => ({
  items: await listReleases(rt, principal, query.cluster, query.namespace),
}));

/** Installs a chart from the catalog into a project, as the caller; answers once helm is done waiting. */
export const POST = withApi({ body: installBodySchema }, async ({ rt, principal, body }) => Response.json(await installRelease(rt, principal, body), { status: 201 }));
