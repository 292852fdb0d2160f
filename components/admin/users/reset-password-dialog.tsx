"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Dialog } from "radix-ui";
import { useTRPC } from "@/components/providers/trpc";
import { Field } from "@/components/ui/field";
import { ZResetPasswordForm, type TResetPasswordForm } from "@/lib/schemas/admin";
import { ErrorAlert } from "../error-alert";
import { applyServerErrors } from "@/components/forms/server-errors";
import type { UserRow } from "../types";

/** An administrator sets a new password for someone else; their sessions end and any lockout clears. */
export function ResetPasswordDialog({ user, onDone }: { user: UserRow; onDone: (message: string) => void }) {
  const t = useTranslations("admin.users");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [show, setShow] = useState(false);
  const reset = useMutation(trpc.users.resetPassword.mutationOptions());
  const form = useForm<TResetPasswordForm>({
    resolver: zodResolver(ZResetPasswordForm),
    defaultValues: { id: user.id, password: "", confirm: "" },
  });
  const { register, handleSubmit, formState, setError } = form;
  const idPrefix = `reset-${user.id}`;

  const onSubmit = handleSubmit(async (values) => {
    try {
      await reset.mutateAsync({ id: values.id, password: values.password });
      await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
      setOpen(false);
      onDone(t("done.passwordReset", { name: user.name }));
    } catch (error) {
      applyServerErrors(error, setError, ["password", "confirm"]);
    }
  });

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          form.reset({ id: user.id, password: "", confirm: "" });
          reset.reset();
          setShow(false);
        }
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className="btn btn-secondary btn-small" aria-label={`${t("resetPassword")}: ${user.name}`}>
          {t("resetPassword")}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content admin-dialog">
          <Dialog.Title>{t("resetTitle", { name: user.name })}</Dialog.Title>
          <Dialog.Description>{t("resetBody")}</Dialog.Description>
          <form onSubmit={onSubmit} className="stack" noValidate>
            <ErrorAlert error={reset.error} />
            <Field
              id={`${idPrefix}-password`}
              label={t("fields.newPassword")}
              hint={t("fields.passwordHint")}
              error={formState.errors.password?.message}
            >
              {(aria) => (
                <input
                  className="input"
                  type={show ? "text" : "password"}
                  autoComplete="new-password"
                  spellCheck={false}
                  {...aria}
                  {...register("password")}
                />
              )}
            </Field>
            <Field id={`${idPrefix}-confirm`} label={t("fields.confirmPassword")} error={formState.errors.confirm?.message}>
              {(aria) => (
                <input
                  className="input"
                  type={show ? "text" : "password"}
                  autoComplete="new-password"
                  spellCheck={false}
                  {...aria}
                  {...register("confirm")}
                />
              )}
            </Field>
            <label className="checkbox">
              <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
              {t("fields.showPassword")}
            </label>
            <div className="form-actions">
              <button type="submit" className="btn" disabled={formState.isSubmitting}>
                {formState.isSubmitting ? tc("actions.saving") : t("resetSubmit")}
              </button>
              <Dialog.Close asChild>
                <button type="button" className="btn btn-secondary">
                  {tc("actions.cancel")}
                </button>
              </Dialog.Close>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
