"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { countryName, regionName, REGION_IDS } from "@/lib/reference/countries";
import { ErrorAlert } from "../error-alert";
import { OfficeFormDialog } from "./office-form-dialog";

function regionLabel(region: string): string {
  const known = REGION_IDS.find((r) => r === region);
  return known ? regionName(known) : region;
}

/** The offices page: the table, with create and edit dialogs for administrators. */
export function OfficesView({ canManage }: { canManage: boolean }) {
  const t = useTranslations("admin.offices");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const [showInactive, setShowInactive] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery(trpc.offices.list.queryOptions(showInactive ? {} : { active: true }));
  const rows = list.data ?? [];

  return (
    <div className="stack">
      <div className="row admin-toolbar">
        {canManage && <OfficeFormDialog onDone={setNotice} />}
        <label className="checkbox">
          <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} />
          {t("showInactive")}
        </label>
        <p className="admin-notice" role="status" aria-live="polite">
          {notice}
        </p>
      </div>
      <ErrorAlert error={list.error} />
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t("title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.code")}</th>
              <th scope="col">{t("columns.name")}</th>
              <th scope="col">{t("columns.country")}</th>
              <th scope="col">{t("columns.region")}</th>
              <th scope="col" className="num">
                {t("columns.users")}
              </th>
              <th scope="col">{t("columns.status")}</th>
              {canManage && <th scope="col">{t("columns.actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((office) => (
              <tr key={office.id} className={office.active ? undefined : "admin-row-inactive"}>
                <td className="code">{office.code}</td>
                <td>{office.name}</td>
                <td>
                  {countryName(office.countryIso2)} <span className="muted small">({office.countryIso2})</span>
                </td>
                <td>{regionLabel(office.region)}</td>
                <td className="num">{office.userCount}</td>
                <td>
                  <span className={`badge ${office.active ? "badge-success" : ""}`}>
                    {office.active ? t("status.active") : t("status.inactive")}
                  </span>
                </td>
                {canManage && (
                  <td>
                    <OfficeFormDialog office={office} onDone={setNotice} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {list.isPending && <p className="empty">{tc("actions.loading")}</p>}
        {!list.isPending && rows.length === 0 && <p className="empty">{t("empty")}</p>}
      </div>
      <p className="muted small">{t("count", { count: rows.length })}</p>
    </div>
  );
}
