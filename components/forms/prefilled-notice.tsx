"use client";

import { useTranslations } from "next-intl";

/** Says that a new draft starts from what registration or the screening recorded (ask once). */
export function PrefilledNotice({ form }: { form: "screening" | "assistance" }) {
  const t = useTranslations("askOnce.prefilled");
  return (
    <p className="alert alert-info" role="status" data-testid="prefilled-notice">
      {t(form)}
    </p>
  );
}
