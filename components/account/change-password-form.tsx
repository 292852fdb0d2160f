"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { ErrorAlert } from "@/components/admin/error-alert";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Field } from "@/components/ui/field";
import { ZChangeOwnPasswordForm, type TChangeOwnPasswordForm } from "@/lib/schemas/account";

const EMPTY: TChangeOwnPasswordForm = { currentPassword: "", newPassword: "", confirm: "" };

/**
 * The user changes their own password (decision 0031): the current one, then the new one twice.
 * A refusal sits on its field (wrong current password, policy); on success the form empties, the
 * page says how many other sessions ended, and the session list reloads.
 */
export function ChangePasswordForm() {
  const t = useTranslations("account.password");
  const ta = useTranslations("admin.users");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [show, setShow] = useState(false);
  const change = useMutation(trpc.me.changePassword.mutationOptions());
  const { register, handleSubmit, formState, setError, reset } = useForm<TChangeOwnPasswordForm>({
    resolver: zodResolver(ZChangeOwnPasswordForm),
    defaultValues: EMPTY,
  });

  const onSubmit = handleSubmit(async (values) => {
    try {
      await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      reset(EMPTY);
      await queryClient.invalidateQueries({ queryKey: trpc.me.sessions.queryKey() });
    } catch (error) {
      applyServerErrors(error, setError, ["currentPassword", "newPassword", "confirm"]);
    }
  });

  const type = show ? "text" : "password";
  return (
    <section className="card" aria-labelledby="account-password-title">
      <h2 id="account-password-title">{t("title")}</h2>
      <p className="muted">{t("intro")}</p>
      <form onSubmit={onSubmit} className="stack account-form" noValidate>
        {change.isSuccess && (
          <p className="alert alert-success" role="status">
            {t("done", { count: change.data.sessionsEnded })}
          </p>
        )}
        {/* Refusals the server names a field for are shown on that field; anything else here. */}
        {change.error && Object.keys(formState.errors).length === 0 && <ErrorAlert error={change.error} />}
        <Field id="account-current" label={t("current")} error={formState.errors.currentPassword?.message}>
          {(aria) => <input className="input" type={type} autoComplete="current-password" spellCheck={false} {...aria} {...register("currentPassword")} />}
        </Field>
        <Field id="account-new" label={t("new")} hint={ta("fields.passwordRules")} error={formState.errors.newPassword?.message}>
          {(aria) => <input className="input" type={type} autoComplete="new-password" spellCheck={false} {...aria} {...register("newPassword")} />}
        </Field>
        <Field id="account-confirm" label={t("confirm")} error={formState.errors.confirm?.message}>
          {(aria) => <input className="input" type={type} autoComplete="new-password" spellCheck={false} {...aria} {...register("confirm")} />}
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
          {t("show")}
        </label>
        <div>
          <button type="submit" className="btn" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t("saving") : t("submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
