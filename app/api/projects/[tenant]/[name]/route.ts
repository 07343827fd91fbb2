import { withApi } from "@/lib/api/handler";
import { changeProject, deleteProject, getProject } from "@/lib/tenancy/projects";
import { type UpdateProjectBody, updateProjectBodySchema } from "@/lib/validations/tenancy";

export const dynamic = "force-dynamic";

type Params = { tenant: string; name: string };

export const GET = withApi<undefined, undefined, Params>({}, async ({ rt, principal, params }) => getProject(rt, principal, params.tenant, params.name));

export const PATCH = withApi<UpdateProjectBody, undefined, Params>({ body: updateProjectBodySchema }, async ({ rt, principal, params, body }) =>
  changeProject(rt, principal, params.tenant, params.name, body),
);

/** Starts deleting the project's namespaces; GET shows them Terminating until they are gone. */
export const DELETE = withApi<undefined, undefined, Params>({}, async ({ rt, principal, params }) =>
  Response.json(await deleteProject(rt, principal, params.tenant, params.name), { status: 202 }),
);
