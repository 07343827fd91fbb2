import { withApi } from "@/lib/api/handler";
import { deleteRepository } from "@/lib/apps/repositories";
import { repoParamsSchema } from "@/lib/validations/apps";
import { parseParams } from "@/lib/validations/params";

export const dynamic = "force-dynamic";

export const DELETE = withApi({ params: ["name"] }, async ({ rt, principal, params }) => {
  const { name } = parseParams(repoParamsSchema, params);
  await deleteRepository(rt, principal, name);
  return null;
});
