"use client";

import { useTranslations } from "next-intl";
import { describeError } from "@/lib/trpc-errors";
import { firstFieldMessage } from "@/components/forms/server-errors";

/**
 * A failed call in the user's words: the server's specific explanation when it gave one that no
 * form field shows (e.g. "you cannot deactivate your own account"), else errors.<code>.
 */
export function ErrorAlert({ error, showFieldMessage = false }: { error: unknown; showFieldMessage?: boolean }) {
  const t = useTranslations();
  if (!error) return null;
  const specific = showFieldMessage ? firstFieldMessage(error) : null;
  const text = specific && t.has(specific) ? t(specific) : t(`errors.${describeError(error).code}`);
  return (
    <div className="alert alert-error" role="alert">
      {text}
    </div>
  );
}
