"use client";

import { useTranslations } from "next-intl";
import { describeError } from "@/lib/trpc-errors";

/** The banner for a failed server call, in the user's words (errors.<code>). */
export function ErrorBanner({ error }: { error: unknown }) {
  const t = useTranslations("errors");
  if (!error) return null;
  const { code } = describeError(error);
  return (
    <div className="alert alert-error" role="alert">
      {t(code)}
    </div>
  );
}
