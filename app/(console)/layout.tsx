import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { QueryProvider, SessionProvider } from "@/components/providers";
import { SideNav } from "@/components/shell/side-nav";
import { TopBar } from "@/components/shell/top-bar";
import { requireSession } from "@/lib/auth/server-session";
import { SMALL_FLEET, clustersKey } from "@/lib/clusters/queries";
import { visibleClusters } from "@/lib/clusters/visibility";
import { makeQueryClient } from "@/lib/query/client";
import { getRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession();
  const rt = await getRuntime();
  // Its own client: pages dehydrate the request's shared one, which would otherwise carry this list a second time.
  const qc = makeQueryClient();
  // A small fleet's whole list comes with every page; a large one's from the event stream once the page is up.
  const clusters = await visibleClusters(rt, session.principal);
  if (clusters.length <= SMALL_FLEET) qc.setQueryData(clustersKey, { items: clusters });
  const theme = (await cookies()).get("theme")?.value === "dark" ? "dark" : "light";
  const t = await getTranslations("shell");
  return (
    <QueryProvider>
      <SessionProvider
        session={{
          name: session.principal.name,
          username: session.principal.username,
          displayName: session.principal.displayName,
          csrfToken: session.csrfToken,
          can: session.can,
        }}
      >
        <HydrationBoundary state={dehydrate(qc)}>
          <div className="flex min-h-screen flex-col">
            <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
              {t("skipToContent")}
            </a>
            <TopBar theme={theme} />
            <div className="flex flex-1">
              <SideNav />
              <main id="main" className="min-w-0 flex-1 p-6">
                {children}
              </main>
            </div>
          </div>
        </HydrationBoundary>
      </SessionProvider>
    </QueryProvider>
  );
}
