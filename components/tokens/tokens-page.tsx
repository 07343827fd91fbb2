"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { type Column, DataTable } from "@/components/table/data-table";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/status-badge";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { type TokenView, tokensQuery } from "@/lib/tokens/queries";
import { CreateTokenForm } from "./create-token-form";
import { RevokeTokenDialog } from "./revoke-token-dialog";
import { useKubeconfigDownload } from "./use-kubeconfig-download";

/** Personal access tokens: create (secret shown once), list, revoke; and a kubeconfig for kubectl. */
export function TokensPage() {
  return (
    <div className="space-y-8">
      <CreateTokenForm />
      <TokenList />
      <KubeconfigSection />
    </div>
  );
}

function TokenList() {
  const t = useTranslations("tokens");
  const tc = useTranslations("common");
  const te = useTranslations("errors");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const q = useQuery(tokensQuery());
  const [revoking, setRevoking] = useState<TokenView>();

  const columns = useMemo<Column<TokenView>[]>(() => {
    const date = (ts: string) => format.dateTime(new Date(ts), { dateStyle: "medium", timeStyle: "short" });
    return [
      {
        id: "name",
        header: t("columns.name"),
        width: "minmax(12rem,2fr)",
        cell: (tok) => (
          <span className="font-medium" data-testid={`token-row-${tok.id}`}>
            {tok.name}
          </span>
        ),
        sortValue: (tok) => tok.name,
      },
      {
        id: "created",
        header: t("columns.created"),
        width: "minmax(10rem,1fr)",
        cell: (tok) => (tok.createdAt ? <span title={tok.createdAt}>{date(tok.createdAt)}</span> : "—"),
        sortValue: (tok) => tok.createdAt ?? "",
      },
      {
        id: "expires",
        header: t("columns.expires"),
        width: "minmax(12rem,1fr)",
        cell: (tok) => {
          if (!tok.expiresAt) return <span className="text-slate-500 dark:text-slate-400">{t("never")}</span>;
          const expired = Date.parse(tok.expiresAt) <= now.getTime();
          return (
            <span className="flex items-center gap-1.5" title={tok.expiresAt}>
              {date(tok.expiresAt)}
              {expired && <Badge tone="red">{t("expired")}</Badge>}
            </span>
          );
        },
        // Tokens that never expire sort last.
        sortValue: (tok) => tok.expiresAt ?? "9999",
        filterValue: (tok) => (tok.expiresAt ? date(tok.expiresAt) : t("never")),
      },
      {
        id: "actions",
        header: t("columns.actions"),
        width: "8rem",
        cell: (tok) => (
          <Button
            variant="ghost"
            className="px-2 py-1 text-xs text-red-700 dark:text-red-400"
            aria-label={t("revokeToken", { name: tok.name })}
            onClick={() => setRevoking(tok)}
          >
            {t("revoke.submit")}
          </Button>
        ),
      },
    ];
  }, [t, format, now]);

  return (
    <section aria-labelledby="token-list-heading" className="space-y-3">
      <h2 id="token-list-heading" className="text-lg font-semibold">
        {t("list.heading")}
      </h2>
      {q.isPending ? (
        <LoadingState label={tc("loading")} />
      ) : q.isError ? (
        <ErrorState title={te("title")} message={q.error.message}>
          <Button className="mt-3" onClick={() => void q.refetch()}>
            {tc("retry")}
          </Button>
        </ErrorState>
      ) : (
        <DataTable rows={q.data.items} columns={columns} rowKey={(tok) => tok.id} label={t("list.heading")} empty={t("list.empty")} maxHeight="28rem" />
      )}
      <RevokeTokenDialog token={revoking} onClose={() => setRevoking(undefined)} />
    </section>
  );
}

function KubeconfigSection() {
  const t = useTranslations("tokens.kubeconfig");
  // A POST (it makes a token), saved as a file; the new token then shows in the list above.
  const download = useKubeconfigDownload();
  const policy = useQuery(tokensQuery()).data?.policy;
  return (
    <section aria-labelledby="kubeconfig-heading" className="space-y-3 rounded-lg border border-slate-200 p-5 dark:border-slate-800">
      <h2 id="kubeconfig-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-300">{t("intro", { days: policy?.defaultDays ?? 90 })}</p>
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => download.mutate()} disabled={download.isPending}>
          {download.isPending ? t("downloading") : t("download")}
        </Button>
      </div>
      {download.isError && <ErrorState title={t("failed")} message={download.error.message} />}
      <p className="text-sm text-slate-600 dark:text-slate-300">{t("exampleIntro")}</p>
      <pre className="overflow-x-auto rounded-md bg-slate-950 p-3 font-mono text-xs text-slate-100">
        <code>{t("example", { cluster: t("clusterPlaceholder") })}</code>
      </pre>
    </section>
  );
}
