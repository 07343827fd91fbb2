"use client";

import { QueryErrorResetBoundary } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Component } from "react";
import { Button } from "./button";
import { useErrorTitle } from "./query-view";
import { ErrorState } from "./states";

/**
 * Shows what a suspending query (useSuspenseQuery) threw, with a retry that
 * resets the query. The title is `title`, else one by the error's status.
 */
export function QueryErrorBoundary({ title, children }: { title?: string; children: React.ReactNode }) {
  const tc = useTranslations("common");
  const errorTitle = useErrorTitle();
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <ErrorBoundary
          onReset={reset}
          fallback={(error, retry) => (
            <ErrorState title={title ?? errorTitle(error)} message={error.message}>
              <Button className="mt-3" onClick={retry}>
                {tc("retry")}
              </Button>
            </ErrorState>
          )}
        >
          {children}
        </ErrorBoundary>
      )}
    </QueryErrorResetBoundary>
  );
}

interface ErrorBoundaryProps {
  onReset?: () => void;
  fallback: (error: Error, retry: () => void) => React.ReactNode;
  children: React.ReactNode;
}

// React catches render errors only in class components.
export class ErrorBoundary extends Component<ErrorBoundaryProps, { error?: Error }> {
  state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return this.props.fallback(error, () => {
      this.props.onReset?.();
      this.setState({ error: undefined });
    });
  }
}
