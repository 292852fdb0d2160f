"use client";

import { useTranslations } from "next-intl";
import type { Role } from "@/lib/permissions";
import type { OfficeChoice } from "../types";

/**
 * The offices of a user: one (a select) for a caseworker, one or more (checkboxes) for a
 * supervisor, none for the other roles. Inactive offices are offered only if already held.
 */
export function OfficePicker({
  idPrefix,
  role,
  offices,
  value,
  onChange,
  error,
}: {
  idPrefix: string;
  role: Role;
  offices: OfficeChoice[];
  value: number[];
  onChange: (ids: number[]) => void;
  error?: string;
}) {
  const t = useTranslations();
  const choices = offices.filter((o) => o.active || value.includes(o.id));
  const errorId = error ? `${idPrefix}-offices-error` : undefined;
  const errorText = error ? (
    <span className="error" id={errorId}>
      {t.has(error) ? t(error) : t("validation.invalid")}
    </span>
  ) : null;
  const label = (o: OfficeChoice) => `${o.code} — ${o.name}`;

  if (role === "caseworker") {
    const id = `${idPrefix}-office`;
    return (
      <div className="field">
        <label htmlFor={id}>{t("admin.users.fields.office")}</label>
        <select
          id={id}
          className="input"
          value={value[0] ?? ""}
          aria-invalid={Boolean(error)}
          aria-describedby={errorId}
          onChange={(e) => onChange(e.target.value ? [Number(e.target.value)] : [])}
        >
          <option value="">{t("admin.users.fields.chooseOffice")}</option>
          {choices.map((o) => (
            <option key={o.id} value={o.id}>
              {label(o)}
            </option>
          ))}
        </select>
        {errorText}
      </div>
    );
  }

  if (role === "supervisor") {
    return (
      <fieldset className="field" aria-describedby={[`${idPrefix}-offices-hint`, errorId].filter(Boolean).join(" ")}>
        <legend>{t("admin.users.fields.offices")}</legend>
        <span className="hint" id={`${idPrefix}-offices-hint`}>
          {t("admin.users.fields.officesHint")}
        </span>
        <div className="admin-checkbox-list">
          {choices.map((o) => (
            <label key={o.id} className="checkbox">
              <input
                type="checkbox"
                checked={value.includes(o.id)}
                onChange={(e) => onChange(e.target.checked ? [...value, o.id] : value.filter((v) => v !== o.id))}
              />
              {label(o)}
            </label>
          ))}
        </div>
        {errorText}
      </fieldset>
    );
  }

  return <p className="muted small">{t("admin.users.fields.noOfficesForRole")}</p>;
}
