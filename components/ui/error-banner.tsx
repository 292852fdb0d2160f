"use client";

import { useTranslations } from "next-intl";
import { firstFieldMessage } from "@/components/forms/server-errors";
import { describeError } from "@/lib/trpc-errors";

/**
 * The banner for a failed server call, in the user's words (errors.<code>); with `showFieldMessage`,
 * the server's specific explanation when it gave one that no form field shows (e.g. "you cannot
 * deactivate your own account").
 */
export function ErrorBanner({ error, showFieldMessage = false }: { error: unknown; showFieldMessage?: boolean }) {
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
