"use client";

import { useTranslations } from "next-intl";
import { formatUtc } from "../format";
import type { AuditRow } from "../types";

/** The trail as a table: readable action names, the actor's display name, details as key: value. */
export function AuditTable({ rows, showIp }: { rows: AuditRow[]; showIp: boolean }) {
  const t = useTranslations("audit");
  const tc = useTranslations("common");
  const label = (prefix: string, key: string) => (t.has(`${prefix}.${key}`) ? t(`${prefix}.${key}`) : key);
  const value = (v: string) => (v === "true" ? tc("yes") : v === "false" ? tc("no") : v);

  return (
    <div className="table-wrap">
      <table className="table admin-audit-table">
        <caption className="visually-hidden">{t("title")}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">{t("columns.at")}</th>
            <th scope="col">{t("columns.action")}</th>
            <th scope="col">{t("columns.actor")}</th>
            <th scope="col">{t("columns.entity")}</th>
            <th scope="col">{t("columns.office")}</th>
            <th scope="col">{t("columns.details")}</th>
            {showIp && <th scope="col">{t("columns.ip")}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="num">{row.id}</td>
              <td className="admin-nowrap">{formatUtc(row.at)}</td>
              <td>{label("actions", row.action)}</td>
              <td>{row.actorName ?? <span className="muted">{t("system")}</span>}</td>
              <td>
                {row.entityType && <span className="muted small">{label("entityTypes", row.entityType)} </span>}
                {row.entityId && <span className="code">{row.entityId}</span>}
              </td>
              <td>{row.officeCode ?? <span className="muted">—</span>}</td>
              <td>
                {row.details.length > 0 ? (
                  <dl className="admin-details">
                    {row.details.map((d) => (
                      <div key={d.key}>
                        <dt>{label("detailKeys", d.key)}</dt>
                        <dd>{value(d.value)}</dd>
                      </div>
                    ))}
                  </dl>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              {showIp && <td className="code small">{row.ip ?? "—"}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
