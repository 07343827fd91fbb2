import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ErrorState } from "@/components/ui/states";
import { nsHref } from "@/lib/k8s/kinds/kind";

/** The page of a kind the console does not know: say so, and lead back. */
export async function UnknownKind({ cluster, ns, kind }: { cluster: string; ns: string; kind: string }) {
  const t = await getTranslations("workloads");
  return (
    <div data-testid="unknown-kind">
      <ErrorState title={t("unknownKind.title")} message={t("unknownKind.body", { kind })}>
        <Link href={nsHref(cluster, ns)} className="mt-3 inline-block text-sky-700 hover:underline dark:text-sky-300">
          {t("unknownKind.back")}
        </Link>
      </ErrorState>
    </div>
  );
}
