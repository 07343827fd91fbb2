import { withApi } from "@/lib/api/handler";
import { createRepository, listRepositories } from "@/lib/apps/repositories";
import { type RepositoriesAnswer, createRepositoryBodySchema } from "@/lib/validations/apps";

export const dynamic = "force-dynamic";

/** The chart repositories the caller sees (platform-wide and their tenants'), each with its index's state. */
export const GET = withApi({}, async ({ rt, principal }): Promise<RepositoriesAnswer> => listRepositories(rt, principal));

/** Adds a repository: platform-wide (platform admins) or a tenant's (its admins). */
export const POST = withApi({ body: createRepositoryBodySchema }, async ({ rt, principal, body }) =>
  Response.json(await createRepository(rt, principal, body), { status: 201 }),
);
