"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import type { AuditFilterValues } from "./audit-filters";

/**
 * Download of the events the filters select, as CSV or JSON: a plain form POST to the export route
 * handler (the browser saves the file), carrying the applied filters as hidden fields.
 */
export function ExportAuditForm({ filters }: { filters: AuditFilterValues }) {
  const t = useTranslations("audit.export");
  const id = useId();
  const hidden = Object.entries(filters).filter(([, v]) => v !== undefined && v !== "");
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("title")}</h2>
      <p className="muted">{t("intro")}</p>
      <form className="row" method="post" action="/api/audit/export">
        {hidden.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={String(value)} />
        ))}
        <div className="field">
          <label htmlFor={`${id}-format`}>{t("format")}</label>
          <select id={`${id}-format`} name="format" className="input" defaultValue="csv">
            <option value="csv">{t("csv")}</option>
            <option value="json">{t("json")}</option>
          </select>
        </div>
        <button type="submit" className="btn btn-secondary">
          {t("button")}
        </button>
      </form>
    </section>
  );
}
