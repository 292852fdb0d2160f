"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { AlertDialog } from "radix-ui";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorAlert } from "../error-alert";
import type { UserRow } from "../types";

/** The part of a tRPC mutation (`useMutation(trpc.users.X.mutationOptions())`) the dialog uses. */
type UserMutation = {
  mutateAsync: (input: { id: number }) => Promise<unknown>;
  reset: () => void;
  isPending: boolean;
  error: unknown;
};

/**
 * An action on one user that takes effect only after an explicit confirmation (deactivate,
 * reactivate, reset the second factor); focus starts on Cancel, the server's refusal shows in the
 * dialog, and the user list reloads after success.
 */
export function ConfirmUserActionDialog({
  user,
  mutation,
  verb,
  title,
  body,
  danger,
  triggerDanger = danger,
  doneMessage,
  onDone,
}: {
  user: UserRow;
  mutation: UserMutation;
  verb: string;
  title: string;
  body: string;
  danger: boolean;
  triggerDanger?: boolean;
  doneMessage: string;
  onDone: (message: string) => void;
}) {
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);

  async function confirm() {
    try {
      await mutation.mutateAsync({ id: user.id });
      await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
      setOpen(false);
      onDone(doneMessage);
    } catch {
      // Shown in the dialog through mutation.error.
    }
  }

  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) mutation.reset();
      }}
    >
      <AlertDialog.Trigger asChild>
        <button type="button" className={`btn btn-small ${triggerDanger ? "btn-danger" : "btn-secondary"}`} aria-label={`${verb}: ${user.name}`}>
          {verb}
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog-content admin-dialog">
          <AlertDialog.Title>{title}</AlertDialog.Title>
          <AlertDialog.Description>{body}</AlertDialog.Description>
          <div className="stack">
            <ErrorAlert error={mutation.error} showFieldMessage />
            <div className="form-actions">
              <AlertDialog.Cancel asChild>
                <button type="button" className="btn btn-secondary">
                  {tc("actions.cancel")}
                </button>
              </AlertDialog.Cancel>
              {/* Not AlertDialog.Action: that would close the dialog before the server answers. */}
              <button type="button" className={`btn ${danger ? "btn-danger" : ""}`} onClick={confirm} disabled={mutation.isPending}>
                {mutation.isPending ? tc("actions.saving") : verb}
              </button>
            </div>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
