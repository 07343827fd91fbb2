"use client";

import { QueryErrorResetBoundary } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Component, Suspense, useSyncExternalStore } from "react";
import { useErrorTitle } from "@/components/ui/query-view";
import { Button } from "@/components/ui/button";
import { ErrorState, LoadingState } from "@/components/ui/states";

class Boundary extends Component<{ fallback: (error: Error, reset: () => void) => React.ReactNode; onReset: () => void; children: React.ReactNode }, { error: Error | null }> {
  state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  reset = () => {
    this.props.onReset();
    this.setState({ error: null });
  };
  render() {
    return this.state.error ? this.props.fallback(this.state.error, this.reset) : this.props.children;
  }
}

function Failed({ error, reset }: { error: Error; reset: () => void }) {
  const tc = useTranslations("common");
  const title = useErrorTitle();
  return (
    <ErrorState title={title(error)} message={error.message}>
      <Button className="mt-3" onClick={reset}>
        {tc("retry")}
      </Button>
    </ErrorState>
  );
}

const noop = () => () => undefined;

/** False on the server and during hydration, true after. */
function useHydrated() {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}

/**
 * A live list loaded in the browser: a loading state while it comes, its
 * error (forbidden, unreachable…) with a retry. Rendered only in the browser:
 * the server has no session to fetch with (what the page prefetched is in the
 * cache already and shows at once).
 */
export function LiveSection({ children }: { children: React.ReactNode }) {
  const tc = useTranslations("common");
  const hydrated = useHydrated();
  if (!hydrated) return <LoadingState label={tc("loading")} />;
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <Boundary onReset={reset} fallback={(error, retry) => <Failed error={error} reset={retry} />}>
          <Suspense fallback={<LoadingState label={tc("loading")} />}>{children}</Suspense>
        </Boundary>
      )}
    </QueryErrorResetBoundary>
  );
}
