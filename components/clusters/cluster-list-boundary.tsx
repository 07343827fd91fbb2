"use client";

import { QueryErrorResetBoundary } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Component } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";

/** Shows a failed load of the cluster list (thrown by useSuspenseQuery) with a retry. */
export function ClusterListBoundary({ children }: { children: React.ReactNode }) {
  const t = useTranslations("clusters");
  const tc = useTranslations("common");
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <Boundary
          onReset={reset}
          fallback={(error, retry) => (
            <ErrorState title={t("loadFailed")} message={error.message}>
              <Button className="mt-3" onClick={retry}>
                {tc("retry")}
              </Button>
            </ErrorState>
          )}
        >
          {children}
        </Boundary>
      )}
    </QueryErrorResetBoundary>
  );
}

interface BoundaryProps {
  onReset: () => void;
  fallback: (error: Error, retry: () => void) => React.ReactNode;
  children: React.ReactNode;
}

// React catches render errors only in class components.
class Boundary extends Component<BoundaryProps, { error?: Error }> {
  state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return this.props.fallback(error, () => {
      this.props.onReset();
      this.setState({ error: undefined });
    });
  }
}
