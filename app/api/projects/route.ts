import { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { createProject, listProjects } from "@/lib/tenancy/projects";
import { type CreateProjectBody, createProjectBodySchema } from "@/lib/validations/tenancy";

export const dynamic = "force-dynamic";

const query = z.object({ tenant: z.string().max(63).optional(), cluster: z.string().max(63).optional() });

/** Projects the caller may see, one entry per project with its clusters. */
export const GET = withApi<undefined, z.infer<typeof query>>({ query }, async ({ rt, principal, query: q }) => ({
  items: listProjects(rt, principal, q),
}));

/** Creates a project on one or more clusters (namespace, quota, limits, the requester as project-admin). */
export const POST = withApi<CreateProjectBody>({ body: createProjectBodySchema }, async ({ rt, principal, body }) => {
  const out = await createProject(rt, principal, body);
  return Response.json(out, { status: 201 });
});
