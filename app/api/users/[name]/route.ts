import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { hashPassword } from "@/lib/auth/passwords";
import { labelSafe } from "@/lib/store/store";
import { userView } from "@/lib/tenancy/service";
import { updateUserBodySchema } from "@/lib/validations/tenancy";

export const dynamic = "force-dynamic";

export const PATCH = withApi(
  { action: { area: "console/users", verb: "update" }, params: ["name"], body: updateUserBodySchema },
  async ({ rt, principal, params, body }) => {
    const u = rt.store.userByName(params.name);
    if (!u) throw new ApiError("not_found", `There is no user "${params.name}".`);
    if (body.disabled && params.name === principal.name) {
      throw new ApiError("validation_failed", "You cannot disable yourself.", { disabled: "You cannot disable yourself." });
    }
    if (body.password && u.spec.provider !== "local") {
      throw new ApiError("validation_failed", "Users from single sign-on have no password here.", { password: "Users from single sign-on have no password here." });
    }
    const next = await rt.store.patchUser(params.name, {
      spec: {
        displayName: body.displayName,
        email: body.email,
        groups: body.groups,
        disabled: body.disabled,
        passwordHash: body.password ? await hashPassword(body.password) : undefined,
      },
    });
    return userView(next, true);
  },
);

/** Removes a user with their role bindings and tokens. */
export const DELETE = withApi({ action: { area: "console/users", verb: "delete" }, params: ["name"] }, async ({ rt, principal, params }) => {
  const u = rt.store.userByName(params.name);
  if (!u) throw new ApiError("not_found", `There is no user "${params.name}".`);
  if (params.name === principal.name) throw new ApiError("conflict", "You cannot delete yourself.");
  await rt.store.remove("users", params.name);
  // Their bindings and tokens would otherwise outlive them.
  for (const b of rt.store.bindings.list().filter((x) => x.spec.subject.kind === "User" && x.spec.subject.name === params.name)) {
    await rt.store.remove("rolebindings", b.metadata.name!).catch(() => undefined);
  }
  await rt.store.removeAll("accesstokens", `pilothouse.dev/user=${labelSafe(params.name)}`).catch(() => undefined);
  return null;
});
