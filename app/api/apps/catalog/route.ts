import { withApi } from "@/lib/api/handler";
import { catalogOf } from "@/lib/apps/catalog";
import { type CatalogAnswer, catalogQuerySchema } from "@/lib/validations/apps";

export const dynamic = "force-dynamic";

/** The charts of every repository the caller sees, searchable by text and category. */
export const GET = withApi({ query: catalogQuerySchema }, async ({ rt, principal, query }): Promise<CatalogAnswer> => catalogOf(rt).catalog(principal, query));
