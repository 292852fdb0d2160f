"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";

/**
 * Export of an office's cases: a plain form POST to the export route handler, which answers with
 * the CSV file (the browser saves it). Identity columns only when ticked, with the warning shown.
 */
export function ExportForm({ offices, mayIncludeIdentity }: { offices: { code: string; name: string }[]; mayIncludeIdentity: boolean }) {
  const t = useTranslations("interchange.page");
  const [identity, setIdentity] = useState(false);
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("exportTitle")}</h2>
      <p className="muted">{t("exportIntro")}</p>
      <form className="stack" method="post" action="/api/export">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-office`}>
            {t("exportOffice")}
          </label>
          <select id={`${id}-office`} name="office" className="input" defaultValue={offices[0]?.code}>
            {offices.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name} ({o.code})
              </option>
            ))}
          </select>
        </div>
        {mayIncludeIdentity && (
          <label className="checkbox">
            <input type="checkbox" name="identity" value="1" checked={identity} onChange={(e) => setIdentity(e.target.checked)} />
            <span>{t("includeIdentity")}</span>
          </label>
        )}
        {identity && (
          <div className="alert alert-warning" role="note">
            {t("identityWarning")}
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-secondary" disabled={offices.length === 0}>
            {t("download")}
          </button>
        </div>
      </form>
    </section>
  );
}
