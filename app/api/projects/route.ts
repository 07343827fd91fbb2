import { withApi } from "@/lib/api/handler";
import { createProject, listProjects } from "@/lib/tenancy/projects";
import { type Project, type ProjectChange, createProjectBodySchema, listProjectsQuerySchema } from "@/lib/validations/tenancy";

export const dynamic = "force-dynamic";

/** Projects the caller may see, one entry per project with its clusters. */
export const GET = withApi({ query: listProjectsQuerySchema }, async ({ rt, principal, query: q }): Promise<{ items: Project[] }> => ({
  items: listProjects(rt, principal, q),
}));

/** Creates a project on one or more clusters (namespace, quota, limits, the requester as project-admin). */
export const POST = withApi({ body: createProjectBodySchema }, async ({ rt, principal, body }) => {
  const out = await createProject(rt, principal, body);
  return Response.json(out satisfies ProjectChange, { status: 201 });
});
