"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { locales, localeCookie } from "@/i18n/locales";

const YEAR = 365 * 24 * 3600;

export function LanguageSwitch() {
  const t = useTranslations("shell");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  const names: Record<string, string> = { en: "English", "zh-CN": "简体中文" };
  return (
    <label className="flex items-center gap-1 text-sm">
      <span className="sr-only">{t("language")}</span>
      <select
        aria-label={t("language")}
        value={locale}
        disabled={pending}
        onChange={(e) => {
          document.cookie = `${localeCookie}=${e.target.value}; path=/; max-age=${YEAR}; samesite=lax`;
          start(() => router.refresh());
        }}
        className="rounded-md border border-slate-300 bg-transparent px-2 py-1 text-sm dark:border-slate-600"
      >
        {locales.map((l) => (
          <option key={l} value={l} className="text-slate-900">
            {names[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ThemeToggle({ initial }: { initial: "light" | "dark" }) {
  const t = useTranslations("shell");
  const [theme, setTheme] = useState(initial);
  const next = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      aria-label={`${t("theme")}: ${theme === "dark" ? t("themeDark") : t("themeLight")}`}
      title={t("theme")}
      onClick={() => {
        setTheme(next);
        document.documentElement.classList.toggle("dark", next === "dark");
        document.cookie = `theme=${next}; path=/; max-age=${YEAR}; samesite=lax`;
      }}
      className="rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-600"
    >
      <span aria-hidden>{theme === "dark" ? "☾" : "☀"}</span>
    </button>
  );
}
