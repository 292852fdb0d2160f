"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { AlertDialog } from "radix-ui";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorAlert } from "../error-alert";
import type { UserRow } from "../types";

/** Deactivate (or reactivate) after an explicit confirmation; focus starts on Cancel. */
export function SetActiveDialog({ user, onDone }: { user: UserRow; onDone: (message: string) => void }) {
  const t = useTranslations("admin.users");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const deactivate = useMutation(trpc.users.deactivate.mutationOptions());
  const reactivate = useMutation(trpc.users.reactivate.mutationOptions());
  const turningOff = user.active;
  const mutation = turningOff ? deactivate : reactivate;

  async function confirm() {
    try {
      await mutation.mutateAsync({ id: user.id });
      await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
      setOpen(false);
      onDone(t(turningOff ? "done.deactivated" : "done.reactivated", { name: user.name }));
    } catch {
      // Shown in the dialog through mutation.error.
    }
  }

  const verb = turningOff ? t("deactivate") : t("reactivate");
  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) mutation.reset();
      }}
    >
      <AlertDialog.Trigger asChild>
        <button
          type="button"
          className={`btn btn-small ${turningOff ? "btn-danger" : "btn-secondary"}`}
          aria-label={`${verb}: ${user.name}`}
        >
          {verb}
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog-content admin-dialog">
          <AlertDialog.Title>
            {turningOff ? t("deactivateTitle", { name: user.name }) : t("reactivateTitle", { name: user.name })}
          </AlertDialog.Title>
          <AlertDialog.Description>{turningOff ? t("deactivateBody") : t("reactivateBody")}</AlertDialog.Description>
          <div className="stack">
            <ErrorAlert error={mutation.error} showFieldMessage />
            <div className="form-actions">
              <AlertDialog.Cancel asChild>
                <button type="button" className="btn btn-secondary">
                  {tc("actions.cancel")}
                </button>
              </AlertDialog.Cancel>
              {/* Not AlertDialog.Action: that would close the dialog before the server answers. */}
              <button
                type="button"
                className={`btn ${turningOff ? "btn-danger" : ""}`}
                onClick={confirm}
                disabled={mutation.isPending}
              >
                {mutation.isPending ? tc("actions.saving") : verb}
              </button>
            </div>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
