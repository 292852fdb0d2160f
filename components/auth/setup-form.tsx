"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { ErrorAlert } from "@/components/admin/error-alert";
import { applyServerErrors, firstFieldMessage } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Field } from "@/components/ui/field";
import { ZCompleteSetupForm, type TCompleteSetupForm } from "@/lib/schemas/admin";

/**
 * Redeems a one-time set-up link (decision 0020): the token comes from the link's fragment (never
 * sent to a server by the browser, so never in an access log) or is pasted; the person chooses
 * their own password. The fragment is cleared from the address bar once read.
 */
export function SetupForm() {
  const t = useTranslations("access.setup");
  const ta = useTranslations("admin.users");
  const trpc = useTRPC();
  const [show, setShow] = useState(false);
  const complete = useMutation(trpc.account.completeSetup.mutationOptions());
  const { register, handleSubmit, formState, setError, setValue } = useForm<TCompleteSetupForm>({
    resolver: zodResolver(ZCompleteSetupForm),
    defaultValues: { token: "", password: "", confirm: "" },
  });

  useEffect(() => {
    const fromLink = window.location.hash.slice(1);
    if (fromLink) {
      setValue("token", fromLink);
      window.history.replaceState(null, "", window.location.pathname);
    }
  }, [setValue]);

  const onSubmit = handleSubmit(async (values) => {
    try {
      await complete.mutateAsync({ token: values.token, password: values.password });
    } catch (error) {
      applyServerErrors(error, setError, ["password", "confirm"]);
    }
  });

  if (complete.isSuccess) {
    return (
      <div className="stack">
        <p className="alert alert-success" role="status">
          {t("done")}
        </p>
        <Link className="btn" href="/login">
          {t("signIn")}
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} className="stack" noValidate>
      {/* A refused link is said in the banner (no field shows it); a refused password on its field. */}
      <ErrorAlert error={complete.error} showFieldMessage={firstFieldMessage(complete.error) === "access.errors.linkInvalid"} />
      <Field id="setup-token" label={t("token")} hint={t("tokenHint")} error={formState.errors.token?.message}>
        {(aria) => <input className="input code" autoComplete="off" spellCheck={false} dir="ltr" {...aria} {...register("token")} />}
      </Field>
      <Field id="setup-password" label={t("password")} hint={ta("fields.passwordRules")} error={formState.errors.password?.message}>
        {(aria) => (
          <input className="input" type={show ? "text" : "password"} autoComplete="new-password" spellCheck={false} {...aria} {...register("password")} />
        )}
      </Field>
      <Field id="setup-confirm" label={t("confirm")} error={formState.errors.confirm?.message}>
        {(aria) => (
          <input className="input" type={show ? "text" : "password"} autoComplete="new-password" spellCheck={false} {...aria} {...register("confirm")} />
        )}
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
        {t("show")}
      </label>
      <button type="submit" className="btn" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t("saving") : t("submit")}
      </button>
    </form>
  );
}
