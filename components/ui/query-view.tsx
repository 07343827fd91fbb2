"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { ApiClientError } from "@/lib/client/api";

/** The title for a failed request: forbidden, not found, unreachable or other. */
export function useErrorTitle() {
  const te = useTranslations("errors");
  return (error: unknown) => {
    const status = error instanceof ApiClientError ? error.status : 0;
    return status === 403 ? te("forbidden") : status === 404 ? te("notFound") : status === 503 ? te("unavailable") : te("title");
  };
}

/** Loading, error (with a retry) or the data of a query. */
export function QueryView<T>({
  query,
  children,
  loadingLabel,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => React.ReactNode;
  loadingLabel?: string;
}) {
  const tc = useTranslations("common");
  const errorTitle = useErrorTitle();
  if (query.isPending) return <LoadingState label={loadingLabel ?? tc("loading")} />;
  if (query.isError)
    return (
      <ErrorState title={errorTitle(query.error)} message={query.error.message}>
        <Button className="mt-3" onClick={() => void query.refetch()}>
          {tc("retry")}
        </Button>
      </ErrorState>
    );
  return <>{children(query.data)}</>;
}
