"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Dialog } from "radix-ui";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorAlert } from "../error-alert";
import { SetupLink } from "./setup-link";
import type { UserRow } from "../types";

/**
 * An administrator resets someone else's password: they never choose it (decision 0020). The old
 * password stops working, sessions end, any lockout clears, office access waits for a supervisor
 * again, and a one-time set-up link is shown once.
 */
export function ResetPasswordDialog({ user, onDone }: { user: UserRow; onDone: (message: string) => void }) {
  const t = useTranslations("admin.users");
  const ta = useTranslations("access");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const reset = useMutation(trpc.users.resetPassword.mutationOptions());

  const issue = async () => {
    try {
      await reset.mutateAsync({ id: user.id });
      await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
      onDone(t("done.passwordReset", { name: user.name }));
    } catch {
      // Shown by ErrorAlert from the mutation's state.
    }
  };

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        // Opening starts afresh; closing forgets the link for good.
        reset.reset();
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className="btn btn-secondary btn-small" aria-label={`${ta("reset.button")}: ${user.name}`}>
          {ta("reset.button")}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content admin-dialog">
          <Dialog.Title>{reset.data ? ta("setupLink.title", { name: user.name }) : ta("reset.title", { name: user.name })}</Dialog.Title>
          {reset.data ? (
            <div className="stack">
              <Dialog.Description className="visually-hidden">{ta("setupLink.label")}</Dialog.Description>
              <SetupLink
                name={user.name}
                token={reset.data.setupToken}
                expiresAt={reset.data.expiresAt}
                pendingOffices={user.offices.map((o) => o.code)}
              />
            </div>
          ) : (
            <div className="stack">
              <Dialog.Description>{ta("reset.body")}</Dialog.Description>
              <ErrorAlert error={reset.error} showFieldMessage />
              <div className="form-actions">
                <button type="button" className="btn" disabled={reset.isPending} onClick={() => void issue()}>
                  {reset.isPending ? tc("actions.saving") : ta("reset.submit")}
                </button>
                <Dialog.Close asChild>
                  <button type="button" className="btn btn-secondary">
                    {tc("actions.cancel")}
                  </button>
                </Dialog.Close>
              </div>
            </div>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
