import Link from "next/link";
import { useTranslations } from "next-intl";
import { Fragment } from "react";
import { PrintButton } from "@/components/statistics/print-button";
import { helpSections } from "@/lib/interchange/format-help";
import { MIN_REGISTRATION_DATE, MULTI_SEPARATOR } from "@/lib/interchange/format";
import "./import-format-help.css";

export type ImportLimits = { maxCellChars: number; maxColumns: number; maxUploadMb: number; maxRows: number };

const RULES = ["encoding", "header", "separators", "multi", "picklists", "countries", "dates", "empty", "rows", "limits", "formulas", "identity", "check"] as const;

/** A multi-value example may wrap after each separator, never inside a value. */
function breakAfterSeparators(value: string) {
  return value.split(MULTI_SEPARATOR).map((part, i, all) => (
    <Fragment key={i}>
      {part}
      {i < all.length - 1 && (
        <>
          {MULTI_SEPARATOR}
          <wbr />
        </>
      )}
    </Fragment>
  ));
}

/** Links to the two template files (the route handler app/api/import/template). */
export function ImportTemplateLinks() {
  const t = useTranslations("importFormat");
  return (
    <p className="import-template-links">
      <a className="btn btn-secondary" href="/api/import/template?format=csv" download>
        {t("csvTemplate")}
      </a>
      <a className="btn btn-secondary" href="/api/import/template?format=xlsx" download>
        {t("xlsxTemplate")}
      </a>
    </p>
  );
}

/**
 * The import format explained (issue 15, item 13): the file rules, then one table per section of
 * columns, every row generated from COLUMNS (lib/interchange/format-help.ts) with its meaning from
 * the catalogue. The tables scroll sideways inside their box on a phone and print whole.
 */
export function ImportFormatHelp({ limits, officeCode }: { limits: ImportLimits; officeCode: string | null }) {
  const t = useTranslations("importFormat");
  const params = { ...limits, separator: MULTI_SEPARATOR, minRegistrationDate: MIN_REGISTRATION_DATE };
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p>{t("intro")}</p>
        </div>
        <div className="page-header-actions no-print">
          <Link href="/import" className="btn btn-secondary">
            {t("backToImport")}
          </Link>
          <PrintButton label={t("print")} />
        </div>
      </div>

      <section className="card stack" aria-labelledby="format-templates">
        <h2 id="format-templates">{t("templatesTitle")}</h2>
        <p>{t("templatesIntro")}</p>
        <ImportTemplateLinks />
      </section>

      <section className="card stack" aria-labelledby="format-rules">
        <h2 id="format-rules">{t("rulesTitle")}</h2>
        <ul className="format-rules">
          {RULES.map((rule) => (
            <li key={rule}>{t(`rules.${rule}`, params)}</li>
          ))}
        </ul>
      </section>

      <section className="stack" aria-labelledby="format-columns">
        <h2 id="format-columns">{t("columnsTitle")}</h2>
        <p>{t("columnsIntro")}</p>
        {helpSections(officeCode).map(({ section, columns }) => (
          <section key={section} className="stack">
            <h3 id={`format-${section}`}>{t(`sections.${section}`)}</h3>
            {/* A focusable region, so that a keyboard can scroll the table sideways on a phone. */}
            <div className="table-wrap format-table-wrap" role="region" aria-labelledby={`format-${section}`} tabIndex={0}>
              <table className="table format-table">
                <caption className="visually-hidden">{t(`sections.${section}`)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("table.column")}</th>
                    <th scope="col">{t("table.meaning")}</th>
                    <th scope="col">{t("table.type")}</th>
                    <th scope="col">{t("table.allowed")}</th>
                    <th scope="col">{t("table.example")}</th>
                  </tr>
                </thead>
                <tbody>
                  {columns.map((c) => (
                    <tr key={c.name} id={`column-${c.name}`}>
                      <th scope="row">
                        <code>{c.name}</code>
                        {c.required && (
                          <>
                            {" "}
                            <span className="badge badge-warning">{t("table.required")}</span>
                          </>
                        )}
                      </th>
                      <td>{t(`columns.${c.name}`)}</td>
                      <td>{t(`kinds.${c.kind}`, c.kindParams)}</td>
                      <td>
                        {c.values.length === 0 ? (
                          <span aria-hidden="true">{t("table.anyValue")}</span>
                        ) : (
                          <ul className="format-values">
                            {c.values.map((v) => (
                              <li key={v}>
                                <code>{v}</code>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>{c.example ? <code>{breakAfterSeparators(c.example)}</code> : <span className="muted">{t("table.noExample")}</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
      </section>
    </>
  );
}
