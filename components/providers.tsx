"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { createContext, useContext, useState } from "react";
import { setCsrfToken } from "@/lib/client/api";
import { getBrowserQueryClient } from "@/lib/query/client";

export interface SessionInfo {
  /** The User resource's name (what bindings and APIs refer to). */
  name: string;
  username: string;
  displayName?: string;
  /** Goes on every write from lib/client (set below); callers never pass it themselves. */
  csrfToken: string;
  can: { manageClusters: boolean };
}

const SessionContext = createContext<SessionInfo | null>(null);

export function useSession(): SessionInfo {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside the console layout");
  return s;
}

export function QueryProvider({ children }: { children: React.ReactNode }) {
  const [client] = useState(getBrowserQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

export function SessionProvider({ session, children }: { session: SessionInfo; children: React.ReactNode }) {
  // Set during render so the first client-side write already carries it.
  setCsrfToken(session.csrfToken);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
