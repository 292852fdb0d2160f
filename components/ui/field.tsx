"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

/**
 * A labelled field: label, optional hint and error, with the ids wired for screen readers. The
 * control is passed as a render function receiving the aria props it must spread.
 */
export function Field({
  id,
  label,
  hint,
  error,
  optional,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  /** A message-catalogue key (e.g. "validation.required") or null. */
  error?: string | null;
  optional?: boolean;
  children: (aria: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}) {
  const t = useTranslations();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {optional && <span className="muted small"> ({t("common.optional")})</span>}
      </label>
      {hint && (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      )}
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy })}
      {error && (
        <span className="error" id={errorId}>
          {t.has(error) ? t(error) : t("validation.invalid")}
        </span>
      )}
    </div>
  );
}
