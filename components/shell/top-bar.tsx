"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useSession } from "@/components/providers";
import { useKubeconfigDownload } from "@/components/tokens/use-kubeconfig-download";
import { clustersQuery } from "@/lib/clusters/queries";
import { useClusterEvents } from "@/lib/clusters/use-cluster-events";
import { LanguageSwitch, ThemeToggle } from "./preferences";

export function TopBar({ theme }: { theme: "light" | "dark" }) {
  const tc = useTranslations("common");
  useClusterEvents();
  useTimeZoneCookie();
  return (
    <header className="flex h-14 items-center gap-4 border-b border-slate-200 px-4 dark:border-slate-800">
      <Link href="/" className="font-semibold tracking-tight text-sky-800 dark:text-sky-300">
        {tc("appName")}
      </Link>
      <ClusterSwitcher />
      <div className="ml-auto flex items-center gap-3">
        <LanguageSwitch />
        <ThemeToggle initial={theme} />
        <UserMenu />
      </div>
    </header>
  );
}

/** Dates render in the viewer's time zone: the server learns it from this cookie. */
function useTimeZoneCookie() {
  useEffect(() => {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz && !document.cookie.includes(`tz=${encodeURIComponent(tz)}`)) {
      document.cookie = `tz=${encodeURIComponent(tz)}; path=/; max-age=31536000; samesite=lax`;
    }
  }, []);
}

function ClusterSwitcher() {
  const t = useTranslations("shell");
  const ts = useTranslations("overview.status");
  const router = useRouter();
  const params = useParams<{ cluster?: string }>();
  const q = useQuery(clustersQuery());
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-500">{t("clusterSwitcher")}</span>
      <select
        aria-label={t("clusterSwitcher")}
        value={params.cluster ?? ""}
        onChange={(e) => router.push(e.target.value ? `/c/${e.target.value}` : "/")}
        className="rounded-md border border-slate-300 bg-transparent px-2 py-1 text-sm dark:border-slate-600"
      >
        <option value="" className="text-slate-900">
          {t("clusterSwitcherAll")}
        </option>
        {(q.data?.items ?? []).map((c) => (
          <option key={c.name} value={c.name} className="text-slate-900">
            {c.displayName !== c.name ? `${c.displayName} (${c.name})` : c.name} · {ts(c.health.status)}
          </option>
        ))}
      </select>
    </label>
  );
}

function UserMenu() {
  const t = useTranslations("shell");
  const s = useSession();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const kubeconfig = useKubeconfigDownload();
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);
  const item = "block w-full px-4 py-2 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800";
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t("userMenu", { user: s.username })}
        onClick={() => setOpen(!open)}
        className="rounded-md border border-slate-300 px-3 py-1 text-sm dark:border-slate-600"
      >
        {s.displayName || s.username}
      </button>
      {open && (
        <div role="menu" className="absolute right-0 z-20 mt-2 w-56 rounded-md border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <Link role="menuitem" href="/settings/tokens" className={item} onClick={() => setOpen(false)}>
            {t("tokens")}
          </Link>
          <button
            role="menuitem"
            type="button"
            className={item}
            disabled={kubeconfig.isPending}
            onClick={() => kubeconfig.mutate(undefined, { onSuccess: () => setOpen(false) })}
          >
            {kubeconfig.isPending ? t("downloadingKubeconfig") : t("downloadKubeconfig")}
          </button>
          {kubeconfig.isError && (
            <p role="alert" className="px-4 py-2 text-xs text-red-700 dark:text-red-400">
              {t("downloadKubeconfigFailed", { message: kubeconfig.error.message })}
            </p>
          )}
          <button role="menuitem" type="button" className={item} onClick={() => void signOut()}>
            {t("signOut")}
          </button>
        </div>
      )}
    </div>
  );
}

// next-auth's browser client is needed only here: loaded on the click, not with every page.
async function signOut() {
  const { signOut: nextAuthSignOut } = await import("next-auth/react");
  await nextAuthSignOut({ callbackUrl: "/sign-in" });
}
