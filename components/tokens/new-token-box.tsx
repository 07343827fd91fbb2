"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { CreatedToken } from "@/lib/tokens/queries";

/** The secret of a token just created: shown once, never again. */
export function NewTokenBox({ token, onDismiss }: { token: CreatedToken; onDismiss: () => void }) {
  const t = useTranslations("tokens.created");
  const tc = useTranslations("common");
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  // Land on the secret, so keyboard and screen reader users find it at once.
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [token.id]);

  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopy("copied");
    } catch {
      // No clipboard (plain http, or denied): select it for Ctrl+C instead.
      inputRef.current?.focus();
      inputRef.current?.select();
      setCopy("failed");
    }
  };

  return (
    <div
      role="region"
      aria-labelledby="new-token-heading"
      className="space-y-3 rounded-lg border-2 border-amber-400 bg-amber-50 p-4 dark:border-amber-600 dark:bg-amber-950/40"
    >
      <div>
        <h3 id="new-token-heading" className="font-semibold text-amber-900 dark:text-amber-200">
          {t("heading", { name: token.name })}
        </h3>
        <p className="text-sm text-amber-900 dark:text-amber-200">{t("warning")}</p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={inputRef}
          type="text"
          readOnly
          value={token.token}
          aria-label={t("label")}
          data-testid="new-token"
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
          className={`${inputClass} min-w-0 flex-1 font-mono`}
        />
        <Button variant="primary" onClick={() => void onCopy()}>
          {copy === "copied" ? tc("copied") : tc("copy")}
        </Button>
        <Button onClick={onDismiss}>{t("dismiss")}</Button>
      </div>
      <p aria-live="polite" className="text-xs text-amber-900 dark:text-amber-200">
        {copy === "copied" ? t("copied") : copy === "failed" ? t("copyFailed") : ""}
      </p>
    </div>
  );
}
