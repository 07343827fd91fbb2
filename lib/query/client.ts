import { QueryClient, defaultShouldDehydrateQuery, isServer } from "@tanstack/react-query";

function make() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false },
      dehydrate: {
        shouldDehydrateQuery: (q) => defaultShouldDehydrateQuery(q) || q.state.status === "pending",
      },
    },
  });
}

let browserClient: QueryClient | undefined;

/** Browser: one client for the tab. Server: use getServerQueryClient (request-scoped). */
export function getBrowserQueryClient(): QueryClient {
  if (isServer) return make();
  browserClient ??= make();
  return browserClient;
}

export const makeQueryClient = make;
