"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { dialogAutoFocus } from "@/components/ui/dialog-autofocus";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorState } from "@/components/ui/states";
import { ApiClientError } from "@/lib/client/api";
import { type TokenView, revokeToken, tokensKey } from "@/lib/tokens/queries";

export function RevokeTokenDialog({ token, onClose }: { token: TokenView | undefined; onClose: () => void }) {
  const t = useTranslations("tokens.revoke");
  return (
    <Dialog open={!!token} onClose={onClose} title={t("title", { name: token?.name ?? "" })}>
      {token && <RevokeTokenConfirm key={token.id} token={token} onDone={onClose} />}
    </Dialog>
  );
}

function RevokeTokenConfirm({ token, onDone }: { token: TokenView; onDone: () => void }) {
  const t = useTranslations("tokens.revoke");
  const tc = useTranslations("common");
  const qc = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => revokeToken(token.id),
    onSettled: () => qc.invalidateQueries({ queryKey: tokensKey }),
  });
  // Already revoked elsewhere: what the user wanted.
  const gone = (err: unknown) => err instanceof ApiClientError && err.status === 404;
  const pending = revoke.isPending;
  return (
    <div className="space-y-4">
      {revoke.isError && !gone(revoke.error) && <ErrorState title={t("failed")} message={revoke.error.message} />}
      <p className="text-sm">{t("body", { name: token.name })}</p>
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
        {/* Cancel first: Enter on a freshly opened confirmation must not revoke. */}
        <Button ref={dialogAutoFocus} onClick={onDone}>
          {tc("cancel")}
        </Button>
        <Button
          variant="danger"
          disabled={pending}
          onClick={() =>
            revoke.mutate(undefined, {
              onSuccess: () => onDone(),
              onError: (err) => {
                if (gone(err)) onDone();
              },
            })
          }
        >
          {pending ? t("revoking") : t("submit")}
        </Button>
      </div>
    </div>
  );
}
