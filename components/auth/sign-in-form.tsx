"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

function errorText(t: ReturnType<typeof useTranslations<"auth">>, code?: string | null) {
  if (!code) return undefined;
  if (code.startsWith("locked:")) return t("errors.locked", { minutes: Math.max(1, Math.ceil(Number(code.slice(7)) / 60)) });
  switch (code) {
    case "invalid":
    case "CredentialsSignin":
      return t("errors.invalid");
    case "disabled":
    case "AccessDenied":
      return t("errors.disabled");
    case "oidc":
    case "OAuthCallback":
    case "OAuthSignin":
    case "Callback":
      return t("errors.oidc");
    default:
      return t("errors.unknown");
  }
}

export function SignInForm({
  sso,
  initialError,
  callbackUrl,
}: {
  sso?: { id: string; name: string };
  initialError?: string;
  callbackUrl: string;
}) {
  const t = useTranslations("auth");
  const tc = useTranslations("common");
  const router = useRouter();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState(errorText(t, initialError));
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(t("errors.required"));
      return;
    }
    setBusy(true);
    setError(undefined);
    const res = await signIn("credentials", { username: username.trim(), password, redirect: false, callbackUrl });
    setBusy(false);
    if (!res || res.error) {
      setError(errorText(t, res?.error ?? "unknown"));
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <div className="space-y-5">
      <form onSubmit={submit} className="space-y-4" noValidate aria-describedby={error ? "signin-error" : undefined}>
        <Field label={t("username")}>
          {(p) => (
            <input {...p} name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} className={inputClass} />
          )}
        </Field>
        <Field label={t("password")}>
          {(p) => (
            <input
              {...p}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              className={inputClass}
            />
          )}
        </Field>
        {error && (
          <p id="signin-error" role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-700 dark:bg-red-950/40 dark:text-red-300">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" disabled={busy} className="w-full justify-center">
          {busy ? t("submitting") : t("submit")}
        </Button>
      </form>
      {sso && (
        <>
          <div className="flex items-center gap-3 text-xs text-slate-400">
            <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
            {t("or")}
            <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
          </div>
          <Button className="w-full justify-center" onClick={() => void signIn(sso.id, { callbackUrl })}>
            {t("sso", { provider: sso.name })}
          </Button>
        </>
      )}
      <p className="sr-only">{tc("tagline")}</p>
    </div>
  );
}
