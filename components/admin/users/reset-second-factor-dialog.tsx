"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc";
import type { UserRow } from "../types";
import { ConfirmUserActionDialog } from "./confirm-user-action-dialog";

/** Removes a user's second factor (a lost phone) after an explicit confirmation; focus starts on Cancel. */
export function ResetSecondFactorDialog({ user, onDone }: { user: UserRow; onDone: (message: string) => void }) {
  const t = useTranslations("mfa.reset");
  const trpc = useTRPC();
  const reset = useMutation(trpc.users.resetSecondFactor.mutationOptions());
  return (
    <ConfirmUserActionDialog
      user={user}
      mutation={reset}
      verb={t("button")}
      title={t("title", { name: user.name })}
      body={t("body")}
      danger
      triggerDanger={false}
      doneMessage={t("done", { name: user.name })}
      onDone={onDone}
    />
  );
}
