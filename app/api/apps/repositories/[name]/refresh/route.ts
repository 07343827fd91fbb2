import { withApi } from "@/lib/api/handler";
import { refreshRepository } from "@/lib/apps/repositories";
import { repoParamsSchema } from "@/lib/validations/apps";
import { parseParams } from "@/lib/validations/params";

export const dynamic = "force-dynamic";

/** Reads the repository's index now (it is otherwise read every few minutes). */
export const POST = withApi({ params: ["name"], readOnly: true }, async ({ rt, principal, params }) => refreshRepository(rt, principal, parseParams(repoParamsSchema, params).name));
