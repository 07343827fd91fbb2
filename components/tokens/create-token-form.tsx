"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { ErrorState } from "@/components/ui/states";
import { ApiClientError } from "@/lib/client/api";
import { type CreatedToken, createToken, tokensKey } from "@/lib/tokens/queries";
import { NewTokenBox } from "./new-token-box";

const EXPIRY_CHOICES = ["7", "30", "90", "365", "never"] as const;
type Expiry = (typeof EXPIRY_CHOICES)[number];
const NAME_MAX = 64;

interface Errors {
  name?: string;
  expiry?: string;
  form?: string;
}

export function CreateTokenForm() {
  const t = useTranslations("tokens.create");
  const qc = useQueryClient();
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState("");
  const [expiry, setExpiry] = useState<Expiry>("90");
  const [errors, setErrors] = useState<Errors>({});
  const [created, setCreated] = useState<CreatedToken>();

  const create = useMutation({
    mutationFn: createToken,
    onSuccess: () => qc.invalidateQueries({ queryKey: tokensKey }),
  });

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    const n = name.trim();
    if (!n || n.length > NAME_MAX) {
      setErrors({ name: n ? t("nameTooLong", { max: NAME_MAX }) : t("nameRequired") });
      nameRef.current?.focus();
      return;
    }
    setErrors({});
    create.mutate(
      { name: n, expiresInDays: expiry === "never" ? null : Number(expiry) },
      {
        onSuccess: (res) => {
          setCreated(res);
          setName("");
          setExpiry("90");
        },
        onError: (err) => {
          if (!(err instanceof ApiClientError)) {
            setErrors({ form: err.message });
            return;
          }
          const { name: nameError, expiresInDays, ...rest } = err.fields;
          const others = Object.values(rest);
          setErrors({
            name: nameError,
            expiry: expiresInDays,
            form: others.length ? others.join(" ") : (nameError ?? expiresInDays) ? undefined : err.message,
          });
          if (nameError) nameRef.current?.focus();
        },
      },
    );
  };

  const pending = create.isPending;
  return (
    <section aria-labelledby="create-token-heading" className="space-y-4 rounded-lg border border-slate-200 p-5 dark:border-slate-800">
      <div>
        <h2 id="create-token-heading" className="text-lg font-semibold">
          {t("heading")}
        </h2>
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("intro")}</p>
      </div>
      {created && <NewTokenBox token={created} onDismiss={() => setCreated(undefined)} />}
      {errors.form && <ErrorState title={t("failed")} message={errors.form} />}
      <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-start gap-4" aria-busy={pending}>
        <div className="w-full max-w-sm">
          <Field label={t("name")} hint={t("nameHint", { max: NAME_MAX })} error={errors.name}>
            {(p) => (
              <input
                {...p}
                ref={nameRef}
                type="text"
                value={name}
                onChange={(e) => {
                  setName(e.target.value);
                  setErrors((prev) => ({ ...prev, name: undefined }));
                }}
                maxLength={NAME_MAX}
                disabled={pending}
                required
                autoComplete="off"
                placeholder={t("namePlaceholder")}
                className={inputClass}
              />
            )}
          </Field>
        </div>
        <div className="w-56">
          <Field label={t("expiry")} hint={expiry === "never" ? t("expiryNeverHint") : undefined} error={errors.expiry}>
            {(p) => (
              <select
                {...p}
                value={expiry}
                onChange={(e) => {
                  setExpiry(e.target.value as Expiry);
                  setErrors((prev) => ({ ...prev, expiry: undefined }));
                }}
                disabled={pending}
                className={inputClass}
              >
                {EXPIRY_CHOICES.map((c) => (
                  <option key={c} value={c}>
                    {c === "never" ? t("expiryNever") : t("expiryDays", { days: Number(c) })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Button type="submit" variant="primary" disabled={pending} className="mt-6">
          {pending ? t("submitting") : t("submit")}
        </Button>
      </form>
    </section>
  );
}
