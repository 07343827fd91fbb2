import { withApi } from "@/lib/api/handler";
import { previewRelease } from "@/lib/apps/releases";
import { type PreviewAnswer, previewBodySchema } from "@/lib/validations/apps";

export const dynamic = "force-dynamic";

/** What an install or upgrade would change, object by object (a server-side dry run as the caller); changes nothing. */
export const POST = withApi({ body: previewBodySchema, readOnly: true }, async ({ rt, principal, body }): Promise<PreviewAnswer> => previewRelease(rt, principal, body));
