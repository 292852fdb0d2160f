"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc";
import type { UserRow } from "../types";
import { ConfirmUserActionDialog } from "./confirm-user-action-dialog";

/** Deactivate (or reactivate) after an explicit confirmation; focus starts on Cancel. */
export function SetActiveDialog({ user, onDone }: { user: UserRow; onDone: (message: string) => void }) {
  const t = useTranslations("admin.users");
  const trpc = useTRPC();
  const deactivate = useMutation(trpc.users.deactivate.mutationOptions());
  const reactivate = useMutation(trpc.users.reactivate.mutationOptions());
  const turningOff = user.active;
  return (
    <ConfirmUserActionDialog
      user={user}
      mutation={turningOff ? deactivate : reactivate}
      verb={turningOff ? t("deactivate") : t("reactivate")}
      title={turningOff ? t("deactivateTitle", { name: user.name }) : t("reactivateTitle", { name: user.name })}
      body={turningOff ? t("deactivateBody") : t("reactivateBody")}
      danger={turningOff}
      doneMessage={t(turningOff ? "done.deactivated" : "done.reactivated", { name: user.name })}
      onDone={onDone}
    />
  );
}
