"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { AlertDialog } from "radix-ui";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorAlert } from "../error-alert";
import type { UserRow } from "../types";

/** Removes a user's second factor (a lost phone) after an explicit confirmation; focus starts on Cancel. */
export function ResetSecondFactorDialog({ user, onDone }: { user: UserRow; onDone: (message: string) => void }) {
  const t = useTranslations("mfa.reset");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const reset = useMutation(trpc.users.resetSecondFactor.mutationOptions());

  async function confirm() {
    try {
      await reset.mutateAsync({ id: user.id });
      await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
      setOpen(false);
      onDone(t("done", { name: user.name }));
    } catch {
      // Shown in the dialog through reset.error.
    }
  }

  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) reset.reset();
      }}
    >
      <AlertDialog.Trigger asChild>
        <button type="button" className="btn btn-secondary btn-small" aria-label={`${t("button")}: ${user.name}`}>
          {t("button")}
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog-content admin-dialog">
          <AlertDialog.Title>{t("title", { name: user.name })}</AlertDialog.Title>
          <AlertDialog.Description>{t("body")}</AlertDialog.Description>
          <div className="stack">
            <ErrorAlert error={reset.error} showFieldMessage />
            <div className="form-actions">
              <AlertDialog.Cancel asChild>
                <button type="button" className="btn btn-secondary">
                  {tc("actions.cancel")}
                </button>
              </AlertDialog.Cancel>
              {/* Not AlertDialog.Action: that would close the dialog before the server answers. */}
              <button type="button" className="btn btn-danger" onClick={confirm} disabled={reset.isPending}>
                {reset.isPending ? tc("actions.saving") : t("confirm")}
              </button>
            </div>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
