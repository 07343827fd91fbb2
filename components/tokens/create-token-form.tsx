"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { ErrorState } from "@/components/ui/states";
import { ApiClientError } from "@/lib/client/api";
import { expiryChoices } from "@/lib/auth/token-policy";
import { type CreatedToken, createToken, tokensKey, tokensQuery } from "@/lib/tokens/queries";
import { NewTokenBox } from "./new-token-box";

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
  // The platform's cap and default come with the token list.
  const policy = useQuery(tokensQuery()).data?.policy;
  const choices = policy ? expiryChoices(policy) : [];
  const [chosen, setExpiry] = useState<string>();
  const expiry = chosen ?? (policy ? String(policy.defaultDays) : "");
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
    if (!expiry) return;
    setErrors({});
    create.mutate(
      { name: n, expiresInDays: expiry === "never" ? null : Number(expiry) },
      {
        onSuccess: (res) => {
          setCreated(res);
          setName("");
          setExpiry(undefined);
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
          <Field
            label={t("expiry")}
            hint={expiry === "never" ? t("expiryNeverHint") : policy?.maxDays ? t("expiryMaxHint", { days: policy.maxDays }) : undefined}
            error={errors.expiry}
          >
            {(p) => (
              <select
                {...p}
                value={expiry}
                onChange={(e) => {
                  setExpiry(e.target.value);
                  setErrors((prev) => ({ ...prev, expiry: undefined }));
                }}
                disabled={pending || !policy}
                className={inputClass}
              >
                {choices.map((c) => (
                  <option key={c} value={c}>
                    {c === "never" ? t("expiryNever") : t("expiryDays", { days: Number(c) })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Button type="submit" variant="primary" disabled={pending || !policy} className="mt-6">
          {pending ? t("submitting") : t("submit")}
        </Button>
      </form>
    </section>
  );
}
