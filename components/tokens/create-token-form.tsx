"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Form, SelectField, TextField, showServerErrors, useCheckedForm } from "@/components/ui/form";
import { schemaErrors } from "@/components/ui/form-errors";
import { expiryChoices } from "@/lib/auth/token-policy";
import { type CreatedToken, createToken, tokensKey, tokensQuery } from "@/lib/tokens/queries";
import { type CreateTokenBody, createTokenBodySchema } from "@/lib/validations/token";
import { NewTokenBox } from "./new-token-box";

const NAME_MAX = 64;

type Values = { name: string; expiry: string };

const toBody = (v: Values): CreateTokenBody => ({ name: v.name.trim(), expiresInDays: v.expiry === "never" ? null : Number(v.expiry) });
// The API calls the expiry expiresInDays.
const target = (field: string) => (field === "name" ? "name" : field === "expiresInDays" ? "expiry" : undefined);

export function CreateTokenForm() {
  const t = useTranslations("tokens.create");
  const qc = useQueryClient();
  // The platform's cap and default come with the token list.
  const policy = useQuery(tokensQuery()).data?.policy;
  const choices = policy ? expiryChoices(policy) : [];
  const [created, setCreated] = useState<CreatedToken>();
  const defaults = { name: "", expiry: policy ? String(policy.defaultDays) : "" };
  const form = useCheckedForm<Values>(defaults, (v, submit) => {
    const n = v.name.trim();
    if (n.length > NAME_MAX) return { name: t("nameTooLong", { max: NAME_MAX }) };
    if (!submit) return {};
    if (!n) return { name: t("nameRequired") };
    return schemaErrors(createTokenBodySchema, toBody(v), target);
  });
  const expiry = useWatch({ control: form.control, name: "expiry" });
  const defaultExpiry = defaults.expiry;
  useEffect(() => {
    if (defaultExpiry && !form.getValues("expiry")) form.reset({ ...form.getValues(), expiry: defaultExpiry });
  }, [defaultExpiry, form]);

  const create = useMutation({
    mutationFn: createToken,
    onSuccess: () => qc.invalidateQueries({ queryKey: tokensKey }),
  });

  const onSubmit = (v: Values) => {
    if (!v.expiry) return;
    create.mutate(toBody(v), {
      onSuccess: (res) => {
        setCreated(res);
        form.reset({ name: "", expiry: defaultExpiry });
      },
      onError: (err) => showServerErrors(form, err, target),
    });
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
      <Form
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        failed={t("failed")}
        className="flex flex-wrap items-start gap-4"
        actions={null}
      >
        <div className="w-full max-w-sm">
          <TextField name="name" label={t("name")} hint={t("nameHint", { max: NAME_MAX })} maxLength={NAME_MAX} required placeholder={t("namePlaceholder")} />
        </div>
        <div className="w-56">
          <SelectField
            name="expiry"
            label={t("expiry")}
            hint={expiry === "never" ? t("expiryNeverHint") : policy?.maxDays ? t("expiryMaxHint", { days: policy.maxDays }) : undefined}
            options={choices.map((c) => ({ value: c, label: c === "never" ? t("expiryNever") : t("expiryDays", { days: Number(c) }) }))}
            disabled={!policy}
          />
        </div>
        <Button type="submit" variant="primary" disabled={pending || !policy} className="mt-6">
          {pending ? t("submitting") : t("submit")}
        </Button>
      </Form>
    </section>
  );
}
