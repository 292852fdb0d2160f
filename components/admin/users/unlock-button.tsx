"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc";
import type { UserRow } from "../types";

/** Clears a lockout at once (no confirmation: it only gives back what the timer would). */
export function UnlockButton({
  user,
  onDone,
  onError,
}: {
  user: UserRow;
  onDone: (message: string) => void;
  onError: (error: unknown) => void;
}) {
  const t = useTranslations("admin.users");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const unlock = useMutation(trpc.users.unlock.mutationOptions());
  return (
    <button
      type="button"
      className="btn btn-secondary btn-small"
      aria-label={`${t("unlock")}: ${user.name}`}
      disabled={unlock.isPending}
      onClick={async () => {
        try {
          await unlock.mutateAsync({ id: user.id });
          await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
          onDone(t("done.unlocked", { name: user.name }));
        } catch (error) {
          onError(error);
        }
      }}
    >
      {t("unlock")}
    </button>
  );
}
