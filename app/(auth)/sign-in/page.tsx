import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { LanguageSwitch } from "@/components/shell/preferences";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  const rt = await getRuntime();
  const auth = await rt.authn.authenticate({ cookie: (await cookies()).toString() });
  const sp = await searchParams;
  // Only same-site paths: never bounce a signed-in user to another origin.
  const callbackUrl = safeCallbackPath(sp.callbackUrl);
  if (auth.ok) redirect(callbackUrl);
  const t = await getTranslations("auth");
  const tc = await getTranslations("common");
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 p-4 dark:bg-slate-950">
      <div className="w-full max-w-sm space-y-6 rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <div className="flex items-start justify-between">
          <div>
            <p className="text-sm font-semibold text-sky-800 dark:text-sky-300">{tc("appName")}</p>
            <h1 className="mt-1 text-xl font-semibold">{t("title")}</h1>
          </div>
          <LanguageSwitch />
        </div>
        <SignInForm sso={rt.config.oidc ? { id: "oidc", name: rt.config.oidc.name } : undefined} initialError={sp.error} callbackUrl={callbackUrl} />
      </div>
    </main>
  );
}
