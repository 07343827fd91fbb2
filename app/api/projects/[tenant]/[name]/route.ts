import { withApi } from "@/lib/api/handler";
import { changeProject, deleteProject, getProject } from "@/lib/tenancy/projects";
import { type ClusterResult, type ProjectChange, updateProjectBodySchema } from "@/lib/validations/tenancy";

export const dynamic = "force-dynamic";

export const GET = withApi({ params: ["tenant", "name"] }, async ({ rt, principal, params }) => getProject(rt, principal, params.tenant, params.name));

export const PATCH = withApi({ params: ["tenant", "name"], body: updateProjectBodySchema }, async ({ rt, principal, params, body }): Promise<ProjectChange> =>
  changeProject(rt, principal, params.tenant, params.name, body),
);

/** Starts deleting the project's namespaces; GET shows them Terminating until they are gone. */
export const DELETE = withApi({ params: ["tenant", "name"] }, async ({ rt, principal, params }) =>
  Response.json((await deleteProject(rt, principal, params.tenant, params.name)) satisfies { results: ClusterResult[] }, { status: 202 }),
);
