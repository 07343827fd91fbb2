"use client";

import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ConfirmNameInput } from "@/components/ui/confirm-name-input";
import { dialogAutoFocus } from "@/components/ui/dialog-autofocus";
import { ErrorState } from "@/components/ui/states";
import { ApiClientError } from "@/lib/client/api";

export interface ConfirmSpec {
  /** Identifies what is confirmed: a new key resets the form. */
  id: string;
  title: string;
  body: React.ReactNode;
  submit: string;
  submitting: string;
  failed: string;
  /** Title of a 409 (still in use); its message comes from the server. */
  conflict?: string;
  /** When set, the user types this to confirm. */
  typeToConfirm?: { value: string; label: string };
  action: () => Promise<unknown>;
}

/**
 * A destructive action's confirmation. A 404 means it is gone already: what the user wanted.
 * The queries under `invalidate` are refreshed whatever the outcome.
 */
export function ConfirmDialog({ spec, onClose, invalidate = [] }: { spec: ConfirmSpec | undefined; onClose: () => void; invalidate?: readonly QueryKey[] }) {
  return (
    <Dialog open={!!spec} onClose={onClose} title={spec?.title ?? ""}>
      {spec && <ConfirmForm key={spec.id} spec={spec} onDone={onClose} invalidate={invalidate} />}
    </Dialog>
  );
}

function ConfirmForm({ spec, onDone, invalidate }: { spec: ConfirmSpec; onDone: () => void; invalidate: readonly QueryKey[] }) {
  const tc = useTranslations("common");
  const qc = useQueryClient();
  const [typed, setTyped] = useState("");
  const run = useMutation({
    mutationFn: spec.action,
    onSettled: () => Promise.all(invalidate.map((queryKey) => qc.invalidateQueries({ queryKey }))),
  });
  const gone = (err: unknown) => err instanceof ApiClientError && err.status === 404;
  const confirmed = !spec.typeToConfirm || typed.trim() === spec.typeToConfirm.value;
  const pending = run.isPending;
  const conflict = run.error instanceof ApiClientError && run.error.status === 409;

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!confirmed || pending) return;
    run.mutate(undefined, {
      onSuccess: () => onDone(),
      onError: (err) => {
        if (gone(err)) onDone();
      },
    });
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-busy={pending}>
      {run.isError && !gone(run.error) && (
        <ErrorState title={conflict && spec.conflict ? spec.conflict : spec.failed} message={run.error.message} />
      )}
      <div className="text-sm">{spec.body}</div>
      {spec.typeToConfirm && (
        <ConfirmNameInput label={spec.typeToConfirm.label} value={typed} onChange={setTyped} disabled={pending} />
      )}
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
        {/* Without a typed confirmation Cancel takes the focus: Enter on a fresh dialog must not destroy. */}
        <Button ref={spec.typeToConfirm ? undefined : dialogAutoFocus} onClick={onDone}>
          {tc("cancel")}
        </Button>
        <Button type="submit" variant="danger" disabled={!confirmed || pending}>
          {pending ? spec.submitting : spec.submit}
        </Button>
      </div>
    </form>
  );
}
