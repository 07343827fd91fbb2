import "server-only";
import { dehydrate } from "@tanstack/react-query";
import { requireSession } from "@/lib/auth/server-session";
import { getServerQueryClient } from "@/lib/query/server";
import { getRuntime } from "@/lib/runtime";
import { listWithoutSecretValues } from "@/lib/k8s/kinds/secret";
import { firstPagePath, withoutManagedFields } from "@/lib/client/list-paging";
import { listKey } from "@/lib/client/list-query";
import { type ServerFetchError, serverList, toFetchError } from "@/lib/proxy/server-list";

/**
 * Prefetches a collection for a page with the caller's rights: its first page
 * only (the browser loads the rest, see useLiveList), so a namespace of ten
 * thousand pods renders as fast as one of ten. Returns the dehydrated cache
 * for <HydrationBoundary>, or the error to show instead.
 */
export async function prefetchList(cluster: string, path: string): Promise<{ state: ReturnType<typeof dehydrate>; error?: ServerFetchError }> {
  const { principal } = await requireSession();
  const rt = await getRuntime();
  const qc = getServerQueryClient();
  try {
    const list = await serverList(rt, principal, cluster, firstPagePath(path));
    // Secret values never go into the page: the browser fetches them when a user asks to reveal one.
    qc.setQueryData(listKey(cluster, path), listWithoutSecretValues(withoutManagedFields(list)));
  } catch (e) {
    return { state: dehydrate(qc), error: toFetchError(e) };
  }
  return { state: dehydrate(qc) };
}
