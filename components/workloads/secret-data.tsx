"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { GuardedButton } from "@/components/ui/guarded-button";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { useCan } from "@/lib/access/use-can";
import { kubeGet } from "@/lib/client/kube";
import { type SecretObject, decodeSecretValue, secretKeys, secretPath, secretValueSize } from "@/lib/k8s/kinds/secret";
import { formatBytes } from "@/lib/k8s/quantity";

/** A copy button that says when it copied. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const tc = useTranslations("common");
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="ghost"
      className="px-2 py-1 text-xs"
      aria-label={label}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      <span aria-live="polite">{copied ? tc("copied") : tc("copy")}</span>
    </Button>
  );
}

/**
 * A Secret with its values, fetched through the proxy with the caller's rights
 * — only while `enabled` (someone asked to see them). Kept for the life of the
 * view that asked (gcTime 0), never in a page's HTML. `version` refetches when
 * the secret changes; leave it out to keep one copy (an editor's starting point).
 */
export function useSecretWithValues(cluster: string, ns: string, name: string, enabled: boolean, version?: string) {
  return useQuery({
    queryKey: ["k8s", cluster, "secret-values", ns, name, version ?? ""],
    queryFn: ({ signal }) => kubeGet<SecretObject>(cluster, secretPath(ns, name), signal),
    enabled,
    gcTime: 0,
    staleTime: Infinity,
    retry: false,
  });
}

/**
 * A secret's keys (and sizes) with their values masked; revealing one fetches
 * the secret through the proxy, so it takes the right to get secrets there
 * (the page and the cache never hold values).
 */
export function SecretData({ cluster, secret }: { cluster: string; secret: SecretObject }) {
  const t = useTranslations("workloads.secret");
  const tc = useTranslations("common");
  const ns = secret.metadata.namespace ?? "";
  const name = secret.metadata.name ?? "";
  const {
    allowed: [allowed],
    pending,
  } = useCan([{ verb: "get", resource: "core/secrets", cluster, namespace: ns }]);
  const [shown, setShown] = useState<Set<string>>(() => new Set());
  const values = useSecretWithValues(cluster, ns, name, allowed && shown.size > 0, secret.metadata.resourceVersion);
  const keys = secretKeys(secret);
  if (keys.length === 0) return <EmptyState title={t("noKeys")} />;
  const toggle = (k: string) =>
    setShown((old) => {
      const next = new Set(old);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next;
    });
  return (
    <div className="space-y-2">
      {values.error && <ErrorState title={t("revealFailed")} message={values.error.message} />}
      <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700" data-testid="secret-data">
        {keys.map((k) => {
          const open = allowed && shown.has(k);
          const b64 = values.data?.data?.[k];
          const d = b64 === undefined ? undefined : decodeSecretValue(b64);
          return (
            <div key={k} className="space-y-1 p-3" data-testid={`secret-key-${k}`}>
              <div className="flex flex-wrap items-center gap-2">
                <dt className="font-mono text-sm font-medium">{k}</dt>
                <span className="text-xs text-slate-500">{formatBytes(secretValueSize(secret, k))}</span>
                <div className="ml-auto flex items-center gap-1">
                  <GuardedButton
                    variant="ghost"
                    className="px-2 py-1 text-xs"
                    allowed={allowed}
                    pending={pending}
                    reason={t("revealDenied")}
                    onClick={() => toggle(k)}
                    aria-pressed={open}
                    aria-label={open ? t("hideKey", { key: k }) : t("revealKey", { key: k })}
                  >
                    {open ? t("hide") : t("reveal")}
                  </GuardedButton>
                  {open && d && b64 !== undefined && <CopyButton text={d.kind === "text" ? d.text : b64} label={t("copyKey", { key: k })} />}
                </div>
              </div>
              <dd>
                {!open || values.isError ? (
                  <span className="font-mono text-sm tracking-widest text-slate-500" aria-label={t("masked")}>
                    ••••••••
                  </span>
                ) : values.isPending ? (
                  <span className="text-sm text-slate-500">{tc("loading")}</span>
                ) : !d ? (
                  <span className="text-sm text-slate-600 dark:text-slate-400">{t("keyGone")}</span>
                ) : d.kind === "text" ? (
                  <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-800/60" data-testid={`secret-value-${k}`}>
                    {d.text}
                  </pre>
                ) : d.kind === "binary" ? (
                  <span className="text-sm text-slate-600 dark:text-slate-400">{t("binary", { size: formatBytes(d.bytes) })}</span>
                ) : (
                  <span className="text-sm text-red-700 dark:text-red-400">{t("invalid")}</span>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
